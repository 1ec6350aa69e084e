// The keys a view names on its own lines ("j/k PgDn g/G select, Enter body & properties, R re-peek, p replay"),
// written from the keymap: a view declares (meaning, what it does here) pairs, and the line names the keys the
// keymap gives those meanings. So the keys a view names are the keys the dispatcher acts on, as `dialogHint` does for
// dialogs (dialog-keys.ts). Movement is the one rule of every list (`listMove`).
import {NAVIGATE} from './bindings.js';
import {APP_KEYMAP, keyLabel, type Binding, type CommandId, type Keymap} from './keymap.js';

/** A meaning a view's key line names: list movement, one of the cockpit's commands, or an action by its kind. */
export type ViewKey = 'move' | CommandId | {readonly action: string};

/** One part of a view's key line: a meaning, and what it does in this view. */
export type ViewKeyPart = readonly [ViewKey, string];

const navKeys = (id: CommandId): readonly string[] => NAVIGATE.find((b) => b.id === id)?.keys ?? [];
// The letter of a movement (j, k, g, G) where it has one: the shortest way to write it on a crowded line.
const letter = (id: CommandId) => {
  const keys = navKeys(id);
  return keys.find((k) => k.length === 1) ?? keyLabel(keys[0] ?? id);
};

/** "j/k PgDn g/G": the movement keys every list takes, by their letters ("j/k PgUp/PgDn g/G" with both pages). */
export function moveKeys(pages: 'down' | 'both' = 'down'): string {
  const page = (id: CommandId) => keyLabel(navKeys(id)[0] ?? id);
  const paging = pages === 'both' ? `${page('page-up')}/${page('page-down')}` : page('page-down');
  return `${letter('move-down')}/${letter('move-up')} ${paging} ${letter('top')}/${letter('bottom')}`;
}

function bindingOf(part: Exclude<ViewKey, 'move'>, keymap: Keymap): Binding | undefined {
  return keymap.bindings.find((b) => (typeof part === 'string' ? b.id === part : b.action === part.action));
}

/** The key (its name, as the dispatcher gets it) that means `part`, or undefined when nothing is bound to it. */
export function viewKeyName(part: Exclude<ViewKey, 'move'>, keymap: Keymap = APP_KEYMAP): string | undefined {
  return bindingOf(part, keymap)?.keys[0];
}

/** How a view's line names a meaning: its first key's label (`Esc`, `?`, `R`), or undefined when nothing is bound to it. */
export function viewKeyLabel(part: Exclude<ViewKey, 'move'>, keymap: Keymap = APP_KEYMAP): string | undefined {
  const key = viewKeyName(part, keymap);
  return key === undefined ? undefined : keyLabel(key);
}

/**
 * What key `name` means among a view's declared parts, or undefined: the view's key handler asks this, and its key
 * line is written from the same parts, so a key acts in the view exactly when the line names it. (Movement is
 * `listMove`'s, which every list asks first.)
 */
export function viewKeyOf(name: string, parts: readonly ViewKeyPart[], keymap: Keymap = APP_KEYMAP): Exclude<ViewKey, 'move'> | undefined {
  const binding = keymap.bindingFor(name);
  if (!binding) return undefined;
  for (const [part] of parts) {
    if (part !== 'move' && (typeof part === 'string' ? binding.id === part : binding.action === part.action)) return part;
  }
  return undefined;
}

/** A view's key line from its parts; a meaning no key is bound to is left out, so the line never names a dead key. */
export function viewHint(parts: readonly ViewKeyPart[], keymap: Keymap = APP_KEYMAP): string {
  return parts
    .flatMap(([part, what]) => {
      const key = part === 'move' ? moveKeys() : viewKeyLabel(part, keymap);
      return key === undefined ? [] : [`${key} ${what}`];
    })
    .join(', ');
}

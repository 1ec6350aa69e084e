// The one keymap: the cockpit's own bindings and every action's key, from the action definitions. It drives the
// global key handler, the footer hints, the `?` help and docs/keys.md (gemini-cli keyBindings.ts).
import {ACTIONS} from '../../actions/defs/index.js';
import type {ActionDefinition} from '../../actions/definition.js';
import {COCKPIT, commandBinding, HELP, NAVIGATE, VIEWS, type Binding} from './bindings.js';

export {keyLabel, keysLabel, listMove, type Binding, type CommandId, type Place} from './bindings.js';

/** A keymap with its lookup by key name. */
export interface Keymap {
  readonly bindings: readonly Binding[];
  /** The binding for a key name, if any. */
  bindingFor(key: string): Binding | undefined;
  /** The action a binding begins, if it is an action's key. */
  actionOf(binding: Binding): ActionDefinition | undefined;
}

/** An action's key as a binding: its id is the action's kind, and it is offered only where the action is available. */
function actionBinding(def: ActionDefinition): Binding {
  return {id: 'action', action: def.kind, group: 'Actions', needs: def.kind, ...def.key};
}

/** The keymap of a list of action definitions. Two bindings on one key, or two commands on one word, are caught here. */
export function keymapOf(actions: readonly ActionDefinition[]): Keymap {
  const commands = actions.map((a) => `${a.command.word}${a.command.usage ? ` ${a.command.usage}` : ''}`);
  const bindings = [...NAVIGATE, ...VIEWS, commandBinding(commands), HELP, ...actions.map(actionBinding), ...COCKPIT];
  const byKey = new Map<string, Binding>();
  for (const b of bindings) {
    for (const k of b.keys) {
      const taken = byKey.get(k);
      if (taken) throw new Error(`key ${k} is bound twice: ${taken.action ?? taken.id} and ${b.action ?? b.id}`);
      byKey.set(k, b);
    }
  }
  const words = new Set(['ctx', 'context', 'pane', 'focus', 'logs', 'journal', 'timeline', 'alerts', 'help', 'q', 'quit']);
  for (const a of actions) {
    if (words.has(a.command.word)) throw new Error(`command word ${a.command.word} is taken (action ${a.kind})`);
    words.add(a.command.word);
  }
  const byKind = new Map(actions.map((a) => [a.kind, a]));
  return {bindings, bindingFor: (key) => byKey.get(key), actionOf: (b) => (b.action === undefined ? undefined : byKind.get(b.action))};
}

/** The cockpit's keymap, with the app's actions. */
export const APP_KEYMAP = keymapOf(ACTIONS);
export const KEYMAP: readonly Binding[] = APP_KEYMAP.bindings;

/** The binding for a key name in the app's keymap, if any. */
export function bindingFor(key: string): Binding | undefined {
  return APP_KEYMAP.bindingFor(key);
}

// The keys inside dialogs, declared once: each dialog asks `dialogKey(name)` what a key means, and writes its key line
// with `dialogHint`, so the line a dialog shows and the keys it takes cannot drift apart. Movement in a dialog's
// list is the same as in every list (`listMove`); `?` help lists these under "In dialogs".
import {keyLabel, NAVIGATE} from './bindings.js';

/** What a key does in a dialog. */
export type DialogKey =
  'accept' | 'cancel' | 'close' | 'next-field' | 'prev-field' | 'button' | 'toggle' | 'erase' | 'clear' | 'cycle-target' | 'read-on' | 'read-back';

/** Each dialog meaning, its keys, and the words `?` help gives it. */
export const DIALOG_KEYS: readonly {readonly key: DialogKey; readonly keys: readonly string[]; readonly help: string}[] = [
  {key: 'accept', keys: ['enter'], help: 'continue, or choose the focused button'},
  {key: 'cancel', keys: ['escape'], help: 'cancel the dialog (while an action runs: stop following it, or stop a replay)'},
  {key: 'close', keys: ['q'], help: 'close a dialog that only explains (as Esc and Enter do)'},
  {key: 'next-field', keys: ['tab', 'down'], help: 'next field or button (confirmation)'},
  {key: 'prev-field', keys: ['shift-tab', 'up'], help: 'previous field or button (confirmation)'},
  {key: 'button', keys: ['left', 'right'], help: 'switch between Cancel and Confirm'},
  {key: 'toggle', keys: ['space', 'x'], help: 'choose or unchoose the selected item (replay reasons)'},
  {key: 'erase', keys: ['backspace'], help: 'delete the last character or digit'},
  {key: 'clear', keys: ['ctrl-u'], help: 'clear the field'},
  {key: 'read-on', keys: ['pagedown'], help: 'read on in a plan longer than the screen (confirmation)'},
  {key: 'read-back', keys: ['pageup'], help: 'back up in a long plan (confirmation)'},
  {key: 'cycle-target', keys: ['t'], help: 'next replay target'},
];

const byName = new Map<string, DialogKey>();
for (const d of DIALOG_KEYS) for (const k of d.keys) byName.set(k, d.key);

/**
 * What key `name` means in a dialog, or undefined. Fields come first: a dialog with a text field or a list asks
 * `listMove` (lists) or its field editor (text) before this, so `up`, `x` and `t` there keep their list or text meaning.
 */
export function dialogKey(name: string): DialogKey | undefined {
  return byName.get(name === ' ' ? 'space' : name);
}

const DIALOG_LABELS: Readonly<Record<string, string>> = {space: 'Space', backspace: 'Backspace', left: '←', right: '→', up: '↑', down: '↓'};
const label = (k: string) => DIALOG_LABELS[k] ?? keyLabel(k);

/** How a dialog's key line names a meaning: its first key (`Enter`, `Esc`, `Space`), or `↑↓` for list movement. */
export function keysOf(part: DialogKey | 'move' | 'digits'): string {
  if (part === 'digits') return 'digits';
  if (part === 'move') {
    const [up, down] = ['move-up', 'move-down'].map((id) => NAVIGATE.find((b) => b.id === id)?.keys[0] ?? id);
    return `${label(up!)}${label(down!)}`;
  }
  const keys = DIALOG_KEYS.find((d) => d.key === part)?.keys ?? [];
  if (part === 'next-field') {
    // "Tab/↑↓": the first key of each direction, then the arrows of both.
    const prev = DIALOG_KEYS.find((d) => d.key === 'prev-field')?.keys ?? [];
    return `${label(keys[0] ?? part)}/${label(prev[1] ?? '')}${label(keys[1] ?? '')}`;
  }
  return part === 'button' ? keys.map(label).join('') : label(keys[0] ?? part);
}

/** The first key of a meaning alone (`Tab`, where `keysOf('next-field')` says `Tab/↑↓`): for a text area, whose arrows move the cursor. */
export function firstKeyOf(part: DialogKey): string {
  const first = DIALOG_KEYS.find((d) => d.key === part)?.keys[0];
  return first === undefined ? part : label(first);
}

/** A dialog's key line from (meaning, what it does here) pairs: "↑↓ choose · Enter continue · Esc cancel". */
export function dialogHint(parts: readonly (readonly [DialogKey | 'move' | 'digits', string])[]): string {
  return parts.map(([part, what]) => `${keysOf(part)} ${what}`).join(' · ');
}

// The dialogs' keys are declared once: the key line a dialog shows names keys that mean what it says.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DIALOG_KEYS, dialogHint, dialogKey} from '../../../src/ui/keys/dialog-keys.js';

describe('dialog keys', () => {
  it('every declared key means its own thing, and no key means two', () => {
    const seen = new Map<string, string>();
    for (const d of DIALOG_KEYS) {
      for (const k of d.keys) {
        expect(seen.get(k), `${k} is declared for ${seen.get(k)} and ${d.key}`).toBeUndefined();
        seen.set(k, d.key);
        expect(dialogKey(k)).toBe(d.key);
      }
    }
    expect(dialogKey(' ')).toBe('toggle');
    expect(dialogKey('k')).toBeUndefined();
  });

  it('a key line names the first key of each meaning, and list movement by the arrows', () => {
    expect(
      dialogHint([
        ['move', 'choose'],
        ['accept', 'continue'],
        ['cancel', 'cancel'],
      ]),
    ).toBe('↑↓ choose · Enter continue · Esc cancel');
    expect(
      dialogHint([
        ['next-field', 'move'],
        ['button', 'buttons'],
        ['toggle', 'choose'],
        ['erase', 'delete'],
      ]),
    ).toBe('Tab/↑↓ move · ←→ buttons · Space choose · Backspace delete');
    // the line follows the declaration: what it names is what the dialog takes
    for (const d of DIALOG_KEYS) expect(dialogKey(d.keys[0]!)).toBe(d.key);
  });
});

describe('no dialog names a key of its own', () => {
  // Key names a terminal sends, and the words a key line would show for them.
  const KEY_NAMES = /name === '[a-z-]+'/;
  const KEY_WORDS = /\b(PgDn|PgUp|Esc|Enter|Tab|Backspace)\b/;
  const code = (line: string) => !/^\s*(\/\/|\*|\/\*\*)/.test(line);
  const files = ['src/ui/dialogs', 'src/ui/actions'].flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)));

  it('the dialogs ask dialogKey what a key means, and write key words from the declaration, never by hand', () => {
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (code(line) && (KEY_NAMES.test(line) || KEY_WORDS.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});

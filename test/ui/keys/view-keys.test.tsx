// A view's key line and the keys it takes come from one declaration: the line is written from the keymap's bindings
// for the meanings the view declares (src/panes/dlq/detail-keys.ts), and each key it names means that to the
// dispatcher. The cockpit test presses the keys the line names, read off the screen.
import {afterEach, describe, expect, it} from 'vitest';
import {ACTIONS} from '../../../src/actions/defs/index.js';
import {DLQ_DETAIL_KEYS} from '../../../src/panes/dlq/detail-keys.js';
import {bindingFor, KEYMAP, keyLabel, keymapOf, listMove} from '../../../src/ui/keys/keymap.js';
import {moveKeys, viewHint, viewKeyName, viewKeyOf} from '../../../src/ui/keys/view-keys.js';
import {renderCockpit, type AppHarness} from '../../helpers/render-app.js';

/** The key name a label on screen stands for (`Enter` → enter, `R` → R). */
const keyNamed = (label: string) => KEYMAP.flatMap((b) => b.keys).find((k) => keyLabel(k) === label);

describe('view keys', () => {
  it('writes the DLQ detail line from the keymap', () => {
    expect(moveKeys()).toBe('j/k PgDn g/G');
    expect(viewHint(DLQ_DETAIL_KEYS)).toBe('j/k PgDn g/G select, Enter body & properties, R re-peek, p replay');
  });

  it('each key the line names means what the line says, to the same keymap the dispatcher asks', () => {
    for (const [part] of DLQ_DETAIL_KEYS) {
      if (part === 'move') {
        for (const letter of moveKeys().split(/[\s/]+/)) expect(listMove(keyNamed(letter) ?? letter, 5, 10, 3), letter).not.toBeUndefined();
        continue;
      }
      const name = viewKeyName(part);
      expect(name, JSON.stringify(part)).toBeDefined();
      const binding = bindingFor(name!);
      expect(typeof part === 'string' ? binding?.id : binding?.action).toBe(typeof part === 'string' ? part : part.action);
      // and the view's handler, asking the same declaration, reads that key as that meaning
      expect(viewKeyOf(name!, DLQ_DETAIL_KEYS)).toBe(part);
    }
    expect(viewKeyOf('q', DLQ_DETAIL_KEYS)).toBeUndefined();
    expect(viewKeyOf('enter', [['refresh', 're-peek']])).toBeUndefined();
  });

  it('follows a key moved in the declaration: replay on another key is named by that key', () => {
    const moved = ACTIONS.map((a) => (a.kind === 'replay' ? {...a, key: {...a.key, keys: ['y']}} : a));
    expect(viewHint(DLQ_DETAIL_KEYS, keymapOf(moved))).toBe('j/k PgDn g/G select, Enter body & properties, R re-peek, y replay');
  });

  it("writes the overlays' close and scroll words from the keymap too", () => {
    expect(viewHint([['back', 'to close']])).toBe('Esc to close');
    expect(moveKeys('both')).toBe('j/k PgUp/PgDn g/G');
  });

  it('names no key that nothing takes', () => {
    const without = keymapOf(ACTIONS.filter((a) => a.kind !== 'replay'));
    expect(viewHint(DLQ_DETAIL_KEYS, without)).toBe('j/k PgDn g/G select, Enter body & properties, R re-peek');
  });
});

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('the DLQ detail in the cockpit', () => {
  it('shows the declared key line, and the keys it names select a message and open its body', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 160, rows: 48});
    await app.waitFor('webhook-delivery');
    await app.press('3', '\r');
    const frame = await app.waitFor(/MESSAGES \(peek.*select/);
    await app.waitFor(/#\d+/);
    const line = frame.split('\n').find((l) => l.includes('MESSAGES (peek')) ?? '';
    expect(line).toContain(viewHint(DLQ_DETAIL_KEYS));
    // Read the keys off the screen: "<keys> body & properties", and the first of "j/k … select".
    const open = keyNamed(/, (\S+) body & properties/.exec(line)?.[1] ?? '');
    const down = /; (\S)\/\S /.exec(line)?.[1];
    expect(open).toBe('enter');
    expect(down).toBe('j');
    const selectedBefore = app
      .lastFrame()
      .split('\n')
      .find((l) => l.includes('▶ #'));
    await app.press(down!);
    await app.waitUntil((f) => f.split('\n').find((l) => l.includes('▶ #')) !== selectedBefore, 'selection moved');
    await app.press(open === 'enter' ? '\r' : open!);
    await app.waitFor(/MESSAGE #\d+ · content-type/);
  });
});

// Issue 16: an action is declared once. A trivial action given to the cockpit through its definition alone (not in
// the app's list, no host code) has its key in the keymap, the footer and `?` help, its `:` command with Tab
// completion, runs through the one confirmation and the journal, and is refused in read-only.
import {afterEach, describe, expect, it} from 'vitest';
import {ACTIONS} from '../../../src/actions/defs/index.js';
import {defineAction} from '../../../src/actions/definition.js';
import {whereContext} from '../../../src/actions/env.js';
import type {ActionRequest} from '../../../src/actions/types.js';
import {keymapOf} from '../../../src/ui/keys/keymap.js';
import {parseCommand} from '../../../src/ui/commands.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

interface AckRequest extends ActionRequest {
  readonly kind: 'ack';
  readonly incident: string;
}

/** A pager that records what it was asked (the backend of the trivial action). Key N and word `inc`: the cockpit's own
 * paging actions hold A and `ack`. */
function ackAction(calls: string[]) {
  return defineAction<AckRequest>({
    kind: 'ack',
    key: {keys: ['N'], hint: 'ack', help: 'Acknowledge the open page', footer: 2, places: ['panes']},
    command: {
      word: 'inc',
      usage: 'INCIDENT',
      parse: (arg) => (arg ? {kind: 'ack', incident: arg} : 'usage: inc INCIDENT'),
      complete: () => ['INC-2041'],
    },
    available: () => true,
    request: () => ({kind: 'ack', incident: 'INC-2041'}),
    target: (r) => r.incident,
    rules: [{rule: 'writable'}],
    confirmLabel: 'Acknowledge',
    // No picker: the plan straight from the request.
    start: (request, env) => ({
      step: 'plan',
      plan: {
        kind: 'ack',
        title: `Acknowledge ${request.incident}`,
        target: request.incident,
        where: whereContext(env),
        effect: `${request.incident} stops paging the on-call`,
        command: `pd incident ack ${request.incident}`,
        blastRadius: 'this incident only',
        params: {incident: request.incident},
        before: {},
        requireReason: false,
        cancellable: false,
        preconditions: () => Promise.resolve(undefined),
        run: async (_control, confirmed) => {
          calls.push(`ack ${request.incident}${confirmed.reason ? ` (${confirmed.reason})` : ''}`);
          return {ok: true, message: `${request.incident} acknowledged`};
        },
      },
    }),
  });
}

describe('an action declared once', () => {
  it('its key is in the keymap, the footer and ? help; its command parses and completes with Tab', async () => {
    const calls: string[] = [];
    const ack = ackAction(calls);
    const keymap = keymapOf([...ACTIONS, ack]);
    expect(keymap.bindingFor('N')).toMatchObject({group: 'Actions', help: 'Acknowledge the open page'});
    expect(keymap.bindings.find((b) => b.id === 'command')?.help).toContain('inc INCIDENT');
    expect(parseCommand('inc INC-7', [...ACTIONS, ack])).toEqual({kind: 'ack', incident: 'INC-7'});
    expect(parseCommand('inc', [...ACTIONS, ack])).toEqual({kind: 'error', message: 'usage: inc INCIDENT'});
    expect(() => keymapOf([...ACTIONS, ack, {...ack, kind: 'other'}])).toThrow(/key N is bound twice/);
    expect(() => keymapOf([...ACTIONS, ack, {...ack, kind: 'other', key: {...ack.key, keys: ['B']}}])).toThrow(/command word inc is taken/);

    app = await renderCockpit({flags: {demo: 'calm'}, actions: [...ACTIONS, ack]});
    const frame = await app.waitFor('N ack');
    expect(frame.split('\n').at(-1)).toContain('N ack');
    await app.press('?');
    await app.waitFor('Keys (Esc or ? to close');
    await app.scrollTo(/ N +Acknowledge the open page/);
    await app.press(KEYS.escape, ':', 'in', KEYS.tab);
    await app.waitUntil((f) => f.includes(' :inc '), 'command word completed');
    await app.press('IN', KEYS.tab);
    await app.waitFor(':inc INC-2041');
    await app.press(KEYS.enter);
    const confirm = await app.waitFor('Acknowledge INC-2041?');
    expect(confirm).toContain('pd incident ack INC-2041');
    expect(confirm).toContain('Acknowledge');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('INC-2041 acknowledged');
    expect(calls).toEqual(['ack INC-2041']);
    const entries = app.journal.read();
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[0]).toMatchObject({action: 'ack', target: 'INC-2041'});
  });

  it('is refused in read-only at its key and its command; nothing runs, nothing is journaled', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'calm', readOnly: true}, actions: [...ACTIONS, ackAction(calls)]});
    await app.waitFor('READ-ONLY');
    expect(app.lastFrame().split('\n').at(-1)).toContain('N ack (read-only)');
    for (const keys of [['N'], [':', 'inc INC-7', KEYS.enter]]) {
      await app.press(...keys);
      await app.waitFor('This cockpit is read-only');
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('This cockpit is read-only'), 'notice closed');
    }
    expect(calls).toEqual([]);
    expect(app.journal.read()).toEqual([]);
  });
});

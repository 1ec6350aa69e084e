// Issue 13, "Refusals come first, not last": read-only, stale data, a forbidding freeze and "not frozen" are
// checked before a dialog opens and again just before running; the journal never says "confirmed" for them.
import {afterEach, describe, expect, it} from 'vitest';
import type {FreezeKind} from '../../../src/data/sources/types.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {flakyDemoFactory, recordingDemoFactory} from '../../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** DLQ pane, replay, default filter and count, past the dry run: the confirmation dialog with Cancel focused. */
async function openReplayConfirmation(harness: AppHarness): Promise<void> {
  await harness.press('3', 'p');
  await harness.waitFor('Max count');
  await harness.press(KEYS.enter);
  await harness.waitFor('Dry run');
  await harness.press(KEYS.enter);
  await harness.waitFor('Blast radius');
}

/** Freezes `kind` through the source itself (as another cockpit would) and waits for the header to show it. */
async function freezeBehindTheCockpit(harness: AppHarness, kind: FreezeKind): Promise<void> {
  const run = {signal: new AbortController().signal, progress: () => undefined};
  const frozen = harness.session.sources.get('demo')!.capabilities.freeze!.freeze(kind, {by: 'alice@jump1', reason: 'data loss suspected'}, run);
  for (let i = 0; i < 3; i++) await harness.tick(1000);
  await frozen;
  await harness.waitFor(`FROZEN: ${kind}`);
}

describe('refusals come first', () => {
  it('a writes freeze refuses a replay at the key, before any dialog; the journal records one refusal', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, session: {createSource: recordingDemoFactory(calls)}});
    await freezeBehindTheCockpit(app, 'writes');
    await app.press('3', 'p');
    const frame = await app.waitFor('Refused');
    expect(frame).toContain('writes freeze is active (by alice@jump1: data loss suspected)');
    expect(frame).not.toContain('Max count');
    const entries = app.journal.read();
    expect(entries.map((e) => e.phase)).toEqual(['refused']);
    expect(entries[0]).toMatchObject({action: 'replay', target: 'audit.appended.v1/Subscriptions/search-indexer'});
    expect(calls).toEqual(['freeze']); // the freeze made behind the cockpit; no replay
  });

  it('the same refusal for :replay ENTITY', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}});
    await freezeBehindTheCockpit(app, 'writes');
    await app.press(':', 'replay webhook-delivery', KEYS.enter);
    await app.waitFor('writes freeze is active');
    expect(app.lastFrame()).not.toContain('Max count');
  });

  it('a freeze that arrives while the dialog is open refuses at confirmation; the journal never says "confirmed"', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('search-indexer');
    await openReplayConfirmation(app);
    await freezeBehindTheCockpit(app, 'writes');
    await app.press(KEYS.right, KEYS.enter);
    const frame = await app.waitFor('Refused');
    expect(frame).toContain('writes freeze is active (by alice@jump1: data loss suspected)');
    expect(app.journal.read().map((e) => e.phase)).toEqual(['planned', 'refused']);
    expect(calls).toEqual(['freeze']); // the freeze made behind the cockpit; no replay
  });

  it('stale health data refuses a rollback before the revision picker opens', async () => {
    const sw: {failWith?: string} = {};
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: flakyDemoFactory(sw)}});
    await app.waitFor('ingestion@us-east');
    sw.failWith = 'connection refused';
    for (let i = 0; i < 5; i++) await app.tick(1000);
    await app.press('r');
    const frame = await app.waitFor('Refused');
    expect(frame).toMatch(/the health reading is \d+s old/);
    expect(frame).not.toContain('choose a revision');
  });

  it('stale DLQ data that arrives while the dialog is open blocks the replay at confirmation', async () => {
    const sw: {failWith?: string} = {};
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, session: {createSource: flakyDemoFactory(sw)}});
    await app.waitFor('search-indexer');
    await openReplayConfirmation(app);
    sw.failWith = 'connection refused';
    for (let i = 0; i < 5; i++) await app.tick(1000);
    await app.press(KEYS.right, KEYS.enter);
    const frame = await app.waitFor('Refused');
    expect(frame).toMatch(/the dlq reading is \d+s old \(stale limit 3s\)/);
    expect(app.journal.read().map((e) => e.phase)).toEqual(['planned', 'refused']);
  });

  it('unfreeze with nothing frozen is refused at the key; :unfreeze writes when writes is not frozen too', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.press('u');
    let frame = await app.waitFor('Refused');
    expect(frame).toContain('nothing is frozen');
    expect(frame).not.toContain('choose what to lift');
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('Refused'), 'notice closed');
    await app.press(':', 'unfreeze writes', KEYS.enter);
    frame = await app.waitFor('Refused');
    expect(frame).toContain('writes is not frozen');
    expect(frame).not.toContain('reason (required)');
    expect(app.journal.read().map((e) => [e.action, e.phase, e.target])).toEqual([
      ['unfreeze', 'refused', 'any'],
      ['unfreeze', 'refused', 'writes'],
    ]);
  });

  it('the unfreeze picker offers only what is frozen, and preselects it', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: recordingDemoFactory(calls)}});
    await freezeBehindTheCockpit(app, 'integrity');
    await app.press('u');
    const frame = await app.waitFor('choose what to lift');
    const picker = frame.split('\n').filter((l) => /deployments|integrity|writes/.test(l) && !l.includes('FROZEN: '));
    expect(picker.some((l) => l.includes('▶ integrity'))).toBe(true);
    expect(picker.some((l) => /▶ (deployments|writes)|^\W*(deployments|writes)\b/.test(l))).toBe(false);
    await app.press(KEYS.enter);
    await app.waitFor('Unfreeze integrity?');
  });

  it('freeze of a kind already frozen is refused at the key', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await freezeBehindTheCockpit(app, 'deployments');
    await app.press(':', 'freeze deployments', KEYS.enter);
    const frame = await app.waitFor('Refused');
    expect(frame).toContain('deployments is already frozen by alice@jump1');
    expect(frame).not.toContain('reason (required)');
  });
});

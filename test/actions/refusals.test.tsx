import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';
import {flakyDemoFactory} from '../helpers/sources.js';

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

describe('preconditions', () => {
  it('a writes freeze forbids a replay, and says why', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}});
    const run = {signal: new AbortController().signal, progress: () => undefined};
    const frozen = app.session.sources.get('demo')!.capabilities.freeze!.freeze('writes', {by: 'alice@jump1', reason: 'data loss suspected'}, run);
    for (let i = 0; i < 3; i++) await app.tick(1000);
    await frozen;
    await app.waitFor('FROZEN: writes');
    await openReplayConfirmation(app);
    await app.press(KEYS.right, KEYS.enter);
    const frame = await app.waitFor('Refused');
    expect(frame).toContain('writes freeze is active (by alice@jump1: data loss suspected)');
    expect(app.journal.read().map((e) => e.phase)).toEqual(['planned', 'confirmed', 'refused']);
  });

  it('stale DLQ data blocks a replay', async () => {
    const sw: {failWith?: string} = {};
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, session: {createSource: flakyDemoFactory(sw)}});
    await app.waitFor('search-indexer');
    await openReplayConfirmation(app);
    sw.failWith = 'connection refused';
    for (let i = 0; i < 5; i++) await app.tick(1000);
    await app.press(KEYS.right, KEYS.enter);
    const frame = await app.waitFor('Refused');
    expect(frame).toMatch(/the dlq reading is \d+s old \(stale limit 3s\)/);
  });
});

import {afterEach, describe, expect, it} from 'vitest';
import {ReadOnlyError} from '../../../src/data/errors.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('read-only', () => {
  it('every action key and : command explains read-only, and no mutating call reaches the source', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('READ-ONLY');
    const attempts: string[][] = [
      ['1', 'r'],
      ['3', 'p'],
      ['f'],
      ['u'],
      [':', 'rollback ingestion@us-east', KEYS.enter],
      [':', 'replay webhook-delivery', KEYS.enter],
      [':', 'freeze writes', KEYS.enter],
      [':', 'unfreeze deployments', KEYS.enter],
    ];
    for (const keys of attempts) {
      await app.press(...keys);
      const frame = await app.waitFor('This cockpit is read-only');
      expect(frame).toContain('--read-only');
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('This cockpit is read-only'), 'notice closed');
    }
    expect(calls).toEqual([]);
    expect(app.journal.read()).toEqual([]);
  });

  it('the mutating methods refuse below the UI', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, session: {createSource: recordingDemoFactory(calls)}});
    const caps = app.session.sources.get('demo')!.capabilities;
    const run = {signal: new AbortController().signal, progress: () => undefined};
    await expect(caps.rollback!.rollback({service: 'ingestion', region: 'us-east'}, 2, run)).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(caps.freeze!.freeze('writes', {by: 'x', reason: 'y'}, run)).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(caps.freeze!.unfreeze('writes', {by: 'x', reason: 'y'}, run)).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(caps.replay!.replay({entity: 'x', target: {entity: 'x', label: 'x', reaches: []}, maxCount: 1, messages: []}, run)).rejects.toBeInstanceOf(
      ReadOnlyError,
    );
    expect(calls).toEqual([]);
  });
});

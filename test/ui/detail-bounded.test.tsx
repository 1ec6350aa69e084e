// The health detail (issue 15): a detail call that never answers is cut off by a timeout and said on screen, the next
// one waits for the previous to end (no overlap), after a backoff.
import {afterEach, describe, expect, it} from 'vitest';
import {createDemoSource} from '../../src/data/demo/source.js';
import type {SourceFactory} from '../../src/data/sources/registry.js';
import type {Capabilities, Source} from '../../src/data/sources/types.js';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

/** The demo, whose health detail never answers (it only ends when its signal aborts); counts calls and overlaps. */
function hangingDetail(stats: {calls: number; inFlight: number; maxInFlight: number}): SourceFactory {
  return async (_config, {clock}) => {
    const demo = createDemoSource({scenario: 'calm', seed: 1, clock});
    const detail = {
      detail: (_ref: unknown, signal: AbortSignal) => {
        stats.calls++;
        stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
        return new Promise<never>((_, reject) => signal.addEventListener('abort', () => (stats.inFlight--, reject(signal.reason)), {once: true}));
      },
    };
    const capabilities = {...demo.capabilities, detail} as unknown as Capabilities;
    const source: Source = {...demo, capabilities, read: demo.read.bind(demo)};
    return source;
  };
}

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('health detail: bounded', () => {
  it('a detail that never answers shows an error within the timeout, never overlaps, and backs off', async () => {
    const stats = {calls: 0, inFlight: 0, maxInFlight: 0};
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: hangingDetail(stats)}});
    await app.waitFor('ingestion@us-east');
    await app.press(KEYS.enter);
    await app.waitFor('READINESS CHECKS');
    // The detail's timeout is twice the refresh interval (as for the pane's own poll), at least 2 s.
    for (let i = 0; i < 12; i++) await app.tick(1_000);
    const frame = await app.waitFor(/detail unavailable: .*timed out/);
    expect(frame).toContain('PODS (detail unavailable');
    expect(stats.maxInFlight).toBe(1);
    const before = stats.calls;
    for (let i = 0; i < 60; i++) await app.tick(1_000);
    // One minute of a dead backend: each attempt ends (timeout) before the next starts, after a backoff.
    const refresh = app.session.context.refreshMs.health;
    const timeout = Math.max(2_000, Math.min(30_000, refresh * 2));
    expect(stats.calls - before).toBeLessThanOrEqual(Math.ceil(60_000 / timeout) + 1);
    expect(stats.maxInFlight).toBe(1);
  });
});

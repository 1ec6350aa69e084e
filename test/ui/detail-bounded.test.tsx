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

/** The demo, whose health detail takes `slowMs` and ignores its abort signal (a backend that answers late regardless). */
function slowDetail(stats: {calls: number; inFlight: number; maxInFlight: number}, slowMs: number): SourceFactory {
  return async (_config, {clock}) => {
    const demo = createDemoSource({scenario: 'calm', seed: 1, clock});
    const detail = {
      detail: async (ref: {service: string; region: string}, signal: AbortSignal) => {
        stats.calls++;
        stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
        await new Promise<void>((r) => clock.setTimeout(() => r(), slowMs));
        stats.inFlight--;
        return demo.capabilities.detail!.detail(ref, signal);
      },
    };
    const capabilities = {...demo.capabilities, detail} as unknown as Capabilities;
    const source: Source = {...demo, capabilities, read: demo.read.bind(demo)};
    return source;
  };
}

describe('health detail: through the session poller (issue 16)', () => {
  it('leaving and reopening the detail while a slow read runs never starts a second read at the source', async () => {
    const stats = {calls: 0, inFlight: 0, maxInFlight: 0};
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: slowDetail(stats, 1_500)}});
    await app.waitFor('ingestion@us-east');
    for (let i = 0; i < 4; i++) {
      await app.press(KEYS.enter);
      await app.waitFor('READINESS CHECKS');
      await app.tick(500);
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('READINESS CHECKS'), 'detail closed');
    }
    await app.press(KEYS.enter);
    for (let i = 0; i < 20; i++) await app.tick(1_000);
    await app.waitFor(/-\w+f9c-\w+ +Running/);
    expect(stats.maxInFlight).toBe(1);
  });

  it('the detail is read by a poller the session owns, not by the view', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.waitFor('ingestion@us-east');
    await app.press(KEYS.enter);
    await app.waitFor('READINESS CHECKS');
    await app.tick(1_000);
    const shown = /^ (\S+)@(\S+) · /m.exec(app.lastFrame())!;
    expect(app.session.details.snapshot({service: shown[1]!, region: shown[2]!})?.polls).toBeGreaterThan(0);
    await app.waitFor(/-\w+f9c-\w+ +Running/);
  });
});

function slowPeek(stats: {calls: number; inFlight: number; maxInFlight: number}, slowMs: number): SourceFactory {
  return async (_config, {clock}) => {
    const demo = createDemoSource({scenario: 'dlq-storm', seed: 1, clock});
    const inspect = {
      peek: async (entity: string, options: {max: number; reason?: string}, signal: AbortSignal) => {
        stats.calls++;
        stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
        await new Promise<void>((r) => clock.setTimeout(() => r(), slowMs));
        stats.inFlight--;
        return demo.capabilities.inspect!.peek(entity, options, signal);
      },
    };
    const capabilities = {...demo.capabilities, inspect} as unknown as Capabilities;
    const source: Source = {...demo, capabilities, read: demo.read.bind(demo)};
    return source;
  };
}

describe('DLQ detail: peeked through the session poller (issue 16)', () => {
  it('leaving and reopening the DLQ detail while a slow peek runs never starts a second peek at the source', async () => {
    const stats = {calls: 0, inFlight: 0, maxInFlight: 0};
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, session: {createSource: slowPeek(stats, 1_500)}});
    await app.press('3');
    await app.waitFor(/dead-lettered|DLQ depth/);
    for (let i = 0; i < 4; i++) {
      await app.press(KEYS.enter);
      await app.waitFor('MESSAGES (peek');
      await app.tick(500);
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('MESSAGES (peek'), 'detail closed');
    }
    await app.press(KEYS.enter);
    for (let i = 0; i < 6; i++) await app.tick(1_000);
    await app.waitUntil((f) => !f.includes('peeking…'), 'the peek to arrive');
    expect(stats.calls).toBeGreaterThan(0);
    expect(stats.maxInFlight).toBe(1);
  });

  it('the messages are peeked by a poller the session owns, not by the view, and again after R', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}});
    await app.press('3');
    await app.press(KEYS.enter);
    await app.waitFor('MESSAGES (peek');
    await app.tick(1_000);
    const entity = /^ (\S+) · \S+ dead-lettered/m.exec(app.lastFrame())![1]!;
    const polls = app.session.peeks.snapshot(entity)?.polls ?? 0;
    expect(polls).toBeGreaterThan(0);
    await app.press('R');
    await app.tick(100);
    await app.waitUntil(() => (app!.session.peeks.snapshot(entity)?.polls ?? 0) > polls, 'R to peek again');
  });
});

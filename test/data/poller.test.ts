import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../src/data/clock.js';
import {paneHealth, PaneFeed} from '../../src/data/feed.js';
import {Poller} from '../../src/data/poller.js';
import {flush} from '../helpers/render-app.js';

function controlled() {
  const calls: {resolve: (v: number) => void; reject: (e: Error) => void; signal: AbortSignal}[] = [];
  const read = (signal: AbortSignal) => new Promise<number>((resolve, reject) => calls.push({resolve, reject, signal}));
  return {calls, read};
}

describe('poller', () => {
  it('never overlaps reads: a tick while one is in flight is skipped', async () => {
    const clock = new ManualClock();
    const {calls, read} = controlled();
    const poller = new Poller({name: 't', intervalMs: 1000, timeoutMs: 60_000, clock, read});
    poller.start();
    expect(calls).toHaveLength(1);
    poller.refresh();
    clock.advance(5000);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(1);
    await flush();
    clock.advance(1000);
    expect(calls).toHaveLength(2);
    poller.stop();
  });

  it('keeps the last good value on failure, with the error and the time of the last success', async () => {
    const clock = new ManualClock();
    let fail = false;
    const poller = new Poller({
      name: 't',
      intervalMs: 1000,
      timeoutMs: 500,
      clock,
      read: async () => {
        if (fail) throw new Error('HTTP 503 Service Unavailable');
        return 42;
      },
    });
    const seen: number[] = [];
    poller.subscribe(() => seen.push(poller.snapshot().polls));
    poller.start();
    await flush();
    const okAt = poller.snapshot().lastSuccessAt;
    fail = true;
    clock.advance(1000);
    await flush();
    expect(poller.snapshot()).toMatchObject({value: 42, lastSuccessAt: okAt, error: 'HTTP 503 Service Unavailable', failures: 1});
    expect(seen.length).toBeGreaterThan(0);
    poller.stop();
  });

  it('times out a hanging read and aborts its signal', async () => {
    const clock = new ManualClock();
    const {calls, read} = controlled();
    const poller = new Poller({name: 't', intervalMs: 1000, timeoutMs: 2000, clock, read});
    poller.start();
    clock.advance(2000);
    await flush();
    expect(poller.snapshot().error).toBe('timed out after 2s');
    expect(calls[0]!.signal.aborted).toBe(true);
    poller.stop();
  });

  it('backs off exponentially while failing, never waiting longer than its interval', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const start = clock.now();
    const poller = new Poller({
      name: 't',
      intervalMs: 8000,
      timeoutMs: 1000,
      clock,
      read: async () => {
        times.push(clock.now() - start);
        throw new Error('down');
      },
    });
    poller.start();
    await flush();
    for (let i = 0; i < 40; i++) {
      clock.advance(250);
      await flush();
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000].slice(0, gaps.slice(0, 5).length));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(8000);
    poller.stop();
  });

  it('a pane feed is stale after its limit, and says why', async () => {
    const clock = new ManualClock();
    let fail = false;
    const poller = new Poller({
      name: 'health:x',
      intervalMs: 1000,
      timeoutMs: 500,
      clock,
      read: async () => {
        if (fail) throw new Error('connection refused');
        return {services: []};
      },
    });
    const feed = new PaneFeed('health', [{source: {id: 'x', kind: 'prometheus'} as never, poller}], 3000, 1000);
    poller.start();
    await flush();
    expect(paneHealth(feed.snapshot(), clock.now(), 3000).stale).toBe(false);
    fail = true;
    clock.advance(1000);
    await flush();
    const h = paneHealth(feed.snapshot(), clock.now(), 3000);
    expect(h).toMatchObject({stale: true, error: 'connection refused'});
    expect(feed.snapshot().value).toEqual({services: []});
    poller.stop();
  });
});

describe('poller: a read that ignores its abort (issue 16)', () => {
  it('after a timeout, the next read waits until the abandoned one has ended: never two at the source', async () => {
    const clock = new ManualClock();
    const {calls, read} = controlled();
    let inFlight = 0;
    let most = 0;
    const counting = (signal: AbortSignal) => {
      most = Math.max(most, ++inFlight);
      return read(signal).finally(() => inFlight--);
    };
    const poller = new Poller({name: 't', intervalMs: 1000, timeoutMs: 2000, clock, read: counting});
    poller.start();
    for (let i = 0; i < 20; i++) {
      clock.advance(500);
      await flush();
    }
    expect(poller.snapshot().error).toBe('timed out after 2s');
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(1);
    await flush();
    clock.advance(1000);
    await flush();
    expect(calls).toHaveLength(2);
    expect(most).toBe(1);
    poller.stop();
  });

  it('stop then start while a read still runs at the source: the new read waits for it', async () => {
    const clock = new ManualClock();
    const {calls, read} = controlled();
    const poller = new Poller({name: 't', intervalMs: 1000, timeoutMs: 60_000, clock, read});
    poller.start();
    poller.stop();
    poller.start();
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.reject(new Error('aborted late'));
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(7);
    await flush();
    expect(poller.snapshot().value).toBe(7);
    poller.stop();
  });
});

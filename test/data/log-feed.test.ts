// The log feed batches a fast tail (issue 16): 1,000 lines a second become at most one snapshot per frame interval.
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../src/data/clock.js';
import {LOG_FRAME_MS, LogFeed} from '../../src/data/log-feed.js';
import type {Loggable} from '../../src/data/sources/types.js';
import {LogTailBuffer} from '../../src/data/text/log-tail.js';
import {flush} from '../helpers/render-app.js';

function fastLogs() {
  const tails: LogTailBuffer[] = [];
  const logs: Loggable = {
    targets: async () => [
      {pod: 'p-1', containers: ['c'], restarts: 0},
      {pod: 'p-2', containers: ['c'], restarts: 1},
    ],
    command: (_ref, r) => `kubectl logs ${r.pod}${r.follow ? ' -f' : ''}`,
    tail: (_ref, r) => {
      const tail = new LogTailBuffer(r.maxLines, r.filter, () => undefined);
      tails.push(tail);
      return tail;
    },
  };
  return {logs, tails};
}

describe('log feed', () => {
  it('1,000 lines a second, one per chunk, reach the view as at most one snapshot per frame interval', async () => {
    const clock = new ManualClock();
    const {logs, tails} = fastLogs();
    const feed = new LogFeed(logs, {service: 's', region: 'r'}, clock);
    let snapshots = 0;
    feed.subscribe(() => snapshots++);
    await feed.start();
    expect(feed.snapshot().request).toEqual({pod: 'p-1', container: 'c', follow: true});
    expect(feed.snapshot().command).toBe('kubectl logs p-1 -f');
    const before = snapshots;
    for (let i = 0; i < 1_000; i++) {
      tails[0]!.feed(`line ${i}\n`);
      clock.advance(1);
    }
    clock.advance(LOG_FRAME_MS);
    expect(snapshots - before).toBeLessThanOrEqual(1_000 / LOG_FRAME_MS + 1);
    expect(snapshots - before).toBeGreaterThanOrEqual(1_000 / LOG_FRAME_MS - 1);
    expect(feed.snapshot().lines.at(-1)).toBe('line 999');
    expect(feed.snapshot().received).toBe(1_000);
    feed.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('opening another tail stops the previous one; its end is reported once', async () => {
    const clock = new ManualClock();
    const {logs, tails} = fastLogs();
    const feed = new LogFeed(logs, {service: 's', region: 'r'}, clock);
    await feed.start();
    feed.open({pod: 'p-2', previous: true});
    expect(await tails[0]!.done).toEqual({reason: 'stopped'});
    tails[1]!.feed('crash\n');
    tails[1]!.end({reason: 'eof'});
    await flush();
    expect(feed.snapshot()).toMatchObject({lines: ['crash'], end: {reason: 'eof'}, request: {pod: 'p-2', previous: true}});
    feed.dispose();
  });
});

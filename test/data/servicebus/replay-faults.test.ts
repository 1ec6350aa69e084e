// Replay under faults injected into the Service Bus double: a refused send, a connection dropped mid-batch (while
// receiving, after an accepted send, with the send in doubt). Every test ends with the same count: each original is
// in the DLQ or at the target (by copy id), and no copy at the target lacks the replay markers.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {busSource, counted, replayAll, seedPair, startBus, twelve, type Bus} from './helpers.js';

let bus: Bus;
beforeEach(async () => {
  bus = await startBus();
});
afterEach(async () => bus.close());

describe('servicebus replay: faults', () => {
  it('the 3rd send is refused: two replayed, the rest stay in the DLQ', async () => {
    const ids = seedPair(bus, twelve());
    bus.sb.faults.rejectSend('dst', {nth: 3});
    const forwarding = await busSource(bus, {forward: {src: 'dst'}});
    try {
      const {outcome} = await replayAll(forwarding, 'src', {targetIndex: 1});
      expect(outcome).toMatchObject({replayed: 2, failed: 1, skipped: 9, stoppedEarly: true, sentNotCompleted: []});
      expect(outcome.errors[0]).toMatch(/^evt-2: send refused, left in the DLQ \(.*QuotaExceeded/);
      expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, inDlq: 10, atTarget: 2});
      expect(bus.sb.entity('src').deadLetter).toHaveLength(10);
    } finally {
      await forwarding.close();
    }
  });

  it('the connection drops mid-batch while receiving: nothing is lost, and a second replay finishes the job', async () => {
    const ids = seedPair(bus, twelve());
    bus.sb.faults.dropConnectionAfterDeliveries('src/$DeadLetterQueue', 4);
    const source = await busSource(bus, {forward: {src: 'dst'}, timeout: 1.5});
    try {
      const first = await replayAll(source, 'src', {targetIndex: 1}).then((r) => r.outcome, (error: unknown) => error);
      const after = counted(bus, ids);
      expect(after).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0});
      expect(after.inDlq + after.atTarget).toBe(12);
      bus.sb.expireLocks('src/$DeadLetterQueue');
      const second = await replayAll(source, 'src', {targetIndex: 1});
      expect(second.outcome.failed).toBe(0);
      expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: [], inDlq: 0, atTarget: 12});
      expect(first).toBeDefined();
    } finally {
      await source.close();
    }
  });

  it('the connection drops right after a send was accepted: nothing is lost; a rerun completes with marked copies only', async () => {
    const ids = seedPair(bus, twelve());
    bus.sb.faults.dropConnectionAfterSends('dst', 5);
    const source = await busSource(bus, {forward: {src: 'dst'}, timeout: 1.5});
    try {
      const first = (await replayAll(source, 'src', {targetIndex: 1})).outcome;
      const mid = counted(bus, ids);
      expect(mid).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0});
      // Every original is somewhere; one sent but not completed is in both places, its copy id shows the overlap.
      expect(mid.inDlq + mid.atTarget - first.sentNotCompleted.length).toBe(12);
      bus.sb.expireLocks('src/$DeadLetterQueue');
      await replayAll(source, 'src', {targetIndex: 1});
      const after = counted(bus, ids);
      expect(after).toMatchObject({lost: [], unmarked: 0, strangers: [], inDlq: 0, atTarget: 12});
      expect(after.duplicates).toBe(first.sentNotCompleted.length);
    } finally {
      await source.close();
    }
  });

  it('an in-doubt send is retried by the SDK: duplicate detection drops it; without it the copy is a marked duplicate', async () => {
    for (const dedup of [true, false]) {
      const ids = seedPair(bus, twelve(), {requiresDuplicateDetection: dedup});
      bus.sb.faults.dropConnectionAfterSends('dst', 3, {inDoubt: true});
      const source = await busSource(bus, {forward: {src: 'dst'}, timeout: 1.5});
      try {
        const first = (await replayAll(source, 'src', {targetIndex: 1})).outcome;
        expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: []});
        bus.sb.expireLocks('src/$DeadLetterQueue');
        await replayAll(source, 'src', {targetIndex: 1});
        const after = counted(bus, ids);
        expect(after).toMatchObject({lost: [], unmarked: 0, strangers: [], inDlq: 0, atTarget: 12});
        // The in-doubt copy (and any copy whose original could not be completed) arrives twice unless deduplicated.
        expect(after.duplicates).toBe(dedup ? 0 : 1 + first.sentNotCompleted.length);
        expect(bus.sb.entity('dst').duplicateCount).toBe(dedup ? 1 + first.sentNotCompleted.length : 0);
      } finally {
        await source.close();
        bus.sb.faults.clear();
        await bus.close();
        bus = await startBus();
      }
    }
  });
});


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

  it('the connection drops mid-batch while receiving: the replay reconnects and finishes in one run, nothing lost', async () => {
    // Issue 15: before, the replay failed here and a second run had to finish the job.
    const ids = seedPair(bus, twelve(), {}, {lockDurationMs: 2000});
    bus.sb.faults.dropConnectionAfterDeliveries('src/$DeadLetterQueue', 4);
    const source = await busSource(bus, {forward: {src: 'dst'}, timeout: 1.5});
    try {
      const {outcome} = await replayAll(source, 'src', {targetIndex: 1});
      expect(outcome).toMatchObject({replayed: 12, failed: 0, skipped: 0, stoppedEarly: false, errors: []});
      expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, inDlq: 0, atTarget: 12});
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

  it('an in-doubt send is looked up at the target after reconnecting: found there, it is not sent again', async () => {
    // Issue 15: before, the SDK retried the send itself, and without duplicate detection the copy arrived twice.
    for (const dedup of [true, false]) {
      const ids = seedPair(bus, twelve(), {requiresDuplicateDetection: dedup});
      bus.sb.faults.dropConnectionAfterSends('dst', 3, {inDoubt: true});
      const source = await busSource(bus, {forward: {src: 'dst'}, timeout: 1.5});
      try {
        const {outcome} = await replayAll(source, 'src', {targetIndex: 1});
        expect(outcome).toMatchObject({replayed: 12, failed: 0, skipped: 0, stoppedEarly: false, errors: []});
        expect(outcome.resolved).toEqual([
          'evt-2: the send was cut off by the lost connection; looked after reconnecting: copy evt-2:3 is at the target, not sent again',
        ]);
        expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, inDlq: 0, atTarget: 12});
        expect(bus.sb.entity('dst').duplicateCount).toBe(0);
      } finally {
        await source.close();
        bus.sb.faults.clear();
        await bus.close();
        bus = await startBus();
      }
    }
  });
});

// Safe replay through the real SDK against the Service Bus double: faithful copies, targets, lock expiry and renewal,
// and a crash between send and complete. Every test ends with the same count: each original is in the DLQ or at the
// target (by copy id), and no copy at the target lacks the replay markers.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {systemClock} from '../../../src/data/clock.js';
import {runReplay, type DlqPort} from '../../../src/data/replay/engine.js';
import {ServiceBusDlqPort, type ServiceBusLocked} from '../../../src/data/servicebus/port.js';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {sbClient, sleep} from '../../doubles/servicebus/testing.js';
import {busSource, conservation, control, copyIdsOf, counted, replayAll, seedPair, startBus, twelve, type Bus} from './helpers.js';

let bus: Bus;
beforeEach(async () => {
  bus = await startBus();
});
afterEach(async () => bus.close());

describe('servicebus replay: faithful copies', () => {
  it('copies body bytes and section, headers, session and partition keys, properties minus DeadLetter*, plus id and markers', async () => {
    bus.sb.seed({queues: [{name: 'audit-ingest', deadLetter: sampleDeadLetters()}]});
    const ids = copyIdsOf(bus.sb.entity('audit-ingest').deadLetter);
    const originals = bus.sb.entity('audit-ingest').deadLetter.map((m) => m.clone());
    const source = await busSource(bus);
    try {
      const {outcome} = await replayAll(source, 'audit-ingest');
      expect(outcome).toEqual({replayed: 8, failed: 0, skipped: 0, stoppedEarly: false, errors: [], sentNotCompleted: []});
      const q = bus.sb.entity('audit-ingest');
      expect(q.deadLetter).toHaveLength(0);
      expect(q.active.map((m) => m.messageId)).toEqual(ids);
      for (const [i, copy] of q.active.entries()) {
        const o = originals[i]!;
        expect(copy.amqp.body).toEqual(o.amqp.body);
        expect({ct: copy.contentType, corr: copy.correlationId, subj: copy.subject, sess: copy.sessionId, pk: copy.partitionKey}).toEqual({
          ct: o.contentType,
          corr: o.correlationId,
          subj: o.subject,
          sess: o.sessionId,
          pk: o.partitionKey,
        });
        const kept = Object.fromEntries(Object.entries(o.applicationProperties).filter(([k]) => !k.startsWith('DeadLetter')));
        expect(copy.applicationProperties).toEqual({
          ...kept,
          'atp-replay-of': o.messageId,
          'atp-replay-dlq-seq': o.sequenceNumber,
          'atp-replay-from': 'audit-ingest',
        });
      }
      expect(q.active[2]!.bodyBytes).toEqual(Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x1b, 0x5b]));
      // The AMQP value section (JMS TextMessage) stays a value section, not a JSON-quoted data section.
      expect(q.active[6]!.amqp.body).toBe('value-section text (JMS TextMessage)');
      expect(q.active[4]).toMatchObject({sessionId: 'tenant-fabrikam', partitionKey: 'tenant-fabrikam'});
      expect(conservation(ids, q.deadLetter, q.active)).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, atTarget: 8});
    } finally {
      await source.close();
    }
  });

  it('a subscription replays to its topic (every subscription gets a copy) or to a configured forward queue', async () => {
    bus.sb.seed({
      queues: [{name: 'projection-replay'}],
      topics: [
        {name: 'audit.appended.v1', subscriptions: [{name: 'projection', deadLetter: sampleDeadLetters().slice(0, 4)}, {name: 'search'}, {name: 'export'}]},
      ],
    });
    const path = 'audit.appended.v1/Subscriptions/projection';
    const source = await busSource(bus, {forward: {[path]: 'projection-replay'}, consumers: {[path]: 'projection-worker'}});
    try {
      const row = (await source.read('dlq', AbortSignal.timeout(5000))).entities.find((e) => e.entity === path)!;
      const [topic, forward] = source.capabilities.replay!.targets(row);
      expect(topic).toEqual({
        entity: 'audit.appended.v1',
        label: 'topic audit.appended.v1 (reaches EVERY subscription: 3 subscriptions)',
        reaches: ['audit.appended.v1/Subscriptions/export', path, 'audit.appended.v1/Subscriptions/search'],
      });
      expect(forward).toEqual({
        entity: 'projection-replay',
        label: 'queue projection-replay (forward target: this consumer only)',
        reaches: ['projection-replay'],
      });
      const first = await replayAll(source, path, {max: 2, reason: 'MaxDeliveryCountExceeded'});
      expect(first.outcome.replayed).toBe(1);
      expect(source.capabilities.replay!.command(first.plan)).toBe(
        'atp-admin dlq replay --consumer projection-worker --filter "reason=MaxDeliveryCountExceeded" --max-count 2 --confirm',
      );
      for (const sub of ['projection', 'search', 'export']) expect(bus.sb.entity(`audit.appended.v1/Subscriptions/${sub}`).active).toHaveLength(1);
      const second = await replayAll(source, path, {targetIndex: 1});
      expect(second.outcome.replayed).toBe(3);
      expect(source.capabilities.replay!.command(second.plan)).toBe(
        'atp-admin dlq replay --consumer projection-worker --max-count 1000 --confirm  # copies go to projection-replay instead of audit.appended.v1',
      );
      expect(bus.sb.entity('projection-replay').active).toHaveLength(3);
      expect(bus.sb.entity('audit.appended.v1/Subscriptions/search').active).toHaveLength(1);
      await expect(
        source.capabilities.replay!.replay({...second.plan, target: {entity: 'elsewhere', label: 'x', reaches: ['elsewhere']}}, control()),
      ).rejects.toThrow(/replay target elsewhere is not offered/);
    } finally {
      await source.close();
    }
  });
});

/** A port decorator: `after(kind, n)` runs after the n-th call of `kind` resolved (or instead of it, for `hang`). */
function instrumented(
  port: DlqPort<ServiceBusLocked>,
  hooks: {afterSend?: (n: number) => Promise<void> | void; hangCompleteAt?: number; onHang?: () => void; sendDelayMs?: number},
): DlqPort<ServiceBusLocked> {
  let sends = 0;
  let completes = 0;
  return {
    receive: (max, signal) => port.receive(max, signal),
    async send(m, copyId, signal) {
      if (hooks.sendDelayMs) await sleep(hooks.sendDelayMs);
      await port.send(m, copyId, signal);
      await hooks.afterSend?.(++sends);
    },
    async complete(m) {
      if (++completes === hooks.hangCompleteAt) {
        hooks.onHang?.();
        return new Promise<void>(() => undefined);
      }
      return port.complete(m);
    },
    abandon: (m) => port.abandon(m),
    renewLock: (m) => port.renewLock(m),
    close: () => port.close(),
  };
}

describe('servicebus replay: locks and crashes', () => {
  it('a lock that expires between send and complete leaves the original in the DLQ next to its copy', async () => {
    const ids = seedPair(bus, twelve());
    const source = await busSource(bus, {forward: {src: 'dst'}});
    const client = sbClient(bus.sb);
    try {
      const messages = await source.capabilities.inspect!.peek('src', {max: 12}, AbortSignal.timeout(5000));
      const plan = {entity: 'src', target: {entity: 'dst', label: 'queue dst', reaches: ['dst']}, maxCount: 12, messages};
      const port = instrumented(new ServiceBusDlqPort(client, {from: 'src', to: 'dst', receiveWaitMs: 400}), {
        afterSend: (n) => void (n === 4 && bus.sb.expireLocks('src/$DeadLetterQueue', (m) => m.messageId === 'evt-3')),
      });
      const outcome = await runReplay(port, plan, control(), {clock: systemClock()});
      expect(outcome).toMatchObject({replayed: 11, failed: 1, sentNotCompleted: ['evt-3:4']});
      expect(outcome.errors[0]).toMatch(/^evt-3: copy evt-3:4 accepted but the DLQ original could not be completed; it stays in the DLQ/);
      expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, inDlq: 1, atTarget: 12});
      expect(bus.sb.entity('src').deadLetter[0]?.messageId).toBe('evt-3');
      // Its lock expired (1), then the next receive got it again and the engine, done with it, abandoned it (2).
      expect(bus.sb.entity('src').deadLetter[0]).toMatchObject({deliveryCount: 2, isLocked: false});
      expect(bus.sb.entity('src').deadLetterQueue.stats).toMatchObject({delivered: 13, locksExpired: 1, abandoned: 1});
    } finally {
      await client.close();
      await source.close();
    }
  });

  it('renews locks on a long batch (lock 1.5 s, 12 slow sends of 250 ms)', async () => {
    const ids = seedPair(bus, twelve(), {}, {lockDurationMs: 1500});
    const client = sbClient(bus.sb);
    const source = await busSource(bus);
    try {
      const messages = await source.capabilities.inspect!.peek('src', {max: 12}, AbortSignal.timeout(5000));
      const plan = {entity: 'src', target: {entity: 'dst', label: 'queue dst', reaches: ['dst']}, maxCount: 12, messages};
      const port = instrumented(new ServiceBusDlqPort(client, {from: 'src', to: 'dst', receiveWaitMs: 400}), {sendDelayMs: 250});
      const outcome = await runReplay(port, plan, control(), {clock: systemClock(), batchSize: 12});
      expect(outcome).toMatchObject({replayed: 12, failed: 0});
      expect(bus.sb.entity('src').deadLetterQueue.stats.locksRenewed).toBeGreaterThanOrEqual(12);
      expect(bus.sb.entity('src').deadLetterQueue.stats.locksExpired).toBe(0);
      expect(counted(bus, ids)).toMatchObject({lost: [], unmarked: 0, duplicates: 0, inDlq: 0, atTarget: 12});
      // Control: without the sweep only the engine's renew-before-send runs, and the waiting messages' locks expire.
      bus.sb.seed({queues: [{name: 'src2', options: {lockDurationMs: 1500}, deadLetter: twelve()}]});
      const plan2 = {...plan, entity: 'src2', messages: await source.capabilities.inspect!.peek('src2', {max: 12}, AbortSignal.timeout(5000))};
      const noSweep = instrumented(new ServiceBusDlqPort(client, {from: 'src2', to: 'dst', receiveWaitMs: 400, sweepMs: 3_600_000}), {sendDelayMs: 250});
      const control2 = await runReplay(noSweep, plan2, control(), {clock: systemClock(), batchSize: 12});
      expect(control2.failed).toBeGreaterThan(0);
      // ...and those stay in the DLQ: a lost lock never loses a message.
      expect(bus.sb.entity('src2').deadLetter).toHaveLength(12 - control2.replayed);
    } finally {
      await client.close();
      await source.close();
    }
  });

  it('a crash after a send and before its complete: the rerun of the same plan re-sends that one with the same copy id', async () => {
    for (const dedup of [false, true]) {
      const ids = seedPair(bus, twelve(), {requiresDuplicateDetection: dedup}, {lockDurationMs: 1000});
      const crashed = sbClient(bus.sb);
      const source = await busSource(bus, {forward: {src: 'dst'}});
      try {
        const messages = await source.capabilities.inspect!.peek('src', {max: 12}, AbortSignal.timeout(5000));
        const plan = {
          entity: 'src',
          target: {entity: 'dst', label: 'queue dst (forward target: this consumer only)', reaches: ['dst']},
          maxCount: 12,
          messages,
        };
        let hung!: () => void;
        const hang = new Promise<void>((resolve) => (hung = resolve));
        const port = instrumented(new ServiceBusDlqPort(crashed, {from: 'src', to: 'dst', receiveWaitMs: 400}), {hangCompleteAt: 6, onHang: () => hung()});
        void runReplay(port, plan, control(), {clock: systemClock()});
        await hang;
        // The process dies: its connection goes away and its locks expire on the broker.
        await crashed.close();
        await sleep(1100);
        const mid = counted(bus, ids);
        expect(mid).toMatchObject({lost: [], unmarked: 0, inDlq: 7, atTarget: 6});
        const outcome = await source.capabilities.replay!.replay(plan, control());
        expect(outcome).toMatchObject({replayed: 7, failed: 0, skipped: 5, stoppedEarly: false});
        const after = counted(bus, ids);
        expect(after).toMatchObject({lost: [], unmarked: 0, strangers: [], inDlq: 0, atTarget: 12});
        expect(after.duplicates).toBe(dedup ? 0 : 1);
        const copies = bus.sb.entity('dst').active.filter((m) => m.messageId === 'evt-5:6');
        expect(copies).toHaveLength(dedup ? 1 : 2);
      } finally {
        await source.close();
        await bus.close();
        bus = await startBus();
      }
    }
  });
});

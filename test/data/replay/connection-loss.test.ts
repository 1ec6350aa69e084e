// The replay engine and a lost connection (issue 15), over an in-memory port whose connection can be cut at a chosen
// call: an uncertain complete is reported as uncertain and resolved by looking; reconnects that keep failing end the
// replay with a clear reason after the attempt budget; every message stays exactly once in the DLQ or at the target.
import {describe, expect, it} from 'vitest';
import {systemClock} from '../../../src/data/clock.js';
import {runReplay, type DlqConnection, type DlqPort, type LockedMessage} from '../../../src/data/replay/engine.js';
import {describeWaiting} from '../../../src/data/replay/recovery.js';
import type {Progress, ReplayPlan} from '../../../src/data/sources/types.js';

class Cut extends Error {
  override name = 'ServiceBusError';
}

type Call = 'receive' | 'send' | 'complete' | 'reconnect';

/** A DLQ and a target in memory; `cutAt(call, n, when)` loses the connection at the n-th such call, before or after it took effect. */
function world(count: number) {
  const dlq = new Map(Array.from({length: count}, (_, i) => [i + 1, `m-${i + 1}`] as const));
  const target: string[] = [];
  const calls: Record<Call, number> = {receive: 0, send: 0, complete: 0, reconnect: 0};
  const cuts: {call: Call; n: number; after: boolean}[] = [];
  let failReconnects = 0;
  const maybeCut = (call: Call, effect: () => void) => {
    const n = ++calls[call];
    const cut = cuts.find((c) => c.call === call && c.n === n);
    if (cut && !cut.after) throw new Cut(`connection reset during ${call}`);
    effect();
    if (cut) throw new Cut(`connection reset after ${call}`);
  };
  const locked = new Set<number>();
  const connection: DlqConnection<LockedMessage> = {
    retries: 3,
    timeoutMs: 500,
    retryDelayMs: 10,
    isLoss: (e) => e instanceof Cut,
    async reconnect() {
      calls.reconnect++;
      if (failReconnects-- > 0) throw new Cut('connection refused');
    },
    stillInDlq: async (m) => dlq.has(m.sequenceNumber),
    copyAtTarget: async (id) => target.includes(id),
  };
  const port: DlqPort<LockedMessage> = {
    connection,
    async receive(max) {
      const out: LockedMessage[] = [];
      maybeCut('receive', () => {
        for (const [seq, id] of dlq) if (!locked.has(seq) && out.length < max) out.push({sequenceNumber: seq, messageId: id, lockedUntil: Date.now() + 60_000});
        for (const m of out) locked.add(m.sequenceNumber);
      });
      return out;
    },
    async send(m, copyId) {
      maybeCut('send', () => void target.push(copyId));
    },
    async complete(m) {
      maybeCut('complete', () => void dlq.delete(m.sequenceNumber));
    },
    abandon: async (m) => void locked.delete(m.sequenceNumber),
    renewLock: async () => undefined,
    close: async () => undefined,
  };
  const plan: ReplayPlan = {
    entity: 'src',
    target: {entity: 'dst', label: 'dst', reaches: ['dst']},
    maxCount: count,
    messages: [...dlq].map(
      ([seq, id]) =>
        ({
          sequenceNumber: seq,
          messageId: id,
          reason: 'x',
          deliveryCount: 1,
          enqueuedAt: 0,
          properties: {},
          body: {kind: 'text', text: ''},
        }) as unknown as ReplayPlan['messages'][number],
    ),
  };
  const progress: Progress[] = [];
  const run = {signal: new AbortController().signal, progress: (p: Progress) => void progress.push(p)};
  /** Each original exactly once: in the DLQ or (by copy id) at the target. */
  const exactlyOnce = () =>
    Array.from({length: count}, (_, i) => i + 1).every((seq) => (dlq.has(seq) ? 1 : 0) + target.filter((t) => t === `m-${seq}:${seq}`).length === 1);
  return {dlq, target, calls, cuts, port, plan, progress, run, exactlyOnce, failReconnectsTimes: (n: number) => void (failReconnects = n)};
}

const waits = (progress: readonly Progress[]) => progress.flatMap((p) => (p.kind === 'replay' && p.waiting ? [p.waiting] : []));

describe('replay engine: a lost connection', () => {
  it('a complete cut off after it took effect is uncertain, then resolved by looking: the original is gone, so it was completed', async () => {
    const w = world(12);
    w.cuts.push({call: 'complete', n: 5, after: true});
    const outcome = await runReplay(w.port, w.plan, w.run, {clock: systemClock()});
    expect(outcome).toMatchObject({replayed: 12, failed: 0, skipped: 0, stoppedEarly: false, errors: [], sentNotCompleted: []});
    expect(outcome.resolved).toEqual([
      'm-5: the complete was cut off by the lost connection; looked after reconnecting: the original is gone from the DLQ, so it was completed',
    ]);
    expect(w.exactlyOnce()).toBe(true);
    expect(waits(w.progress).map((x) => x.kind)).toEqual(expect.arrayContaining(['reconnecting', 'resolving']));
  });

  it('a complete cut off before it took effect: looking finds the original still in the DLQ, and it is completed again', async () => {
    const w = world(12);
    w.cuts.push({call: 'complete', n: 3, after: false});
    const outcome = await runReplay(w.port, w.plan, w.run, {clock: systemClock()});
    expect(outcome).toMatchObject({replayed: 12, failed: 0, skipped: 0});
    expect(outcome.resolved).toEqual([
      'm-3: the complete was cut off by the lost connection; looked after reconnecting: the original was still in the DLQ, completed it again',
    ]);
    expect(w.target).toHaveLength(12);
    expect(w.exactlyOnce()).toBe(true);
  });

  it('a send cut off after the target took the copy: looking finds it there, so it is not sent twice', async () => {
    const w = world(12);
    w.cuts.push({call: 'send', n: 7, after: true});
    const outcome = await runReplay(w.port, w.plan, w.run, {clock: systemClock()});
    expect(outcome).toMatchObject({replayed: 12, failed: 0});
    expect(outcome.resolved?.[0]).toMatch(/^m-7: the send was cut off .* copy m-7:7 is at the target, not sent again$/);
    expect(w.exactlyOnce()).toBe(true);
  });

  it('reconnects that keep failing: attempts 1/3 to 3/3 are reported, then the replay stops with the reason; nothing lost or doubled', async () => {
    const w = world(12);
    w.cuts.push({call: 'send', n: 4, after: false});
    w.failReconnectsTimes(99);
    const outcome = await runReplay(w.port, w.plan, w.run, {clock: systemClock()});
    expect(outcome).toMatchObject({replayed: 3, stoppedEarly: true, skipped: 9});
    expect(outcome.stopReason).toMatch(/^connection lost; 3 reconnect attempts failed over \d+ s \(last: connection refused\)$/);
    expect(outcome.errors[0]).toBe(outcome.stopReason);
    const attempts = [...new Set(waits(w.progress).flatMap((x) => (x.kind === 'reconnecting' ? [`${x.attempt}/${x.of}`] : [])))];
    expect(attempts).toEqual(['1/3', '2/3', '3/3']);
    expect(w.calls.reconnect).toBe(3);
    expect(w.exactlyOnce()).toBe(true);
  });

  it('the budget is refilled once a message moves again: three separate losses do not add up to a stop', async () => {
    const w = world(30);
    w.cuts.push({call: 'send', n: 4, after: false}, {call: 'receive', n: 3, after: false}, {call: 'complete', n: 20, after: true});
    const outcome = await runReplay(w.port, w.plan, w.run, {clock: systemClock(), batchSize: 5});
    expect(outcome).toMatchObject({replayed: 30, failed: 0, stoppedEarly: false});
    expect(w.calls.reconnect).toBe(3);
    expect(w.exactlyOnce()).toBe(true);
  });

  it('the dialog line says what the replay waits for, with the seconds waited', () => {
    expect(describeWaiting({kind: 'reconnecting', attempt: 2, of: 3, waitedMs: 4_200, cause: 'ECONNRESET'})).toBe(
      'connection lost — reconnecting (attempt 2/3) · 4 s · ECONNRESET',
    );
    expect(describeWaiting({kind: 'locks', count: 3, waitedMs: 2_000, upToMs: 31_000})).toBe(
      'waiting for 3 messages still locked by the lost connection · 2 s of up to 31 s',
    );
  });
});

import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../src/data/clock.js';
import type {DemoReplayFaults} from '../../src/data/demo/dlq-port.js';
import {createDemoSource} from '../../src/data/demo/source.js';
import type {ReplayPlan} from '../../src/data/sources/types.js';

const ENTITY = 'audit.appended.v1/Subscriptions/search-indexer';
const signal = new AbortController().signal;

async function setup(faults: DemoReplayFaults, max = 20) {
  const clock = new ManualClock();
  const source = createDemoSource({scenario: 'dlq-storm', seed: 3, clock, faults});
  const entity = (await source.read('dlq', signal)).entities.find((e) => e.entity === ENTITY)!;
  const messages = await source.capabilities.inspect!.peek(ENTITY, {max}, signal);
  const target = source.capabilities.replay!.targets(entity)[0]!;
  const plan: ReplayPlan = {entity: ENTITY, target, maxCount: max, messages};
  const originals = messages.map((m) => ({id: m.messageId, seq: m.sequenceNumber}));
  const sim = source.world.entity(ENTITY)!;
  /** Where each original is: in the DLQ, at the target (by its deterministic copy id), or both. */
  const whereabouts = () =>
    originals.map(({id, seq}) => ({
      inDlq: sim.messages.some((m) => m.sequenceNumber === seq),
      copies: sim.received.get(`${id}:${seq}`) ?? 0,
    }));
  return {clock, source, plan, whereabouts, sim};
}

const nothingLost = (w: {inDlq: boolean; copies: number}[]) => w.every((x) => x.inDlq || x.copies > 0);

describe('replay safety under faults (counted)', () => {
  it('the target refuses the k-th send: stop there, everything in the DLQ or at the target, nothing duplicated', async () => {
    const {source, plan, whereabouts} = await setup({refuseSend: 4});
    const outcome = await source.capabilities.replay!.replay(plan, {signal, progress: () => undefined});
    expect(outcome).toMatchObject({replayed: 3, failed: 1, stoppedEarly: true});
    const w = whereabouts();
    expect(nothingLost(w)).toBe(true);
    expect(w.filter((x) => x.copies > 0)).toHaveLength(3);
    expect(w.filter((x) => x.inDlq)).toHaveLength(17);
    expect(w.every((x) => !(x.inDlq && x.copies > 0))).toBe(true);
  });

  it('a crash between send and complete: the retry sends the same id, the duplicate is detected, the DLQ drains', async () => {
    const faults: DemoReplayFaults = {hangAfterSend: 5};
    const {clock, source, plan, whereabouts} = await setup(faults);
    void source.capabilities.replay!.replay(plan, {signal, progress: () => undefined});
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    // The process "dies" here: nothing else happens for this run. Its locks expire.
    let w = whereabouts();
    expect(nothingLost(w)).toBe(true);
    expect(w.filter((x) => x.inDlq && x.copies > 0)).toHaveLength(1);
    clock.advance(31_000);
    // A new cockpit retries the same dry run (no more faults).
    faults.hangAfterSend = undefined;
    const retry = await source.capabilities.replay!.replay(plan, {signal, progress: () => undefined});
    expect(retry).toMatchObject({replayed: 16, failed: 0});
    w = whereabouts();
    expect(nothingLost(w)).toBe(true);
    expect(w.filter((x) => x.inDlq)).toHaveLength(0);
    // Four were completed before the crash; the crashed message was sent twice with the same id: a detected duplicate.
    const copies = w.map((x) => x.copies);
    expect(copies.filter((c) => c > 1)).toEqual([2]);
    expect(copies.every((c) => c >= 1)).toBe(true);
  });

  it('a lost lock at completion: the copy stays at the target, the original stays in the DLQ, reported', async () => {
    const {source, plan, whereabouts} = await setup({loseLockAtComplete: 2});
    const outcome = await source.capabilities.replay!.replay(plan, {signal, progress: () => undefined});
    expect(outcome.failed).toBe(1);
    expect(outcome.sentNotCompleted).toHaveLength(1);
    expect(outcome.errors[0]).toMatch(/accepted but the DLQ original could not be completed/);
    const w = whereabouts();
    expect(nothingLost(w)).toBe(true);
    expect(w.filter((x) => x.inDlq && x.copies > 0)).toHaveLength(1);
  });

  it('Esc stops after the current message; the rest stay in the DLQ', async () => {
    const {source, plan, whereabouts} = await setup({});
    const abort = new AbortController();
    let seen = 0;
    const outcome = await source.capabilities.replay!.replay(plan, {
      signal: abort.signal,
      progress: (p) => {
        if (p.kind === 'replay' && p.done >= 5 && seen++ === 0) abort.abort();
      },
    });
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.replayed).toBe(5);
    const w = whereabouts();
    expect(w.filter((x) => x.inDlq)).toHaveLength(15);
    expect(nothingLost(w)).toBe(true);
  });
});

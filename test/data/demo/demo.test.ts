import {describe, expect, it} from 'vitest';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {ManualClock} from '../../../src/data/clock.js';
import {createDemoSource} from '../../../src/data/demo/source.js';
import type {ScenarioName} from '../../../src/data/demo/scenarios.js';
import {PANE_IDS, type ReadingByPane} from '../../../src/data/readings/types.js';
import {burnFigures} from '../../../src/data/slo/burn.js';

const signal = new AbortController().signal;

async function readAll(source: ReturnType<typeof createDemoSource>): Promise<ReadingByPane> {
  const out = {} as Record<string, unknown>;
  for (const pane of PANE_IDS) out[pane] = await source.read(pane, signal);
  return out as unknown as ReadingByPane;
}

async function firing(scenario: ScenarioName, seed = 1) {
  const clock = new ManualClock();
  const source = createDemoSource({scenario, seed, clock});
  const readings = await readAll(source);
  return {clock, source, readings, alerts: evaluateAlerts({readings, now: clock.now()}).alerts.filter((a) => a.state === 'firing')};
}

describe('demo ATP', () => {
  it('has 8 services × 2 regions, 3 projections, 12 entities, outboxes and 4 SLOs', async () => {
    const {readings} = await firing('calm');
    expect(readings.health.services).toHaveLength(16);
    expect(new Set(readings.lag.projections.map((p) => p.projection))).toEqual(new Set(['timeline', 'actor', 'resource']));
    expect(readings.dlq.entities).toHaveLength(12);
    expect(readings.outbox.outboxes.length).toBeGreaterThanOrEqual(4);
    expect(readings.burn.slos.map((s) => s.objective)).toEqual([0.999, 0.95, 0.95, 0.95]);
    expect(readings.burn.slos.every((s) => s.errorRatio['30d'] !== undefined)).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await firing('dlq-storm', 7);
    const b = await firing('dlq-storm', 7);
    const c = await firing('dlq-storm', 8);
    const strip = (r: ReadingByPane) => JSON.stringify(r.dlq.entities.map((e) => [e.entity, e.deadLetter, e.active]));
    expect(strip(a.readings)).toBe(strip(b.readings));
    expect(strip(a.readings)).not.toBe(strip(c.readings));
  });

  it('calm: nothing fires', async () => {
    expect((await firing('calm')).alerts).toEqual([]);
  });

  it('each scenario tells its story at start', async () => {
    const names = async (s: ScenarioName) => (await firing(s)).alerts.map((a) => `${a.name} ${a.target}`);
    expect(await names('bad-deploy')).toEqual(expect.arrayContaining(['HighErrorRate ingestion@us-east', 'ErrorBudgetBurn atp-availability']));
    expect(await names('projection-stall')).toEqual(expect.arrayContaining(['ProjectionLagHigh timeline@us-east']));
    expect((await names('dlq-storm')).filter((n) => n.startsWith('DLQBacklog'))).toHaveLength(3);
    expect((await names('region-outage')).filter((n) => n.startsWith('ServiceDown') && n.endsWith('us-east'))).toHaveLength(8);
  });

  it('projection stall also raises dead letters on the projection subscription within a minute', async () => {
    const {clock, source, readings} = await firing('projection-stall');
    const before = readings.dlq.entities.find((e) => e.entity === 'audit.appended.v1/Subscriptions/projection')!.deadLetter;
    clock.advance(60_000);
    const after = (await source.read('dlq', signal)).entities.find((e) => e.entity === 'audit.appended.v1/Subscriptions/projection')!.deadLetter;
    expect(before).toBeGreaterThan(100);
    expect(after).toBeGreaterThan(before);
  });

  it('bad deploy: the budget drops while it burns; a rollback heals errors, then the burn', async () => {
    const {clock, source, readings} = await firing('bad-deploy');
    const budget = (r: ReadingByPane) => burnFigures(r.burn.slos[0]!).remaining!;
    const b0 = budget(readings);
    clock.advance(60_000);
    expect(budget(await readAll(source))).toBeLessThan(b0);
    const ref = {service: 'ingestion', region: 'us-east'};
    const history = await source.capabilities.rollback!.history(ref, signal);
    expect(history[0]).toMatchObject({revision: 3, version: '1.2.5', active: true});
    const statuses: string[] = [];
    const done = source.capabilities.rollback!.rollback(ref, 2, {signal, progress: (p) => p.kind === 'rollout' && statuses.push(p.status.message)});
    for (let i = 0; i < 60; i++) {
      clock.advance(500);
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await done;
    expect(outcome).toMatchObject({fromRevision: 3, toRevision: 4, status: {done: true}});
    expect(statuses.at(-1)).toBe('deployment "ingestion" successfully rolled out');
    let r = await readAll(source);
    const row = r.health.services.find((s) => s.service === 'ingestion' && s.region === 'us-east')!;
    expect(row.errorRatio).toBeLessThan(0.01);
    expect(row.version).toBe('1.2.4');
    expect(evaluateAlerts({readings: r, now: clock.now()}).alerts.map((a) => a.name)).not.toContain('HighErrorRate');
    clock.advance(6 * 60_000);
    r = await readAll(source);
    expect(evaluateAlerts({readings: r, now: clock.now()}).alerts.filter((a) => a.state === 'firing')).toEqual([]);
  });

  it('replay: replayed messages leave the DLQ and reach the consumer', async () => {
    const {source} = await firing('dlq-storm');
    const entity = (await source.read('dlq', signal)).entities.find((e) => e.entity === 'audit.appended.v1/Subscriptions/search-indexer')!;
    const messages = await source.capabilities.inspect!.peek(entity.entity, {max: 10, reason: 'SerializationException'}, signal);
    const target = source.capabilities.replay!.targets(entity)[0]!;
    expect(target.reaches).toHaveLength(4);
    const outcome = await source.capabilities.replay!.replay(
      {entity: entity.entity, target, maxCount: 10, reason: 'SerializationException', messages},
      {signal, progress: () => undefined},
    );
    expect(outcome).toMatchObject({replayed: 10, failed: 0, skipped: 0});
    const after = (await source.read('dlq', signal)).entities.find((e) => e.entity === entity.entity)!;
    expect(after.deadLetter).toBeLessThanOrEqual(entity.deadLetter - 10 + 1);
    const world = source.world;
    for (const m of messages) expect(world.entity(entity.entity)!.received.get(`${m.messageId}:${m.sequenceNumber}`)).toBe(1);
  });
});

// Pane mapping against answers recorded from a real Prometheus (2.42, Debian) scraping the simulator (bad-deploy).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {SourceError} from '../../../src/data/errors.js';
import {burnFromProm} from '../../../src/data/prometheus/map-burn.js';
import {dlqFromProm, growthPerMinute, lagFromProm, outboxFromProm} from '../../../src/data/prometheus/map-flow.js';
import {checkStatus, healthFromProm} from '../../../src/data/prometheus/map-health.js';
import {parseMatrix, parseVector} from '../../../src/data/prometheus/vector.js';

const fixture = (pane: string) => {
  const doc = JSON.parse(readFileSync(new URL(`../../fixtures/prometheus/${pane}.json`, import.meta.url), 'utf8')) as {
    instant: {data: unknown};
    range: {data: unknown};
  };
  return [parseVector(doc.instant.data), parseMatrix(doc.range.data)] as const;
};

describe('Prometheus answers → readings', () => {
  it('health: one row per service × region with errors, latency, pods, checks and version', () => {
    const {services} = healthFromProm(...fixture('health'));
    expect(services).toHaveLength(16);
    const bad = services.find((s) => s.service === 'ingestion' && s.region === 'us-east')!;
    expect(bad).toMatchObject({version: '1.2.5', revision: 3, podsReady: 3, podsDesired: 3, status: 'Healthy'});
    expect(bad.errorRatio).toBeGreaterThan(0.2);
    expect(bad.p95Ms).toBeGreaterThan(1000);
    expect(bad.checks?.map((c) => c.name)).toEqual(['blob-worm', 'database', 'outbox-relay', 'policy', 'servicebus']);
    expect(bad.errorSeries?.length).toBeGreaterThanOrEqual(3);
    const calm = services.find((s) => s.service === 'gateway' && s.region === 'eu-west')!;
    expect(calm.errorRatio).toBeLessThan(0.001);
    expect(calm.p95Ms).toBeLessThan(200);
  });

  it('lag, DLQ and outbox rows come from label groups', () => {
    const lag = lagFromProm(...fixture('lag'));
    expect(lag.projections.map((p) => `${p.projection}@${p.region}`)).toHaveLength(6);
    for (const p of lag.projections) expect(p.p95Seconds).toBeGreaterThan(1);
    const dlq = dlqFromProm(...fixture('dlq'));
    expect(dlq.entities).toHaveLength(12);
    const sub = dlq.entities.find((e) => e.entity === 'audit.appended.v1/Subscriptions/search-indexer')!;
    expect(sub).toMatchObject({kind: 'subscription', topic: 'audit.appended.v1', consumer: 'search-indexer'});
    expect(sub.deadLetter).toBe(Object.values(sub.reasons ?? {}).reduce((a, b) => a + b, 0));
    expect(dlq.entities.find((e) => e.entity === 'integrity-verify')).toMatchObject({deadLetter: 0, kind: 'queue'});
    const outbox = outboxFromProm(...fixture('outbox'));
    expect(outbox.outboxes).toHaveLength(8);
    expect(outbox.outboxes.find((o) => o.service === 'ingestion' && o.region === 'us-east')!.pending).toBeGreaterThan(1000);
  });

  it("burn: Sloth's series by sloth_id, every window, budget remaining and the 5m burn trend", () => {
    const {slos} = burnFromProm(...fixture('burn'));
    expect(slos.map((s) => s.slo)).toEqual(['atp-availability', 'atp-ingestion-latency', 'atp-projection-lag', 'atp-query-latency']);
    const availability = slos[0]!;
    expect(availability).toMatchObject({objective: 0.999, periodDays: 30, service: 'atp', description: 'availability 99.9%'});
    expect(Object.keys(availability.errorRatio).sort()).toEqual(['1d', '1h', '2h', '30d', '30m', '3d', '5m', '6h']);
    expect(availability.budgetRemaining).toBeGreaterThan(0.8);
    expect(availability.burnSeries?.[0]?.v).toBeGreaterThan(14.4);
  });

  it('an empty answer is an `empty` error naming the metrics to check', () => {
    for (const map of [healthFromProm, lagFromProm, dlqFromProm, outboxFromProm, burnFromProm]) {
      expect(() => map([], [])).toThrow(SourceError);
    }
    expect(() => dlqFromProm([], [])).toThrow(/no Service Bus series \(atp_servicebus_active_messages/);
  });

  it('sanitises every label value and tolerates NaN and odd values', () => {
    const vector = parseVector({
      resultType: 'vector',
      result: [
        {metric: {atp_stat: 'active', entity: 'evil\u001b]0;pwned\u0007-queue\u001b[2J', kind: 'queue'}, value: [1, '3']},
        {metric: {atp_stat: 'dead', entity: 'evil-queue', reason: 'Bad\u202ereason'}, value: [1, 'NaN']},
      ],
    });
    const {entities} = dlqFromProm(vector, []);
    expect(entities[0]).toMatchObject({entity: 'evil-queue', active: 3, deadLetter: 0});
    expect(checkStatus(0.5)).toBe('Degraded');
    expect(checkStatus(Number.NaN)).toBe('Unknown');
    expect(() => parseVector({resultType: 'matrix', result: []})).toThrow(/where a vector was expected/);
  });

  it('growth per minute compares the newest sample with the one five minutes earlier', () => {
    const t = 1_000_000;
    expect(
      growthPerMinute([
        {t, v: 10},
        {t: t + 300_000, v: 20},
      ]),
    ).toBe(2);
    expect(growthPerMinute([])).toBe(0);
  });
});

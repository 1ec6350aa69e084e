// A synthetic source for the benchmark: any number of services, deployments, regions and entities,
// with a chosen fraction of the values changing on each refresh.
import {prng} from '../src/data/demo/random.js';
import {
  PANE_IDS,
  type BurnWindow,
  type DlqEntity,
  type PaneId,
  type ProjectionLag,
  type ReadingByPane,
  type ServiceHealth,
} from '../src/data/readings/types.js';
import type {Source} from '../src/data/sources/types.js';

export interface ScaleOptions {
  readonly services: number;
  /** Deployments per region (rows of the health pane = deployments × regions). */
  readonly deployments: number;
  readonly regions: number;
  readonly entities: number;
  /** Fraction of numeric values that change per read of a pane. */
  readonly change: number;
  readonly seed?: number;
}

const SERIES = 60;

/** Builds the source; each `read` moves `change` of the values. */
export function createScaleSource(o: ScaleOptions): Source {
  const random = prng(o.seed ?? 7);
  const regions = Array.from({length: o.regions}, (_, i) => ['us-east', 'eu-west', 'ap-south', 'us-west'][i] ?? `region-${i}`);
  const now = Date.now();
  const series = (base: number) => Array.from({length: SERIES}, (_, i) => ({t: now - (SERIES - i) * 15_000, v: base * (0.8 + 0.4 * random())}));
  const perRegion = Math.max(1, Math.ceil(o.deployments));
  const health: ServiceHealth[] = [];
  for (const region of regions) {
    for (let d = 0; d < perRegion; d++) {
      const service = `svc-${String(d % o.services).padStart(2, '0')}${d >= o.services ? `-worker-${Math.floor(d / o.services)}` : ''}`;
      health.push({
        service,
        region,
        status: 'Healthy',
        podsReady: 3,
        podsDesired: 3,
        restarts: 0,
        errorRatio: 0.001 * random(),
        p95Ms: 50 + 200 * random(),
        p99Ms: 400 * random(),
        requestRate: 100 * random(),
        version: '1.2.4',
        revision: 2,
        errorSeries: series(0.001),
        p95Series: series(100),
      });
    }
  }
  const lag: ProjectionLag[] = ['timeline', 'actor', 'resource'].flatMap((projection) =>
    regions.map((region) => ({
      projection,
      region,
      lagSeconds: random(),
      p95Seconds: 2 * random(),
      p99Seconds: 4 * random(),
      eventsPerSecond: 100 * random(),
      series: series(2),
    })),
  );
  const dlq: DlqEntity[] = Array.from({length: o.entities}, (_, i) => {
    const topic = `topic-${String(Math.floor(i / 10)).padStart(3, '0')}`;
    return {
      entity: `${topic}/Subscriptions/sub-${i % 10}`,
      kind: 'subscription',
      topic,
      consumer: `consumer-${i % 10}`,
      deadLetter: Math.floor(50 * random()),
      active: Math.floor(20 * random()),
      transferDeadLetter: 0,
      growthPerMin: 0,
      oldestAgeSeconds: 3600 * random(),
      reasons: {DeliveryCountExceeded: 3, TTLExpiredException: 2},
      series: series(20),
    };
  });
  const outbox = Array.from({length: o.services}, (_, i) =>
    regions.map((region) => ({
      service: `svc-${String(i).padStart(2, '0')}`,
      region,
      pending: Math.floor(100 * random()),
      oldestAgeSeconds: random(),
      relayPerSecond: 100 * random(),
      series: series(50),
    })),
  ).flat();
  const windows: BurnWindow[] = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'];
  const burn = Array.from({length: Math.max(4, Math.floor(o.services / 5))}, (_, i) => ({
    slo: `slo-${i}`,
    objective: 0.999,
    periodDays: 30,
    description: `SLO ${i}`,
    errorRatio: Object.fromEntries(windows.map((w) => [w, 0.0003 * random()])),
    burnSeries: series(0.3),
  }));

  /** Changes about `change` of the numbers in `rows`, in place (new objects for changed rows). */
  function churn<T extends object>(rows: T[], keys: (keyof T)[]): T[] {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let next: T | undefined;
      for (const k of keys) {
        if (random() >= o.change) continue;
        next ??= {...row};
        const v = row[k];
        if (typeof v === 'number') (next as Record<keyof T, unknown>)[k] = Number.isInteger(v) ? v + (random() < 0.5 ? -1 : 1) : v * (0.9 + 0.2 * random());
      }
      if (next) rows[i] = next;
    }
    return rows.slice();
  }

  const readers: {[P in PaneId]: () => ReadingByPane[P]} = {
    health: () => ({services: churn(health, ['errorRatio', 'p95Ms', 'requestRate', 'restarts', 'p99Ms'])}),
    lag: () => ({projections: churn(lag, ['lagSeconds', 'p95Seconds', 'p99Seconds', 'eventsPerSecond'])}),
    dlq: () => ({entities: churn(dlq, ['deadLetter', 'active', 'oldestAgeSeconds'])}),
    outbox: () => ({outboxes: churn(outbox, ['pending', 'oldestAgeSeconds', 'relayPerSecond'])}),
    burn: () => ({slos: burn}),
  };
  return {
    id: 'scale',
    kind: 'demo',
    description: `synthetic: ${o.services} services, ${health.length} deployments, ${o.entities} entities`,
    panes: PANE_IDS,
    capabilities: {},
    async read<P extends PaneId>(pane: P): Promise<ReadingByPane[P]> {
      return readers[pane]();
    },
  };
}

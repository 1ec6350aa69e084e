// Cumulative counters and histograms integrated from the demo world, second by second, plus the SLO-driven
// history before the world's first step (so Prometheus's rate() windows see the demo's 30-day story).
import type {DemoWorld} from '../demo/world.js';
import {DEMO_OUTBOXES, DEMO_PROJECTIONS, DEMO_SERVICES} from '../demo/topology.js';
import {DURATION_BUCKETS, LAG_BUCKETS, emptyHistogram, observe, p95ForShare, type HistogramState} from './latency.js';
import {PROJECTION_SHARE, REGIONS, baselineRps} from './synthetic.js';

/** Requests split by outcome. */
export interface RequestCounts {
  ok: number;
  err: number;
}

/** How each SLO's synthetic history drives the raw series (mirrors the Sloth SLI queries in slos.ts). */
export const SLO_DRIVERS: Readonly<Record<string, {kind: 'requests' | 'duration' | 'lag'; services: readonly string[]; limit: number}>> = {
  'atp-availability': {kind: 'requests', services: ['gateway', 'ingestion', 'query'], limit: 0},
  'atp-ingestion-latency': {kind: 'duration', services: ['ingestion'], limit: 0.5},
  'atp-query-latency': {kind: 'duration', services: ['query'], limit: 0.2},
  'atp-projection-lag': {kind: 'lag', services: DEMO_PROJECTIONS, limit: 5},
};

const key = (a: string, region: string) => `${a}|${region}`;

/** The simulator's cumulative metric state. */
export class SimCounters {
  readonly requests = new Map<string, RequestCounts>();
  readonly duration = new Map<string, HistogramState>();
  readonly lag = new Map<string, HistogramState>();
  readonly events = new Map<string, number>();
  readonly relayed = new Map<string, number>();

  constructor() {
    for (const s of DEMO_SERVICES)
      for (const r of REGIONS) {
        this.requests.set(key(s, r), {ok: 0, err: 0});
        this.duration.set(key(s, r), emptyHistogram(DURATION_BUCKETS));
      }
    for (const s of DEMO_OUTBOXES) for (const r of REGIONS) this.relayed.set(key(s, r), 0);
    for (const p of DEMO_PROJECTIONS)
      for (const r of REGIONS) {
        this.lag.set(key(p, r), emptyHistogram(LAG_BUCKETS));
        this.events.set(key(p, r), 0);
      }
  }

  request(service: string, region: string): RequestCounts {
    return this.requests.get(key(service, region)) ?? {ok: 0, err: 0};
  }

  durationOf(service: string, region: string): HistogramState {
    return this.duration.get(key(service, region)) ?? emptyHistogram(DURATION_BUCKETS);
  }

  lagOf(projection: string, region: string): HistogramState {
    return this.lag.get(key(projection, region)) ?? emptyHistogram(LAG_BUCKETS);
  }

  /** Integrates one synthetic stretch of SLO `id` with error ratio `ratio` over `seconds`. */
  applySegment(id: string, ratio: number, seconds: number): void {
    const driver = SLO_DRIVERS[id];
    if (!driver || !(seconds > 0)) return;
    const share = Math.max(0, Math.min(1, ratio));
    for (const name of driver.services)
      for (const region of REGIONS) {
        if (driver.kind === 'requests') {
          const n = baselineRps(name, region) * seconds;
          const c = this.request(name, region);
          c.ok += n * (1 - share);
          c.err += n * share;
        } else if (driver.kind === 'duration') {
          observe(this.durationOf(name, region), DURATION_BUCKETS, baselineRps(name, region) * seconds, p95ForShare(share, driver.limit), 1, 30);
        } else {
          const n = baselineRps('ingestion', region) * (PROJECTION_SHARE[name] ?? 0.5) * seconds;
          observe(this.lagOf(name, region), LAG_BUCKETS, n, p95ForShare(share, driver.limit), 1, 600);
        }
      }
  }

  /** Integrates one simulation step of `dtMs` from the world's current state. */
  step(world: DemoWorld, dtMs: number): void {
    const dt = dtMs / 1000;
    for (const s of world.services) {
      const n = s.rps * dt;
      const c = this.request(s.service, s.region);
      c.ok += n * (1 - s.errorRatio);
      c.err += n * s.errorRatio;
      // No ready pod: every request is slow (the demo counts them all against the latency SLOs).
      observe(this.durationOf(s.service, s.region), DURATION_BUCKETS, n, s.p95 / 1000, 0.9, 30);
    }
    for (const p of world.projections) {
      const arrivals = (world.service('ingestion', p.region)?.rps ?? 0) * (PROJECTION_SHARE[p.projection] ?? 0.5) * dt;
      observe(this.lagOf(p.projection, p.region), LAG_BUCKETS, arrivals, p.p95, 1, p.lag);
      this.events.set(key(p.projection, p.region), (this.events.get(key(p.projection, p.region)) ?? 0) + p.eps * dt);
    }
    for (const o of world.outboxes) this.relayed.set(key(o.service, o.region), (this.relayed.get(key(o.service, o.region)) ?? 0) + o.relay * dt);
  }

  /** A deep copy (the backfill replays history on a copy). */
  clone(): SimCounters {
    const copy = new SimCounters();
    const hist = (h: HistogramState): HistogramState => ({buckets: [...h.buckets], sum: h.sum, count: h.count});
    for (const [k, v] of this.requests) copy.requests.set(k, {...v});
    for (const [k, v] of this.duration) copy.duration.set(k, hist(v));
    for (const [k, v] of this.lag) copy.lag.set(k, hist(v));
    for (const [k, v] of this.events) copy.events.set(k, v);
    for (const [k, v] of this.relayed) copy.relayed.set(k, v);
    return copy;
  }
}

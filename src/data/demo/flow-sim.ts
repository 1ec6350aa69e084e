// Projections and outboxes: lag, throughput and backlog over time.
import {hash, wobbleH} from './random.js';
import {trendSeries} from './series.js';

const SHARE: Readonly<Record<string, number>> = {timeline: 1, actor: 0.6, resource: 0.4};

export class ProjectionSim {
  stalledSince: number | undefined;
  lag = 0;
  p95 = 0;
  p99 = 0;
  eps = 0;
  readonly series = trendSeries();
  /** Noise keys, hashed once. */
  private readonly keys: {lag: number; p95: number; p99: number; eps: number};

  constructor(
    readonly projection: string,
    readonly region: string,
    private readonly seed: number,
  ) {
    const key = `${projection}@${region}`;
    this.keys = {lag: hash(`${key}:lag`), p95: hash(`${key}:p95`), p99: hash(`${key}:p99`), eps: hash(`${key}:eps`)};
  }

  step(t: number, ingestRps: number, regionDown: boolean): void {
    const stalled = this.stalledSince ?? (regionDown ? t : undefined);
    if (this.stalledSince === undefined && regionDown) this.stalledSince = t;
    if (stalled !== undefined) {
      this.lag = (t - stalled) / 1000 + 0.6;
      this.p95 = this.lag;
      this.p99 = this.lag;
      this.eps = 0;
    } else {
      this.lag = 0.55 + 0.3 * wobbleH(this.seed, this.keys.lag, t, 15_000);
      this.p95 = 1.9 + 0.3 * wobbleH(this.seed, this.keys.p95, t, 150_000);
      this.p99 = this.p95 * (2.1 + 0.3 * wobbleH(this.seed, this.keys.p99, t, 35_000));
      this.eps = ingestRps * (SHARE[this.projection] ?? 0.5) * (1 + 0.05 * wobbleH(this.seed, this.keys.eps, t, 10_000));
    }
    this.series.offer(t, this.p95);
  }

  /** Share of events later than `limitSeconds` (for the projection-lag SLO). */
  lateShare(limitSeconds: number): number {
    return Math.min(1, 0.05 * (this.p95 / limitSeconds) ** 3);
  }
}

export class OutboxSim {
  pending = 0;
  oldestAge = 0;
  relay = 0;
  stuckSince: number | undefined;
  readonly series = trendSeries();
  /** Noise keys, hashed once. */
  private readonly keys: {relay: number; pend: number};

  constructor(
    readonly service: string,
    readonly region: string,
    private readonly seed: number,
  ) {
    const key = `${service}@${region}`;
    this.keys = {relay: hash(`${key}:relay`), pend: hash(`${key}:pend`)};
  }

  step(t: number, dtMs: number, writeRps: number, slowed: boolean, down: boolean): void {
    const inflow = writeRps * 0.6;
    if (down) {
      this.relay = 0;
      this.stuckSince ??= t;
      this.oldestAge = (t - this.stuckSince) / 1000;
    } else if (slowed) {
      this.relay = inflow * 0.97;
      this.pending += ((inflow - this.relay) * dtMs) / 1000;
      this.oldestAge = this.pending / Math.max(1, this.relay);
      this.stuckSince = undefined;
    } else {
      this.relay = inflow * (1 + 0.05 * wobbleH(this.seed, this.keys.relay, t, 12_000));
      const steady = inflow * (0.25 + 0.1 * wobbleH(this.seed, this.keys.pend, t, 20_000));
      // Drain any backlog quickly once relaying is healthy again.
      this.pending = this.pending > steady ? Math.max(steady, this.pending - inflow * 2 * (dtMs / 1000)) : steady;
      this.oldestAge = this.pending / Math.max(1, this.relay) + 0.2;
      this.stuckSince = undefined;
    }
    this.series.offer(t, this.pending);
  }
}

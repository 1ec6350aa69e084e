// Projections and outboxes: lag, throughput and backlog over time.
import {hash, wobbleH} from './random.js';
import {trendSeries} from './series.js';

const SHARE: Readonly<Record<string, number>> = {timeline: 1, actor: 0.6, resource: 0.4};

/** The projection workers of a region as the projection sees them: how many run, how many started after a stall. */
export interface Workers {
  /** Ready workers. */
  readonly ready: number;
  /** Ready workers started after the stall began: they take the lost locks over, so the projection moves again. */
  readonly fresh: number;
  /** The workers the region runs on a calm day. */
  readonly base: number;
}

/** The calm-day workers keep up with this many times the events that arrive: their headroom to drain a backlog. */
const HEADROOM = 1.5;
/**
 * The demo compresses a catch-up (ours, to keep a scenario playable in minutes): real workers with 1.5× headroom
 * drain a 40-minute backlog in 80 minutes; the demo's drain 20× faster, so doubling the workers (3× the inflow,
 * 2 s of lag per second, 40 in the demo) clears the stall in about a minute, and a restart alone in about four.
 */
const CATCHUP_SPEEDUP = 20;

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

  /** Lag of a backlog the workers are draining after a stall (undefined: caught up). */
  private catchingUp: number | undefined;
  private lastT: number | undefined;

  step(t: number, ingestRps: number, regionDown: boolean, workers?: Workers): void {
    const dt = this.lastT === undefined ? 0 : (t - this.lastT) / 1000;
    this.lastT = t;
    // A stall ends when a worker started after it is ready (a restart, or a scale-up's new pods): the backlog drains.
    if (this.stalledSince !== undefined && !regionDown && workers && workers.fresh > 0) {
      this.catchingUp = this.lag;
      this.stalledSince = undefined;
    }
    const stalled = this.stalledSince ?? (regionDown ? t : undefined);
    if (this.stalledSince === undefined && regionDown) this.stalledSince = t;
    const capacity = workers && workers.base > 0 ? (HEADROOM * workers.ready) / workers.base : HEADROOM;
    if (stalled === undefined && this.catchingUp !== undefined) {
      this.catchingUp = Math.max(0, this.catchingUp - dt * CATCHUP_SPEEDUP * Math.max(0, capacity - 1));
      if (this.catchingUp <= 1) this.catchingUp = undefined;
    }
    if (stalled === undefined && this.catchingUp !== undefined) {
      this.lag = this.catchingUp;
      this.p95 = this.lag;
      this.p99 = this.lag;
      this.eps = ingestRps * (SHARE[this.projection] ?? 0.5) * capacity;
    } else if (stalled !== undefined) {
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

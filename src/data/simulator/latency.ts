// The simulator's latency model: a Pareto tail (α = 3) anchored at the P95, the same model the demo's
// latency and projection-lag SLOs use (share slower than L = 0.05·(P95/L)³), so bucket ratios match the demo.

/** Request-duration histogram buckets, in seconds (1, 0.5 and 0.2 are SLO and alert boundaries). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10] as const;

/** Projection event-lag histogram buckets, in seconds (5 is the SLO boundary, 30 the alert). */
export const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 2.5, 5, 7.5, 10, 15, 30, 60, 120, 300, 600] as const;

/** Share of observations slower than `x`, for a P95 of `p95` (same unit), capped at `cap`. */
export function slowerThan(p95: number, x: number, cap: number): number {
  if (!(p95 > 0)) return 0;
  return Math.min(cap, 0.05 * (p95 / x) ** 3);
}

/** The P95 that puts exactly `share` of observations above `limit` (inverse of `slowerThan`). */
export function p95ForShare(share: number, limit: number): number {
  return share > 0 ? limit * (Math.min(1, share) / 0.05) ** (1 / 3) : 0;
}

/** Cumulative bucket counts, sum and count of a histogram. */
export interface HistogramState {
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** A histogram with no observations. */
export function emptyHistogram(bounds: readonly number[]): HistogramState {
  return {buckets: bounds.map(() => 0), sum: 0, count: 0};
}

/**
 * Adds `n` observations whose distribution has the given P95 (0 = all slower than every bucket).
 * `cap` bounds the slow share (the demo caps request latency at 0.9 and lag at 1).
 */
export function observe(h: HistogramState, bounds: readonly number[], n: number, p95: number, cap: number, slowValue: number): void {
  if (!(n > 0)) return;
  h.count += n;
  if (!(p95 > 0)) {
    h.sum += n * slowValue;
    return;
  }
  bounds.forEach((le, i) => {
    h.buckets[i] = (h.buckets[i] ?? 0) + n * (1 - slowerThan(p95, le, cap));
  });
  // Mean of the α = 3 Pareto with that P95 is 1.5 · x_min = 1.5 · P95 · 0.05^(1/3) ≈ 0.55 · P95.
  h.sum += n * p95 * 0.55;
}

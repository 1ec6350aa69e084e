// The demo's 30-day SLO history (SloSim buckets) as error-ratio segments, and the request rates behind them.
import type {DemoWorld} from '../demo/world.js';
import {DEMO_PROFILE, DEMO_REGIONS} from '../demo/topology.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Region traffic factor and projection shares, as in the demo's service and flow simulations. */
export const REGION_FACTOR: Readonly<Record<string, number>> = {'us-east': 1.2, 'eu-west': 0.8};
export const PROJECTION_SHARE: Readonly<Record<string, number>> = {timeline: 1, actor: 0.6, resource: 0.4};

/** A stretch of history with one error ratio. */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly ratio: number;
}

/** Baseline requests per second of a service in a region (the rate the synthetic history assumes). */
export function baselineRps(service: string, region: string): number {
  return (DEMO_PROFILE[service]?.rps ?? 50) * (REGION_FACTOR[region] ?? 1);
}

/** Every SLO's history as segments ending at `end` (the first live step), oldest first. */
export function sloSegments(world: DemoWorld, end: number): Map<string, Segment[]> {
  const out = new Map<string, Segment[]>();
  for (const slo of world.slos) {
    const {minuteStart, hours, minutes} = slo.buckets();
    const firstMinute = minuteStart - minutes.length * MIN;
    const firstHour = firstMinute - hours.length * HOUR;
    const segments: Segment[] = [];
    hours.forEach((ratio, i) => segments.push({from: firstHour + i * HOUR, to: firstHour + (i + 1) * HOUR, ratio}));
    minutes.forEach((ratio, i) => segments.push({from: firstMinute + i * MIN, to: firstMinute + (i + 1) * MIN, ratio}));
    // The partial minute before the first live step repeats the last closed minute.
    if (end > minuteStart) segments.push({from: minuteStart, to: end, ratio: minutes[minutes.length - 1] ?? slo.def.calm});
    out.set(slo.def.id, segments);
  }
  return out;
}

/** Mean error ratio over [from, to) of time-weighted segments (undefined when none overlap). */
export function meanRatio(segments: readonly Segment[], from: number, to: number): number | undefined {
  let weight = 0;
  let total = 0;
  for (const s of segments) {
    const a = Math.max(from, s.from);
    const b = Math.min(to, s.to);
    if (b > a) {
      weight += b - a;
      total += (b - a) * s.ratio;
    }
  }
  return weight > 0 ? total / weight : undefined;
}

/** The simulated regions. */
export const REGIONS = DEMO_REGIONS;

// One SLO's error-ratio history: 30 days, minute buckets for the last 3 days and hourly before that.
import type {BurnWindow} from '../readings/types.js';
import {hash, unitH, wobbleH} from './random.js';
import {trendSeries} from './series.js';
import type {DemoSlo} from './topology.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const MINUTE_BUCKETS = 3 * 24 * 60;
const HOUR_BUCKETS = 27 * 24;

const WINDOW_MINUTES: Readonly<Record<BurnWindow, number>> = {
  '5m': 5, '30m': 30, '1h': 60, '2h': 120, '6h': 360, '1d': 1440, '3d': 4320, '30d': 43_200,
};

export class SloSim {
  /** Minute buckets, oldest first, ending with the last complete minute. */
  private readonly minutes: number[] = [];
  /** Hourly buckets older than the minute buckets, oldest first. */
  private readonly hours: number[] = [];
  private minuteStart: number;
  private sum = 0;
  private count = 0;
  readonly burnSeries = trendSeries();
  private readonly histKey: number;
  private readonly blipKey: number;

  constructor(
    readonly def: DemoSlo,
    private readonly seed: number,
    historyEnd: number,
  ) {
    this.histKey = hash(`${def.id}:hist`);
    this.blipKey = hash(`${def.id}:blip`);
    this.minuteStart = Math.floor(historyEnd / MIN) * MIN;
    const firstMinute = this.minuteStart - MINUTE_BUCKETS * MIN;
    for (let h = HOUR_BUCKETS; h > 0; h--) this.hours.push(this.historic(firstMinute - h * HOUR + HOUR / 2));
    for (let m = 0; m < MINUTE_BUCKETS; m++) this.minutes.push(this.historic(firstMinute + m * MIN));
  }

  /** Adds an instantaneous error ratio observed at `t`. */
  record(t: number, ratio: number): void {
    while (t >= this.minuteStart + MIN) this.closeMinute();
    this.sum += ratio;
    this.count++;
    this.burnSeries.offer(t, this.window('5m') / (1 - this.def.objective));
  }

  /** Mean error ratio over a window ending now (the open minute counts as one bucket). */
  window(window: BurnWindow): number {
    const wanted = WINDOW_MINUTES[window];
    let total = 0;
    let n = 0;
    if (this.count > 0) {
      total += this.sum / this.count;
      n++;
    }
    for (let i = this.minutes.length - 1; i >= 0 && n < wanted; i--, n++) total += this.minutes[i] ?? 0;
    for (let i = this.hours.length - 1; i >= 0 && n < wanted; i--) {
      const take = Math.min(60, wanted - n);
      total += (this.hours[i] ?? 0) * take;
      n += take;
    }
    return n > 0 ? total / n : 0;
  }

  /** Copies of the closed buckets: hourly ones, then minute ones ending at `minuteStart` (for exporting history). */
  buckets(): {readonly minuteStart: number; readonly hours: readonly number[]; readonly minutes: readonly number[]} {
    return {minuteStart: this.minuteStart, hours: [...this.hours], minutes: [...this.minutes]};
  }

  private closeMinute(): void {
    const value = this.count > 0 ? this.sum / this.count : (this.minutes[this.minutes.length - 1] ?? this.def.calm);
    this.minutes.push(value);
    this.minuteStart += MIN;
    this.sum = 0;
    this.count = 0;
    if (this.minutes.length > MINUTE_BUCKETS) {
      const hour = this.minutes.splice(0, 60);
      this.hours.push(hour.reduce((a, b) => a + b, 0) / hour.length);
      if (this.hours.length > HOUR_BUCKETS) this.hours.shift();
    }
  }

  /** Synthetic past: calm noise plus one old incident 11 days back. */
  private historic(t: number): number {
    let ratio = this.def.calm * (1 + 0.5 * wobbleH(this.seed, this.histKey, t, 3 * HOUR));
    const daysAgo = (this.minuteStart - t) / (24 * HOUR);
    if (daysAgo > 11 && daysAgo < 11 + 40 / 1440) ratio += (1 - this.def.objective) * 20;
    if (unitH(this.seed, this.blipKey, Math.floor(t / HOUR)) > 0.995) ratio += (1 - this.def.objective) * 3;
    return ratio;
  }
}

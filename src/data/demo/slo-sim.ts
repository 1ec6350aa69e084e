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
  '5m': 5,
  '30m': 30,
  '1h': 60,
  '2h': 120,
  '6h': 360,
  '1d': 1440,
  '3d': 4320,
  '30d': 43_200,
};

export class SloSim {
  /** Minute buckets, oldest first, ending with the last complete minute. */
  private readonly minutes: number[] = [];
  /** Hourly buckets older than the minute buckets, oldest first. */
  private readonly hours: number[] = [];
  private minuteStart: number;
  /** The open minute: the integral of the error ratio over its elapsed milliseconds. */
  private openSum = 0;
  private openMs = 0;
  /** The last recorded time: the end of every window. */
  private lastT: number;
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
    this.lastT = historyEnd;
    const firstMinute = this.minuteStart - MINUTE_BUCKETS * MIN;
    for (let h = HOUR_BUCKETS; h > 0; h--) this.hours.push(this.historic(firstMinute - h * HOUR + HOUR / 2));
    for (let m = 0; m < MINUTE_BUCKETS; m++) this.minutes.push(this.historic(firstMinute + m * MIN));
    // The synthetic past runs up to `historyEnd`, inside the open minute: that part repeats the last closed minute.
    this.openMs = historyEnd - this.minuteStart;
    this.openSum = (this.minutes[this.minutes.length - 1] ?? def.calm) * this.openMs;
  }

  /**
   * Adds the error ratio that held from the previous record until `t` (one simulation step). The step's time is
   * split across the minutes it covers, so a coarse step off the minute grid still fills each minute exactly.
   */
  record(t: number, ratio: number): void {
    let from = this.lastT;
    while (from < t) {
      const to = Math.min(t, this.minuteStart + MIN);
      this.openSum += ratio * (to - from);
      this.openMs += to - from;
      if (to === this.minuteStart + MIN) this.closeMinute();
      from = to;
    }
    this.lastT = Math.max(this.lastT, t);
    this.burnSeries.offer(t, this.window('5m') / (1 - this.def.objective));
  }

  /**
   * Mean error ratio over the window ending at the last record: an exact time-weighted sliding window. The open
   * minute weighs its elapsed time, and the oldest bucket only the part of it inside the window (docs/trends-and-burn.md).
   */
  window(window: BurnWindow): number {
    const wanted = WINDOW_MINUTES[window] * MIN;
    let total = 0;
    let covered = 0;
    const take = (value: number, ms: number): boolean => {
      const part = Math.min(ms, wanted - covered);
      total += value * part;
      covered += part;
      return covered < wanted;
    };
    let more = true;
    if (this.openMs > 0) more = take(this.openSum / this.openMs, this.openMs);
    for (let i = this.minutes.length - 1; more && i >= 0; i--) more = take(this.minutes[i] ?? 0, MIN);
    for (let i = this.hours.length - 1; more && i >= 0; i--) more = take(this.hours[i] ?? 0, HOUR);
    return covered > 0 ? total / covered : 0;
  }

  /** Copies of the closed buckets: hourly ones, then minute ones ending at `minuteStart` (for exporting history). */
  buckets(): {readonly minuteStart: number; readonly hours: readonly number[]; readonly minutes: readonly number[]} {
    return {minuteStart: this.minuteStart, hours: [...this.hours], minutes: [...this.minutes]};
  }

  private closeMinute(): void {
    const value = this.openMs > 0 ? this.openSum / this.openMs : (this.minutes[this.minutes.length - 1] ?? this.def.calm);
    this.minutes.push(value);
    this.minuteStart += MIN;
    this.openSum = 0;
    this.openMs = 0;
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

// A fixed-size ring of samples, for trend lines and alert durations.
import type {Sample, Series} from '../readings/types.js';

/** Keeps the newest `capacity` samples, one per `everyMs` at most. */
export class RingSeries {
  private readonly samples: Sample[] = [];
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly capacity: number,
    private readonly everyMs: number,
  ) {}

  /** Records `v` at `t` unless a sample was taken less than `everyMs` ago. */
  offer(t: number, v: number): void {
    if (t - this.lastAt < this.everyMs) return;
    this.lastAt = t;
    this.samples.push({t, v});
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  /** A copy, safe to hand out in a reading. */
  toSeries(): Series {
    return this.samples.slice();
  }

  latest(): Sample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** The sample closest to, but not after, `t`. */
  at(t: number): Sample | undefined {
    let found: Sample | undefined;
    for (const s of this.samples) {
      if (s.t > t) break;
      found = s;
    }
    return found;
  }
}

/** 15-second samples over the last 60 minutes. */
export const trendSeries = (): RingSeries => new RingSeries(240, 15_000);

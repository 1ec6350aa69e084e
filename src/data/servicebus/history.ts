// Dead-letter depth over time, kept by the source itself: the trend line and the growth rate per minute.
import type {Series} from '../readings/types.js';

const KEEP_MS = 60 * 60_000;
/** At most one stored sample per this interval, so 1,000 entities x 1 h stay small (120 samples each). */
const SAMPLE_EVERY_MS = 30_000;
/** Growth is measured over about this span (or whatever history exists, if at least a minute). */
const GROWTH_SPAN_MS = 5 * 60_000;

/** Samples of each entity's dead-letter count. */
export class DepthHistory {
  private readonly series = new Map<string, {t: number; v: number}[]>();

  /** Records `value` for `entity` at `now`; returns the trend (ending at `now`) and growth per minute. */
  offer(entity: string, now: number, value: number): {series: Series; growthPerMin?: number} {
    let samples = this.series.get(entity);
    if (!samples) this.series.set(entity, (samples = []));
    while (samples.length > 0 && (samples[0]?.t ?? now) < now - KEEP_MS) samples.shift();
    const last = samples.at(-1);
    if (!last || now - last.t >= SAMPLE_EVERY_MS) samples.push({t: now, v: value});
    // The line always ends at the current value, even between stored samples.
    const line = samples.at(-1)?.t === now ? [...samples] : [...samples, {t: now, v: value}];
    const base = [...samples].reverse().find((s) => now - s.t >= GROWTH_SPAN_MS) ?? samples[0];
    const span = base ? now - base.t : 0;
    const growthPerMin = base && span >= 60_000 ? ((value - base.v) / span) * 60_000 : undefined;
    return {series: line, growthPerMin};
  }

  /** Forgets entities that no longer exist. */
  retain(entities: ReadonlySet<string>): void {
    for (const key of this.series.keys()) if (!entities.has(key)) this.series.delete(key);
  }
}

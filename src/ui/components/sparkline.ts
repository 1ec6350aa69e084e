// Inline trend lines: a fixed span of time (60 minutes) in a fixed number of cells, every row of a column on one
// scale that starts at zero and reaches at least the column's threshold (docs/trends-and-burn.md).
import type {Series} from '../../data/readings/types.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['_', '.', '-', "'"];

/** The time an inline trend covers, whatever the source keeps: its column header says so (`ERRORS 60m`). */
export const TREND_SPAN_MS = 60 * 60_000;

/** The header of a trend column: its subject and the span it covers, `P95 LAG 60m`. */
export const trendHeader = (subject: string, spanMs = TREND_SPAN_MS): string => `${subject} ${Math.round(spanMs / 60_000)}m`;

/** Where a column's trend lines sit in time, and the top of their shared scale. */
export interface TrendFrame {
  /** The newest instant shown (the right edge). */
  readonly end: number;
  readonly spanMs?: number;
  /** The value drawn as a full cell: the same for every row of a column. */
  readonly max: number;
}

/**
 * The top of a column's scale: the largest value any row shows within the span, and never less than `floor` (the
 * column's threshold), so calm noise stays at the bottom of the cell instead of filling it.
 */
export function trendScale(all: Iterable<Series | undefined>, floor: number, end: number, spanMs = TREND_SPAN_MS): number {
  let max = floor;
  for (const series of all) {
    for (const s of series ?? []) if (s.t > end - spanMs && s.t <= end && s.v > max) max = s.v;
  }
  return max;
}

/**
 * The series over (end - span, end] in exactly `cells` cells: each cell covers span / cells of time and shows the
 * largest value in it (a spike is never averaged away); a cell with no sample is blank.
 */
export function sparkline(series: Series | undefined, cells: number, frame: TrendFrame, ascii = false): string {
  if (cells <= 0) return '';
  const span = frame.spanMs ?? TREND_SPAN_MS;
  const start = frame.end - span;
  const peak: (number | undefined)[] = Array.from({length: cells}, () => undefined);
  for (const s of series ?? []) {
    if (!(s.t > start && s.t <= frame.end) || !Number.isFinite(s.v)) continue;
    const i = Math.min(cells - 1, Math.max(0, Math.ceil(((s.t - start) / span) * cells) - 1));
    const p = peak[i];
    if (p === undefined || s.v > p) peak[i] = s.v;
  }
  const levels = ascii ? ASCII : BLOCKS;
  return peak
    .map((v) => {
      if (v === undefined) return ' ';
      if (!(frame.max > 0) || v <= 0) return levels[0];
      // Level k holds values in (k/n, (k+1)/n] of the scale: anything above zero shows at least the lowest level.
      const k = Math.ceil((v / frame.max) * levels.length) - 1;
      return levels[Math.max(0, Math.min(levels.length - 1, k))];
    })
    .join('');
}

// Inline trend lines: one character per sample, eight levels (or four in ASCII).
import type {Series} from '../../data/readings/types.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['_', '.', '-', "'"];

/** The last `width` samples of `series` as a string of exactly `width` cells. */
export function sparkline(series: Series | undefined, width: number, ascii = false): string {
  if (width <= 0) return '';
  const values = (series ?? []).slice(-width).map((s) => s.v);
  if (values.length === 0) return ' '.repeat(width);
  const levels = ascii ? ASCII : BLOCKS;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const chars = values.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    const i = span <= Math.abs(max) * 1e-9 ? 0 : Math.round(((v - min) / span) * (levels.length - 1));
    return levels[Math.max(0, Math.min(levels.length - 1, i))] ?? ' ';
  });
  return ' '.repeat(width - chars.length) + chars.join('');
}

// Display-width helpers: pad and truncate by terminal cells, not code units.
import stringWidth from 'string-width';
import {sanitize} from './sanitize.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal cells `text` occupies (printable ASCII is counted without string-width, which is slow). */
export function cellWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cuts `text` to at most `width` cells, ending with `ellipsis` when cut. Outside text is sanitised here again. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (!PRINTABLE_ASCII.test(text)) text = sanitize(text);
  if (cellWidth(text) <= width) return text;
  const room = width - stringWidth(ellipsis);
  let out = '';
  let used = 0;
  for (const {segment} of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return room < 0 ? ellipsis.slice(0, width) : out + ellipsis;
}

/** Pads (or truncates) `text` to exactly `width` cells (sanitised, see `truncate`). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const cut = truncate(text, width, ellipsis);
  const pad = ' '.repeat(Math.max(0, width - cellWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}

/** The last `width` cells of `text`, left-padded to exactly `width` (for trend lines: newest at the right). */
export function fitEnd(text: string, width: number): string {
  if (width <= 0) return '';
  if (!PRINTABLE_ASCII.test(text)) text = sanitize(text);
  if (PRINTABLE_ASCII.test(text)) return text.length >= width ? text.slice(text.length - width) : ' '.repeat(width - text.length) + text;
  const graphemes = [...segmenter.segment(text)].map((s) => s.segment);
  let out = '';
  let used = 0;
  for (let i = graphemes.length - 1; i >= 0; i--) {
    const g = graphemes[i] ?? '';
    const w = stringWidth(g);
    if (used + w > width) break;
    out = g + out;
    used += w;
  }
  return ' '.repeat(width - used) + out;
}

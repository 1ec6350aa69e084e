// Display-width helpers: pad and truncate by terminal cells, not code units.
import stringWidth from 'string-width';
import {sanitize} from './sanitize.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
/**
 * Text made only of code points that are one cell wide, one code unit long and left alone by `sanitize`:
 * printable ASCII and Latin-1, general punctuation (dashes, quotes, bullets, ellipsis), arrows, box drawing,
 * block elements, geometric shapes (not the two emoji-wide squares) and braille. Such text is measured and
 * cut by code units, without string-width or the grapheme segmenter, which are slow (trend lines and charts
 * are all block and braille characters). test/data/text/width.test.ts checks every code point of the class.
 */
export const NARROW = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u2800-\u28ff]*$/;

/** Terminal cells `text` occupies. */
export function cellWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

/** Cuts `text` to at most `width` cells, ending with `ellipsis` when cut. Outside text is sanitised here again. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (NARROW.test(text)) return text.length <= width ? text : narrowCut(text, width, ellipsis);
  text = sanitize(text);
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

/** `text` cut to `width` cells ending with `ellipsis`, for narrow text (see NARROW) longer than `width`. */
function narrowCut(text: string, width: number, ellipsis: string): string {
  const room = width - stringWidth(ellipsis);
  return room < 0 ? ellipsis.slice(0, width) : text.slice(0, room) + ellipsis;
}

/**
 * The first of `forms` (longest first, each saying the same fact more briefly) that fits `width` cells, else the last:
 * a text too long for its room is told shorter rather than cut mid-word.
 */
export function firstThatFits(forms: readonly string[], width: number): string {
  return forms.find((f) => cellWidth(f) <= width) ?? forms.at(-1) ?? '';
}

/**
 * Parts of one line (`what · value · since · …`) joined by `sep`, keeping only the leading parts that fit whole, and
 * `sep` + `ellipsis` after them when that fits too: a line says fewer facts rather than cutting one ("> 1…" for
 * "> 100"). Only a first part too long alone is cut.
 */
export function fitParts(parts: readonly string[], width: number, ellipsis = '…', sep = ' · '): string {
  const kept = parts.filter(Boolean);
  let n = kept.length;
  while (n > 0 && cellWidth(kept.slice(0, n).join(sep)) > width) n--;
  if (n === kept.length) return kept.join(sep);
  if (n === 0) return truncate(kept.join(sep), width, ellipsis);
  const head = kept.slice(0, n).join(sep);
  return cellWidth(head + sep + ellipsis) <= width ? head + sep + ellipsis : head;
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
  if (!NARROW.test(text)) text = sanitize(text);
  if (NARROW.test(text)) return text.length >= width ? text.slice(text.length - width) : ' '.repeat(width - text.length) + text;
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

/** Splits `text` into lines of at most `width` cells, at spaces where it can; each continuation starts with `indent`. */
export function wrapCells(text: string, width: number, indent = ''): string[] {
  if (width <= indent.length + 1 || cellWidth(text) <= width) return [text];
  const lines: string[] = [];
  let rest = text;
  while (cellWidth(rest) > width) {
    const head = truncate(rest, width + 1, '').slice(0, -1);
    const cut = head.lastIndexOf(' ');
    const at = cut > indent.length + width / 3 ? cut : head.length;
    lines.push(rest.slice(0, at).trimEnd());
    rest = indent + rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

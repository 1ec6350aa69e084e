// Writes only the cells that changed between two frames, with the fewest cursor moves and style changes.
import type {Row} from './cells.js';

const CSI = '\u001b[';
/** Synchronized output (DEC mode 2026): the terminal shows the update at once; ignored where unsupported. */
export const BEGIN_SYNC = `${CSI}?2026h`;
export const END_SYNC = `${CSI}?2026l`;

const move = (row: number, col: number) => `${CSI}${row + 1};${col + 1}H`;
const sgr = (style: string) => (style ? `${CSI}0;${style}m` : `${CSI}0m`);

/** Unchanged cells shorter than this between two changes are rewritten rather than skipped with a move. */
const GAP = 6;

function paintRun(out: string[], row: Row, r: number, from: number, to: number, pen: {style: string}): void {
  // A run may begin on the right half of a wide character: start at its left half (and finish one that is cut).
  while (from > 0 && row.chars[from] === '') from--;
  if (to + 1 < row.chars.length && row.chars[to + 1] === '') to++;
  out.push(move(r, from));
  for (let c = from; c <= to; c++) {
    const ch = row.chars[c] ?? ' ';
    if (ch === '') continue;
    const style = row.styles[c] ?? '';
    if (style !== pen.style) {
      out.push(sgr(style));
      pen.style = style;
    }
    out.push(ch);
  }
}

/** The bytes that turn `previous` into `next` on screen ('' when nothing changed). */
export function diffFrames(previous: readonly Row[], next: readonly Row[]): string {
  const out: string[] = [];
  // Every write ends with the pen reset, so the terminal starts each diff in the default style.
  const pen = {style: ''};
  for (let r = 0; r < next.length; r++) {
    const a = previous[r];
    const b = next[r]!;
    const width = b.chars.length;
    let start = -1;
    let end = -1;
    for (let c = 0; c < width; c++) {
      const same = a !== undefined && a.chars[c] === b.chars[c] && a.styles[c] === b.styles[c];
      if (same) continue;
      if (start >= 0 && c - end > GAP) {
        paintRun(out, b, r, start, end, pen);
        start = -1;
      }
      if (start < 0) start = c;
      end = c;
    }
    if (start >= 0) paintRun(out, b, r, start, end, pen);
  }
  if (out.length === 0) return '';
  if (pen.style !== '') out.push(sgr(''));
  return out.join('');
}

/** Every cell of `next`, after clearing the screen. */
export function fullRepaint(next: readonly Row[]): string {
  const out: string[] = [`${CSI}0m${CSI}H${CSI}2J`];
  const pen = {style: ''};
  next.forEach((row, r) => {
    let last = row.chars.length - 1;
    while (last >= 0 && row.chars[last] === ' ' && (row.styles[last] ?? '') === '') last--;
    if (last >= 0) paintRun(out, row, r, 0, last, pen);
  });
  if (pen.style !== '') out.push(sgr(''));
  return out.join('');
}

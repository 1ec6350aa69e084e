// Parses Ink's frame text (characters + SGR) into a grid of cells that can be diffed.
import {MAY_JOIN} from '../../data/text/joining.js';
import stringWidth from 'string-width';

/** One screen row: a character (or '' for the right half of a wide one) and its SGR style per column. */
export interface Row {
  readonly chars: string[];
  readonly styles: string[];
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const widths = new Map<string, number>();

/** Cell width of one grapheme: ASCII is 1 without asking string-width; others are cached. */
function graphemeWidth(g: string): number {
  if (g.length === 1 && g.charCodeAt(0) >= 0x20 && g.charCodeAt(0) < 0x7f) return 1;
  let w = widths.get(g);
  if (w === undefined) {
    w = stringWidth(g);
    if (widths.size < 10_000) widths.set(g, w);
  }
  return w;
}

/** Splits text into graphemes; text without joining code points is one grapheme per UTF-16 unit. */
function graphemes(text: string): Iterable<string> {
  if (PRINTABLE_ASCII.test(text) || !MAY_JOIN.test(text)) return text;
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Running SGR state while scanning a line. */
export class Pen {
  private attrs = new Set<string>();
  private fg = '';
  private bg = '';

  apply(params: string): void {
    const codes = params === '' ? ['0'] : params.split(';');
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] ?? '0';
      const n = Number(code);
      if (n === 0) {
        this.attrs.clear();
        this.fg = '';
        this.bg = '';
      } else if (n === 38 || n === 48) {
        const mode = codes[i + 1];
        const take = mode === '5' ? 2 : mode === '2' ? 4 : 0;
        const value = codes.slice(i, i + 1 + take).join(';');
        if (n === 38) this.fg = value;
        else this.bg = value;
        i += take;
      } else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) this.fg = code;
      else if (n === 39) this.fg = '';
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) this.bg = code;
      else if (n === 49) this.bg = '';
      else if (n === 22) {
        this.attrs.delete('1');
        this.attrs.delete('2');
      } else if (n === 23) this.attrs.delete('3');
      else if (n === 24) this.attrs.delete('4');
      else if (n === 27) this.attrs.delete('7');
      else if (n === 29) this.attrs.delete('9');
      else if ([1, 2, 3, 4, 7, 9].includes(n)) this.attrs.add(code);
    }
  }

  /** Canonical SGR parameters for the current state ('' = default). */
  style(): string {
    const parts = [...this.attrs].sort();
    if (this.fg) parts.push(this.fg);
    if (this.bg) parts.push(this.bg);
    return parts.join(';');
  }
}

/** A row of `width` blank cells. */
export function blankRow(width: number): Row {
  return {chars: Array<string>(width).fill(' '), styles: Array<string>(width).fill('')};
}

/** Receives each visible grapheme of a line with its canonical SGR style and cell width (1 or 2). */
export type CellSink = (char: string, style: string, width: number) => void;

/**
 * Scans text with SGR codes, calling `sink` for every visible grapheme. `pen` carries the style across calls
 * (lines of one text share it). Other escape sequences and control characters are dropped; zero-width graphemes too.
 */
export function scanLine(line: string, sink: CellSink, pen: Pen = new Pen()): Pen {
  let text = '';
  const flush = () => {
    if (!text) return;
    const style = pen.style();
    for (const segment of graphemes(text)) {
      const w = graphemeWidth(segment);
      if (w > 0) sink(segment, style, w);
    }
    text = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      flush();
      if (line[i + 1] === '[') {
        let j = i + 2;
        while (j < line.length && (line.charCodeAt(j) < 0x40 || line.charCodeAt(j) > 0x7e)) j++;
        if (line[j] === 'm') pen.apply(line.slice(i + 2, j));
        i = j;
      } else if (line[i + 1] === ']') {
        let j = i + 2;
        while (j < line.length && line.charCodeAt(j) !== 0x07 && !(line[j] === '\u001b' && line[j + 1] === '\\')) j++;
        i = line[j] === '\u001b' ? j + 1 : j;
      } else {
        i++;
      }
    } else if (c < 0x20 || c === 0x7f) {
      flush();
    } else {
      text += line[i];
    }
  }
  flush();
  return pen;
}

/** Parses one line of Ink output into exactly `width` cells. */
export function parseLine(line: string, width: number): Row {
  const row = blankRow(width);
  let col = 0;
  scanLine(line, (char, style, w) => {
    if (col + w > width) {
      col = width;
      return;
    }
    row.chars[col] = char;
    row.styles[col] = style;
    if (w === 2) {
      row.chars[col + 1] = '';
      row.styles[col + 1] = style;
    }
    col += w;
  });
  return row;
}

/** Parses a whole frame into `height` rows of `width` cells. */
export function parseFrame(frame: string, width: number, height: number): Row[] {
  const lines = frame.split('\n');
  const rows: Row[] = [];
  for (let r = 0; r < height; r++) {
    const line = lines[r];
    rows.push(line === undefined ? blankRow(width) : parseLine(line, width));
  }
  return rows;
}

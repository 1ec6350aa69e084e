// A drop-in for Ink's internal Output (substituted in the bundle): the same cells, built as two flat arrays of
// strings per row instead of one styled-character object per cell and three passes of tokenizing. Ink builds a
// whole screen on every render, so this is most of what a refresh allocates. Equivalence with Ink's own Output
// is property-tested (test/ui/terminal/fast-output.test.ts).
// Typed against Ink's own declarations (the version pinned in package.json): a changed contract fails the typecheck.
import type InkOutput from '../../../node_modules/ink/build/output.js';
import type {OutputTransformer as Transformer} from '../../../node_modules/ink/build/render-node-to-output.js';
import {Pen, scanLine} from './cells.js';

/** Ink's Output as Ink's renderer and render-node-to-output call it (its public members). */
type OutputContract = {[K in keyof InkOutput]: InkOutput[K]};
type Clip = Parameters<InkOutput['clip']>[0] | {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

const CSI = '\u001b[';

const intersectBound = (a: number | undefined, b: number | undefined, tighter: (x: number, y: number) => number) =>
  a === undefined ? b : b === undefined ? a : tighter(a, b);
const intersectClips = (outer: Clip | undefined, inner: Clip): Clip =>
  outer
    ? {
        x1: intersectBound(outer.x1, inner.x1, Math.max),
        x2: intersectBound(outer.x2, inner.x2, Math.min),
        y1: intersectBound(outer.y1, inner.y1, Math.max),
        y2: intersectBound(outer.y2, inner.y2, Math.min),
      }
    : inner;
const isClipEmpty = (c: Clip) => (c.x1 !== undefined && c.x2 !== undefined && c.x1 >= c.x2) || (c.y1 !== undefined && c.y2 !== undefined && c.y1 >= c.y2);

interface Cells {
  chars: string[];
  styles: string[];
  widths: number[];
}

/** The cells of each line of a text; styles carry over explicit newlines, as in Ink. */
function textLines(text: string): Cells[] {
  const pen = new Pen();
  return text.split('\n').map((line) => cellsOf(line, pen));
}

function cellsOf(line: string, pen?: Pen): Cells {
  const cells: Cells = {chars: [], styles: [], widths: []};
  scanLine(
    line,
    (char, style, width) => {
      cells.chars.push(char);
      cells.styles.push(style);
      cells.widths.push(width);
    },
    pen,
  );
  return cells;
}

/** End codes of the attributes a canonical style can hold. */
const END: Readonly<Record<string, string>> = {'1': '22', '2': '22', '3': '23', '4': '24', '7': '27', '9': '29'};

interface Style {
  attrs: Set<string>;
  fg: string;
  bg: string;
}

function styleOf(canonical: string): Style {
  const style: Style = {attrs: new Set(), fg: '', bg: ''};
  if (!canonical) return style;
  const parts = canonical.split(';');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '38' || p === '48') {
      const take = parts[i + 1] === '5' ? 2 : 4;
      const value = parts.slice(i, i + 1 + take).join(';');
      if (p === '38') style.fg = value;
      else style.bg = value;
      i += take;
    } else if (END[p]) style.attrs.add(p);
    else if ((Number(p) >= 30 && Number(p) <= 37) || (Number(p) >= 90 && Number(p) <= 97)) style.fg = p;
    else style.bg = p;
  }
  return style;
}

/** The SGR codes from one style to another, as Ink's styledCharsToString emits them (no full resets). */
function diffCodes(from: Style, to: Style): string {
  const codes: string[] = [];
  const dropped = [...from.attrs].filter((a) => !to.attrs.has(a));
  for (const a of dropped) if (!codes.includes(END[a]!)) codes.push(END[a]!);
  // 22 ends both bold and dim: re-open the one that stays.
  const intensityReset = dropped.some((a) => a === '1' || a === '2');
  if (from.fg && !to.fg) codes.push('39');
  if (from.bg && !to.bg) codes.push('49');
  for (const a of to.attrs) if (!from.attrs.has(a) || (intensityReset && (a === '1' || a === '2'))) codes.push(a);
  if (to.fg && to.fg !== from.fg) codes.push(to.fg);
  if (to.bg && to.bg !== from.bg) codes.push(to.bg);
  return codes.map((c) => `${CSI}${c}m`).join('');
}

/** The cells between columns `from` and `to` (relative to the line); a cut wide character becomes a styled blank. */
function sliceColumns(cells: Cells, from: number, to: number): Cells {
  const out: Cells = {chars: [], styles: [], widths: []};
  if (from >= to) return out;
  let column = 0;
  for (let i = 0; i < cells.chars.length; i++) {
    const w = cells.widths[i]!;
    const start = column;
    column += w;
    if (column <= from) continue;
    if (start >= to) break;
    const partial = w > 1 && (start < from || column > to);
    out.chars.push(partial ? ' ' : cells.chars[i]!);
    out.styles.push(cells.styles[i]!);
    out.widths.push(partial ? 1 : w);
  }
  return out;
}

const PLAIN: Style = {attrs: new Set(), fg: '', bg: ''};

/** A line of cells as text the way Ink hands it to a transformer: minimal codes, all closed at the end. */
function lineText(cells: Cells): string {
  let out = '';
  let prev = PLAIN;
  let prevKey = '';
  for (let i = 0; i < cells.chars.length; i++) {
    const key = cells.styles[i]!;
    if (key !== prevKey) {
      const next = styleOf(key);
      out += diffCodes(prev, next);
      prev = next;
      prevKey = key;
    }
    out += cells.chars[i];
  }
  return out + diffCodes(prev, PLAIN);
}

/** The last frame built, as cells: the screen takes it as is instead of parsing the text again. */
let lastBuilt: {text: string; chars: string[][]; styles: string[][]} | undefined;

/** The cells behind `text` if it is the frame just built here (the terminal layer's zero-copy hand-off). */
export function takeBuiltFrame(text: string): {chars: string[][]; styles: string[][]} | undefined {
  const built = lastBuilt;
  lastBuilt = undefined;
  return built && built.text === text ? built : undefined;
}

export default class Output implements OutputContract {
  width: number;
  height: number;
  private readonly operations: Operation[] = [];

  constructor(options: ConstructorParameters<typeof InkOutput>[0]) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: Parameters<InkOutput['write']>[3]): void {
    if (text === '') return;
    this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
  }

  clip(clip: Parameters<InkOutput['clip']>[0]): void {
    this.operations.push({type: 'clip', clip});
  }

  /** The columns `from`..`to` of a styled line (a cut wide character becomes a styled blank), as Ink's does it. */
  sliceLineToColumns(line: string, from: number, to: number): string {
    if (from >= to) return '';
    const cells = sliceColumns(cellsOf(line), from, to);
    return cells.chars.length ? lineText(cells) : '';
  }

  unclip(): void {
    this.operations.push({type: 'unclip'});
  }

  get(): ReturnType<InkOutput['get']> {
    const chars: string[][] = [];
    const styles: string[][] = [];
    for (let y = 0; y < this.height; y++) {
      chars.push(new Array<string>(this.width).fill(' '));
      styles.push(new Array<string>(this.width).fill(''));
    }
    const clips: Clip[] = [];
    for (const op of this.operations) {
      if (op.type === 'clip') clips.push(intersectClips(clips.at(-1), op.clip));
      else if (op.type === 'unclip') clips.pop();
      else this.apply(chars, styles, op, clips.at(-1));
    }
    const lines: string[] = [];
    for (let y = 0; y < chars.length; y++) lines.push(serialize(chars[y]!, styles[y]!));
    const output = lines.join('\n');
    lastBuilt = {text: output, chars, styles};
    return {output, height: chars.length};
  }

  private apply(chars: string[][], styles: string[][], op: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): void {
    if (clip && isClipEmpty(clip)) return;
    const lines = textLines(op.text);
    let first = 0;
    let last = lines.length;
    if (clip?.y1 !== undefined && clip.y2 !== undefined) {
      first = Math.max(0, clip.y1 - op.y);
      last = Math.min(lines.length, clip.y2 - op.y);
    }
    for (let index = first; index < last; index++) {
      const row = op.y + index;
      const rowChars = chars[row];
      const rowStyles = styles[row];
      if (!rowChars || !rowStyles) continue;
      let cells = lines[index]!;
      let col = op.x;
      if (clip?.x1 !== undefined && clip.x2 !== undefined) {
        cells = sliceColumns(cells, clip.x1 - op.x, clip.x2 - op.x);
        col = Math.max(op.x, clip.x1);
      }
      if (op.transformers.length > 0 && cells.chars.length > 0) {
        let line = lineText(cells);
        for (const transformer of op.transformers) line = transformer(line, index);
        cells = cellsOf(line);
      }
      // Nothing to write (an empty line, or one clipped away): leave the row alone, as Ink does.
      if (cells.chars.length === 0) continue;
      // Writing over the right half of a wide character leaves its left half as a styled blank.
      if (rowChars[col] === '' && col > 0) rowChars[col - 1] = ' ';
      for (let i = 0; i < cells.chars.length; i++) {
        const w = cells.widths[i]!;
        const style = cells.styles[i]!;
        this.put(rowChars, rowStyles, col, cells.chars[i]!, style);
        for (let c = col + 1; c < col + w; c++) this.put(rowChars, rowStyles, c, col < 0 ? ' ' : '', style);
        col += w;
      }
      if (col >= 0 && rowChars[col] === '') rowChars[col] = ' ';
    }
  }

  /** Writes one cell; like Ink, a row may grow past the width (the terminal layer cuts it). */
  private put(rowChars: string[], rowStyles: string[], col: number, char: string, style: string): void {
    if (col < 0) return;
    rowChars[col] = char;
    rowStyles[col] = style;
  }
}

/** One row as text with the fewest SGR codes; trailing unstyled blanks dropped (as Ink's trimEnd does). */
function serialize(chars: string[], styles: string[]): string {
  let last = chars.length - 1;
  while (last >= 0 && (chars[last] ?? ' ') === ' ' && (styles[last] ?? '') === '') last--;
  let out = '';
  let pen = '';
  for (let c = 0; c <= last; c++) {
    const ch = chars[c] ?? ' ';
    if (ch === '') continue;
    const style = styles[c] ?? '';
    if (style !== pen) {
      out += style ? `${CSI}0;${style}m` : `${CSI}0m`;
      pen = style;
    }
    out += ch;
  }
  return pen ? `${out}${CSI}0m` : out;
}

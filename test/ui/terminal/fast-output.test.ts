import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
// Ink's own Output, imported by path (it is internal to Ink): the reference the bundle's drop-in must match.
import InkOutput from '../../../node_modules/ink/build/output.js';
import {parseFrame} from '../../../src/ui/terminal/cells.js';
import FastOutput from '../../../src/ui/terminal/fast-output.js';
import {Screen} from '../../../src/ui/terminal/screen.js';

type Transformer = (line: string, index: number) => string;
type Op =
  | {kind: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
  | {kind: 'clip'; x1: number; x2: number; y1: number; y2: number}
  | {kind: 'unclip'};

const sgr = (...codes: number[]) => `\u001b[${codes.join(';')}m`;
/**
 * Every style the cockpit emits, as chalk (through Ink's <Text>) writes it: an opening code and the code that closes
 * it. Bold, dim (dimColor), inverse, the theme's colours (gray is bright black), the border colours, backgrounds
 * (normal and bright, 256 and true colour), and the attributes Ink offers besides.
 */
const STYLES: readonly (readonly [string, string])[] = [
  [sgr(1), sgr(22)],
  [sgr(2), sgr(22)],
  [sgr(7), sgr(27)],
  [sgr(3), sgr(23)],
  [sgr(4), sgr(24)],
  [sgr(9), sgr(29)],
  ...[30, 31, 32, 33, 34, 35, 36, 37, 90, 91, 92, 93, 94, 95, 96, 97].map((c) => [sgr(c), sgr(39)] as const),
  ...[40, 41, 42, 43, 44, 45, 46, 47, 100, 101, 102, 103, 104, 105, 106, 107].map((c) => [sgr(c), sgr(49)] as const),
  [sgr(38, 5, 208), sgr(39)],
  [sgr(48, 5, 17), sgr(49)],
  [sgr(38, 2, 255, 136, 0), sgr(39)],
  [sgr(48, 2, 0, 0, 95), sgr(49)],
];
const style = fc.constantFrom(...STYLES);
/** A transformer as Ink's <Text> makes one: one to three styles wrapped around the line, innermost first. */
const transformer = fc
  .array(style, {minLength: 1, maxLength: 3})
  .map((styles) => (line: string) => styles.reduce((t, [open, close]) => `${open}${t}${close}`, line));
const glyph = fc.constantFrom('a', 'bc', ' ', '漢', '字x', '─', '✓', '\n', 'wide漢字text');
/** Text with nested styles (a <Text> inside a <Text>), stray opening and closing codes, and full resets. */
const piece = fc.oneof(
  {weight: 4, arbitrary: glyph},
  {weight: 2, arbitrary: fc.tuple(style, glyph).map(([[open, close], g]) => `${open}${g}${close}`)},
  {weight: 1, arbitrary: fc.tuple(style, style, glyph, glyph).map(([[o1, c1], [o2, c2], g, h]) => `${o1}${g}${o2}${h}${c2}${g}${c1}`)},
  {weight: 2, arbitrary: style.chain(([open, close]) => fc.constantFrom(open, close))},
  // Full resets and combined codes. (Not the bare ESC [ m: nothing in the cockpit writes it, and Ink's tokenizer
  // keeps it as an unknown code that a transformer then moves, so Ink itself renders it unlike a terminal.)
  {weight: 1, arbitrary: fc.constantFrom(sgr(0), sgr(1, 31), sgr(0, 2, 7), sgr(22, 39, 49), sgr(27, 1))},
);
const text = fc.array(piece, {minLength: 1, maxLength: 10}).map((p) => p.join(''));
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      x: fc.integer({min: -3, max: 22}),
      y: fc.integer({min: -2, max: 7}),
      text,
      transformers: fc.array(transformer, {maxLength: 2}),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clip' as const),
      x1: fc.integer({min: 0, max: 12}),
      x2: fc.integer({min: 4, max: 24}),
      y1: fc.integer({min: 0, max: 3}),
      y2: fc.integer({min: 2, max: 8}),
    }),
  },
  {weight: 1, arbitrary: fc.constant({kind: 'unclip' as const})},
);

interface AnyOutput {
  write(x: number, y: number, text: string, options: {transformers: ((line: string, index: number) => string)[]}): void;
  clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
  unclip(): void;
  get(): {output: string; height: number};
}

function play(out: AnyOutput, ops: readonly Op[]): string {
  let depth = 0;
  for (const o of ops) {
    if (o.kind === 'write') out.write(o.x, o.y, o.text, {transformers: o.transformers});
    else if (o.kind === 'clip') {
      out.clip({x1: o.x1, x2: o.x2, y1: o.y1, y2: o.y2});
      depth++;
    } else if (depth > 0) {
      out.unclip();
      depth--;
    }
  }
  return out.get().output;
}

describe("the bundle's Output (Ink's internal frame builder)", () => {
  it("produces exactly the cells Ink's Output produces", () => {
    fc.assert(
      fc.property(fc.array(op, {maxLength: 12}), (ops) => {
        const width = 20;
        const height = 6;
        const ink = parseFrame(play(new InkOutput({width, height}), ops), width, height);
        const text = play(new FastOutput({width, height}), ops);
        expect(parseFrame(text, width, height)).toEqual(ink);
        // The screen takes the built cells without parsing: they must be the same cells.
        expect(new Screen({write: () => true}, width, height).cells(text)).toEqual(ink);
      }),
      {numRuns: 4000},
    );
  });

  it("slices a styled line to columns as Ink's sliceLineToColumns does", () => {
    fc.assert(
      fc.property(text, fc.integer({min: 0, max: 14}), fc.integer({min: 0, max: 16}), (line, from, to) => {
        const single = line.replaceAll('\n', '');
        const ink = new InkOutput({width: 20, height: 1}).sliceLineToColumns(single, from, to);
        const fast = new FastOutput({width: 20, height: 1}).sliceLineToColumns(single, from, to);
        expect(parseFrame(fast, 20, 1)).toEqual(parseFrame(ink, 20, 1));
      }),
      {numRuns: 2000},
    );
  });
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
// Ink's own Output, imported by path (it is internal to Ink): the reference the bundle's drop-in must match.
import InkOutput from '../../node_modules/ink/build/output.js';
import {parseFrame} from '../../src/ui/terminal/cells.js';
import FastOutput from '../../src/ui/terminal/fast-output.js';
import {Screen} from '../../src/ui/terminal/screen.js';

type Op = {kind: 'write'; x: number; y: number; text: string; color: boolean} | {kind: 'clip'; x1: number; x2: number; y1: number; y2: number} | {kind: 'unclip'};

const colorize = (line: string) => `\u001b[31m${line}\u001b[39m`;
const piece = fc.constantFrom('a', 'bc', ' ', '漢', '字x', '─', '✓', '\u001b[1m', '\u001b[22m', '\u001b[7m', '\u001b[32m', '\u001b[39m', '\n', 'wide漢字text');
const text = fc.array(piece, {minLength: 1, maxLength: 10}).map((p) => p.join(''));
const op: fc.Arbitrary<Op> = fc.oneof(
  {weight: 6, arbitrary: fc.record({kind: fc.constant('write' as const), x: fc.integer({min: -3, max: 22}), y: fc.integer({min: -2, max: 7}), text, color: fc.boolean()})},
  {weight: 1, arbitrary: fc.record({kind: fc.constant('clip' as const), x1: fc.integer({min: 0, max: 12}), x2: fc.integer({min: 4, max: 24}), y1: fc.integer({min: 0, max: 3}), y2: fc.integer({min: 2, max: 8})})},
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
    if (o.kind === 'write') out.write(o.x, o.y, o.text, {transformers: o.color ? [colorize] : []});
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
  it('produces exactly the cells Ink\'s Output produces', () => {
    fc.assert(
      fc.property(fc.array(op, {maxLength: 12}), (ops) => {
        const width = 20;
        const height = 6;
        const ink = parseFrame(play(new (InkOutput as unknown as new (o: {width: number; height: number}) => AnyOutput)({width, height}), ops), width, height);
        const text = play(new FastOutput({width, height}), ops);
        expect(parseFrame(text, width, height)).toEqual(ink);
        // The screen takes the built cells without parsing: they must be the same cells.
        expect(new Screen({write: () => true}, width, height).cells(text)).toEqual(ink);
      }),
      {numRuns: 4000},
    );
  });
});

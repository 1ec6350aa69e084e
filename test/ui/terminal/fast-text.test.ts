import fc from 'fast-check';
import realStringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import stringWidth, {codePointWidth} from '../../../src/ui/terminal/fast-string-width.js';
import {MAY_JOIN} from '../../../src/data/text/joining.js';

// The bundle swaps this into Ink (and the cockpit); it must give exactly the original results.
const piece = fc.oneof(
  fc.constantFrom(
    '\u001b[31m',
    '\u001b[1;7m',
    '\u001b[39m',
    '\u001b[0m',
    '\u001b[38;5;196m',
    '\u001b]8;;x\u0007',
    '✓',
    '▇',
    '─',
    '漢',
    '👍',
    'é',
    'e\u0301',
    '\u200d',
    '\u06dd',
    '\u0e33',
    '\uff9e',
    '\r',
    '\t',
    ' ',
    'a',
    'Z',
    '\u00a0',
  ),
  fc.string({maxLength: 6}),
  fc.string({unit: 'binary', maxLength: 4}),
);
const text = fc.array(piece, {maxLength: 12}).map((parts) => parts.join(''));

describe('fast text measurement (bundled into Ink)', () => {
  it("every BMP code point outside MAY_JOIN has string-width's width", () => {
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp === 0x7f) continue;
      const ch = String.fromCharCode(cp);
      if (MAY_JOIN.test(ch)) continue;
      if (codePointWidth(cp) !== realStringWidth(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('every BMP code point between two letters is measured as string-width measures it', () => {
    // Prepend marks join the next character, Extend and SpacingMark the previous one: both sides are covered.
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      const s = `a${String.fromCharCode(cp)}a`;
      if (stringWidth(s) !== realStringWidth(s)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('the graphemes that once slipped through the fast paths', () => {
    for (const s of ['\u06dd ', '\u0600 1', 'ก\u0e33', '\u0d4e\u0d15', 'ﾊ\uff9e', 'a\r\nb', '각\u11a8', '\u{1f44d}\u{1f3fd}', '\u{1f1e9}\u{1f1ea}']) {
      expect(stringWidth(s)).toBe(realStringWidth(s));
    }
  });

  it('string width matches string-width', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(stringWidth(s)).toBe(realStringWidth(s));
      }),
      {numRuns: 3000},
    );
  });
});

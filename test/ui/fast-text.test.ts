import {tokenize as realTokenize} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import realStringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {tokenize} from '../../src/ui/terminal/fast-ansi-tokenize.js';
import stringWidth, {codePointWidth} from '../../src/ui/terminal/fast-string-width.js';

// The bundle swaps these two into Ink; they must give exactly the original results.
const piece = fc.oneof(
  fc.constantFrom('\u001b[31m', '\u001b[1;7m', '\u001b[39m', '\u001b[0m', '\u001b[38;5;196m', '\u001b]8;;x\u0007', '✓', '▇', '─', '漢', '👍', 'é', 'e\u0301', '\u200d', '\t', ' ', 'a', 'Z', '\u00a0'),
  fc.string({maxLength: 6}),
  fc.string({unit: 'binary', maxLength: 4}),
);
const text = fc.array(piece, {maxLength: 12}).map((parts) => parts.join(''));

describe('fast text measurement (bundled into Ink)', () => {
  it('tokenize matches @alcalzone/ansi-tokenize', () => {
    fc.assert(fc.property(text, fc.option(fc.integer({min: 1, max: 20}), {nil: undefined}), (s, end) => {
      expect(tokenize(s, end)).toEqual(realTokenize(s, end));
    }), {numRuns: 3000});
  });

  it('every BMP code point outside the joining ranges has string-width\'s width', () => {
    // eslint-disable-next-line no-misleading-character-class -- ranges of combining code points, on purpose
    const JOINING = /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u0610-\u061A\u064B-\u065F\u0E31-\u0E3A\u0E47-\u0E4E\u1100-\u11FF\u200B-\u200F\u20D0-\u20FF\uA960-\uA97F\uD7B0-\uD7FF\uFE00-\uFE0F\uFE20-\uFE2F\uD800-\uDFFF]/u;
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp === 0x7f) continue;
      const ch = String.fromCharCode(cp);
      if (JOINING.test(ch)) continue;
      if (codePointWidth(cp) !== realStringWidth(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('string width matches string-width', () => {
    fc.assert(fc.property(text, (s) => {
      expect(stringWidth(s)).toBe(realStringWidth(s));
    }), {numRuns: 3000});
  });
});

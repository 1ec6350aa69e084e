import {tokenize as realTokenize} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import realStringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {tokenize} from '../../src/ui/terminal/fast-ansi-tokenize.js';
import stringWidth from '../../src/ui/terminal/fast-string-width.js';

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

  it('string width matches string-width', () => {
    fc.assert(fc.property(text, (s) => {
      expect(stringWidth(s)).toBe(realStringWidth(s));
    }), {numRuns: 3000});
  });
});

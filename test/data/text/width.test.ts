import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {sanitize} from '../../../src/data/text/sanitize.js';
import {cellWidth, fit, fitEnd, NARROW, truncate} from '../../../src/data/text/width.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The general path, by graphemes: what the narrow fast path must agree with. */
function slowTruncate(text: string, width: number, ellipsis = '…'): string {
  if (stringWidth(text) <= width) return text;
  const room = width - stringWidth(ellipsis);
  let out = '';
  let used = 0;
  for (const {segment} of segmenter.segment(text)) {
    if (used + stringWidth(segment) > room) break;
    out += segment;
    used += stringWidth(segment);
  }
  return room < 0 ? ellipsis.slice(0, width) : out + ellipsis;
}

function slowFitEnd(text: string, width: number): string {
  const graphemes = [...segmenter.segment(text)].map((g) => g.segment);
  let out = '';
  let used = 0;
  for (let i = graphemes.length - 1; i >= 0; i--) {
    const w = stringWidth(graphemes[i]!);
    if (used + w > width) break;
    out = graphemes[i]! + out;
    used += w;
  }
  return ' '.repeat(width - used) + out;
}

describe('narrow text (measured by code units)', () => {
  it('holds only code points one cell wide, one code unit long, and kept by sanitize', () => {
    let count = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      if (!NARROW.test(ch)) continue;
      count++;
      expect({cp: cp.toString(16), width: stringWidth(ch), sanitized: sanitize(ch) === ch}).toEqual({cp: cp.toString(16), width: 1, sanitized: true});
    }
    expect(count).toBeGreaterThan(800);
    expect(NARROW.test('\u25fd')).toBe(false); // ◽ is emoji-wide
    expect(NARROW.test('\u00ad')).toBe(false); // soft hyphen is zero-width
  });

  it('truncates, fits and measures exactly as the grapheme path does', () => {
    const piece = fc.constantFrom('a', 'b c', '▁▂▃', '█', '⣿⠁', '…', '─┤', '→', '·', 'é', '✓', '漢', 'e\u0301', '\u200b', '\u001b[2J');
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 12}), fc.integer({min: 0, max: 30}), (pieces, width) => {
        const text = pieces.join('');
        const clean = sanitize(text);
        expect(truncate(text, width)).toBe(width <= 0 ? '' : slowTruncate(clean, width));
        expect(cellWidth(clean)).toBe(stringWidth(clean));
        expect(cellWidth(fit(text, width))).toBe(width);
        expect(cellWidth(fitEnd(text, width))).toBe(width);
        expect(fitEnd(text, width)).toBe(width <= 0 ? '' : slowFitEnd(clean, width));
      }),
      {numRuns: 3000},
    );
  });
});

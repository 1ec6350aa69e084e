import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sanitize, sanitizeLine} from '../../../src/data/text/sanitize.js';

// Anything that can change terminal state: ESC, C0 (bar \n in multiline), DEL, C1, bidi controls.
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const hostile = fc.oneof(
  fc.constantFrom(
    '\u001b]0;pwned\u0007',
    '\u001b]0;pwned\u001b\\',
    '\u001b]52;c;cm0gLXJmIH4=\u0007',
    '\u001b]8;;https://evil\u0007link\u001b]8;;\u0007',
    '\u001b[2J',
    '\u001b[H',
    '\u001b[10;10H',
    '\u001b[?1049l',
    '\u001bc',
    '\u001bP1$r\u001b\\',
    '\u009b2J',
    '\u009d0;x\u009c',
    '\u202eevil\u202c',
    '\u2066x\u2069',
    '\u0007\u0008\r',
    '\u200b\u200d\ufeff',
    '👨‍👩‍👧',
    '漢字',
  ),
  fc.string({unit: 'binary'}),
  fc.string(),
);

describe('sanitize', () => {
  it('removes every control sequence and dangerous code point', () => {
    fc.assert(
      fc.property(fc.array(hostile, {maxLength: 8}), (parts) => {
        const out = sanitizeLine(parts.join(''));
        expect(out).not.toMatch(DANGEROUS);
        expect(out).not.toContain('\n');
      }),
      {numRuns: 2000},
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.array(hostile, {maxLength: 6}), (parts) => {
        const once = sanitize(parts.join(''));
        expect(sanitize(once)).toBe(once);
      }),
    );
  });

  it('keeps printable text as it is', () => {
    fc.assert(fc.property(fc.stringMatching(/^[ -~]*$/), (text) => sanitize(text) === text));
    expect(sanitize('ingestion@us-east 漢字 é')).toBe('ingestion@us-east 漢字 é');
  });

  it('strips the payload of OSC, DCS and CSI, not only the introducer', () => {
    expect(sanitize('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(sanitize('a\u001b]52;c;cm0gLXJmIH4=\u001b\\b')).toBe('ab');
    expect(sanitize('a\u001bP1$r\u001b\\b')).toBe('ab');
    expect(sanitize('a\u001b[38;5;196mred\u001b[0mb')).toBe('aredb');
    expect(sanitize('a\u009b2Jb')).toBe('ab');
  });

  it('keeps line feeds only in multiline mode', () => {
    expect(sanitize('a\nb', {multiline: true})).toBe('a\nb');
    expect(sanitize('a\r\nb')).toBe('a  b');
  });
});

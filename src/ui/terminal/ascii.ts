// `--ascii`: the last guard that only ASCII reaches the terminal. The UI picks ASCII symbols itself (theme.ts);
// this catches every other character (separators in shared texts, a message body's non-ASCII text) and keeps
// each one's cell width, so the frame's layout is unchanged.
import {cellWidth} from '../../data/text/width.js';
import type {Row} from './cells.js';

/** One-cell look-alikes for the characters the UI uses; anything else becomes `?` per cell. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  '·': '.',
  '•': '*',
  '—': '-',
  '–': '-',
  '─': '-',
  '━': '=',
  '│': '|',
  '≤': '<',
  '≥': '>',
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '…': '~',
  '‼': '!',
  '×': 'x',
  '✖': 'X',
  '▲': '!',
  '✓': '+',
  '›': '>',
  '▶': '>',
  '❄': '*',
  '▁': '_',
  '▂': '_',
  '▃': '.',
  '▄': '-',
  '▅': '-',
  '▆': '=',
  '▇': '#',
  '█': '#',
  '°': 'o',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
};

// Everything outside 7-bit ASCII.
const NON_ASCII = /[^\u0000-\u007f]/u;

/** `text` with every non-ASCII character replaced by ASCII of the same width. */
export function toAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += LOOKALIKE[ch] ?? '?'.repeat(cellWidth(ch));
  }
  return out;
}

/** Rows of cells with every non-ASCII cell replaced (a wide character's right half becomes a `?` of its own). */
export function asciiRows(rows: Row[]): Row[] {
  for (const row of rows) {
    const chars = row.chars;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      if (ch === '' || !NON_ASCII.test(ch)) continue;
      const wide = chars[i + 1] === '';
      chars[i] = [...ch].length === 1 ? (LOOKALIKE[ch] ?? '?') : '?';
      if (wide) chars[++i] = '?';
    }
  }
  return rows;
}

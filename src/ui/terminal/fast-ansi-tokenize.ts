// A drop-in for `@alcalzone/ansi-tokenize` (aliased in the bundle for Ink's output stage): the same tokens,
// but plain text and SGR codes are split without a grapheme segmenter. Anything else takes the original path.
import {MAY_JOIN} from '../../data/text/joining.js';
import * as real from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

export {ansiCodesToString, diffAnsiCodes, reduceAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, styledCharsToString, undoAnsiCodes} from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
export type {AnsiCode, Char, ControlCode, Token} from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

/** C1 controls have no fast path here either. */
const C1 = /[\u0080-\u009F]/;
const SGR = /\u001B\[[0-9;]*m/y;
const sgrTokens = new Map<string, real.Token[]>();
const wide = new Map<number, boolean>();

function fullWidth(code: number): boolean {
  if (code < 0x1100) return false;
  let w = wide.get(code);
  if (w === undefined) {
    const token = real.tokenize(String.fromCharCode(code))[0];
    w = token?.type === 'char' && token.fullWidth;
    wide.set(code, w);
  }
  return w;
}

/** Tokens of `str` exactly as `@alcalzone/ansi-tokenize` produces them. */
export function tokenize(str: string, endChar = Number.POSITIVE_INFINITY): real.Token[] {
  if (MAY_JOIN.test(str) || C1.test(str)) return real.tokenize(str, endChar);
  const out: real.Token[] = [];
  let visible = 0;
  for (let i = 0; i < str.length; ) {
    const code = str.charCodeAt(i);
    if (code === 0x1b) {
      SGR.lastIndex = i;
      const match = SGR.exec(str);
      if (!match) return real.tokenize(str, endChar);
      let tokens = sgrTokens.get(match[0]);
      if (!tokens) {
        tokens = real.tokenize(match[0]);
        sgrTokens.set(match[0], tokens);
      }
      for (const t of tokens) out.push({...t});
      i += match[0].length;
      continue;
    }
    const wideChar = fullWidth(code);
    out.push({type: 'char', value: str[i] ?? '', fullWidth: wideChar});
    visible += wideChar ? 2 : 1;
    i++;
    if (visible >= endChar) break;
  }
  return out;
}

tokenize satisfies typeof real.tokenize;

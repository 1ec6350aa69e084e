// A drop-in for `string-width` (aliased in the bundle, for Ink too): the same widths, with ASCII counted directly,
// single-code-point text measured per code point (cached), and whole strings cached. Ink measures every
// character of every frame, so this is most of its cost.
import {MAY_JOIN} from '../../data/text/joining.js';
import {eastAsianWidth} from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';
import realStringWidth, {type Options} from '../../../node_modules/string-width/index.js';

const ASCII = /^[\u0020-\u007E]*$/;
const perCodePoint = new Map<number, number>();
const perString = new Map<string, number>();
const STRING_CACHE = 5_000;

// string-width's rules for one BMP code point, without its costly RGI_Emoji sequence regex (checked against
// string-width for every BMP code point in test/ui/terminal/fast-text.test.ts).
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

/** Width of a single BMP code point, as string-width computes it. */
export function codePointWidth(cp: number): number {
  let w = perCodePoint.get(cp);
  if (w === undefined) {
    const ch = String.fromCharCode(cp);
    w = INVISIBLE.test(ch) ? 0 : EMOJI.test(ch) ? 2 : eastAsianWidth(cp, {ambiguousAsWide: false});
    perCodePoint.set(cp, w);
  }
  return w;
}

/** Display width of `input`, as string-width computes it (typed against string-width's own declarations). */
export default function stringWidth(input: string, options?: Options): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes)) return realStringWidth(input, options);
  let text = input;
  if (text.includes('\u001B') || text.includes('\u009B')) text = stripAnsi(text);
  if (ASCII.test(text)) return text.length;
  const cached = perString.get(text);
  if (cached !== undefined) return cached;
  let width = 0;
  if (MAY_JOIN.test(text)) width = realStringWidth(text);
  else for (let i = 0; i < text.length; i++) width += text.charCodeAt(i) < 0x7f && text.charCodeAt(i) >= 0x20 ? 1 : codePointWidth(text.charCodeAt(i));
  if (perString.size >= STRING_CACHE) perString.clear();
  perString.set(text, width);
  return width;
}

stringWidth satisfies typeof realStringWidth;

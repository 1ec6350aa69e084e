// Which text can be split into graphemes one code unit at a time. Fast paths (cell parsing, the string-width
// drop-in) take text without these; anything with one goes through the grapheme-aware original.

/**
 * Code points that may join a neighbour into one grapheme (UAX #29): marks (Extend, SpacingMark), format
 * characters (ZWJ, Arabic prepended marks such as U+0600–0605 and U+06DD), the other Prepend and SpacingMark
 * letters of the BMP, Hangul jamo, halfwidth sound marks, CR (of CR LF), and everything outside the BMP
 * (emoji modifiers, regional indicators, tags) and lone surrogates.
 */
export const MAY_JOIN = /[\r\p{M}\p{Cf}\p{Cs}\u{10000}-\u{10FFFF}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uFF9E\uFF9F]/u;

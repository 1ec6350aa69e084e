// Strips terminal control sequences from outside text before it can reach the screen.
// Covers CSI, OSC, DCS/SOS/PM/APC, other ESC sequences, C0/C1 controls, bidi overrides,
// zero-width and width-ambiguous code points (docs/architecture.md, "Hostile input").

const ESC = 0x1b;
const BEL = 0x07;
const ST_C1 = 0x9c;

/** Code points removed outright: bidi controls, zero-width characters, variation selectors, tags. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0x1f1e6 && cp <= 0x1f1ff) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Skips a string-terminated sequence body (OSC, DCS, ...) and returns the index after it. */
function skipToTerminator(text: string, i: number, allowBel: boolean): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (allowBel && c === BEL) return i + 1;
    if (c === ST_C1) return i + 1;
    if (c === ESC) return text[i + 1] === '\\' ? i + 2 : i;
    i++;
  }
  return i;
}

/** Skips CSI parameters, intermediates and the final byte. */
function skipCsi(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x3f) {
      i++;
      continue;
    }
    return c >= 0x40 && c <= 0x7e ? i + 1 : i;
  }
  return i;
}

/** Skips the body of an escape sequence starting at `i` (just after the introducer). */
function skipEscape(text: string, i: number): number {
  const next = text[i];
  if (next === undefined) return i;
  if (next === '[') return skipCsi(text, i + 1);
  if (next === ']') return skipToTerminator(text, i + 1, true);
  if (next === 'P' || next === 'X' || next === '^' || next === '_') return skipToTerminator(text, i + 1, true);
  // nF sequences: intermediates then one final byte (e.g. ESC ( B); otherwise ESC + one byte (ESC c, ESC 7).
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return j < text.length ? j + 1 : j;
}

export interface SanitizeOptions {
  /** Keep line feeds (for multi-line views such as message bodies). */
  readonly multiline?: boolean;
}

/** Returns `text` with every control sequence and dangerous code point removed. */
export function sanitize(text: string, options: SanitizeOptions = {}): string {
  // Printable ASCII needs nothing: return it as is (most log lines, names and numbers).
  if (isPlainAscii(text)) return text;
  // Runs of characters kept as they are go in as slices, and the parts are joined once: appending one character at a
  // time builds a rope of one node per character, which a 10,000-line log buffer would keep (issue 16: ~5 KB a line).
  const parts: string[] = [];
  let run = 0;
  let i = 0;
  const cut = (end: number) => {
    if (end > run) parts.push(text.slice(run, end));
  };
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    if (cp >= 0x20 && cp < 0x7f) {
      i++;
      continue;
    }
    cut(i);
    if (cp === ESC) i = skipEscape(text, i + 1);
    else if (cp === 0x9b) i = skipCsi(text, i + 1);
    else if (cp === 0x9d || cp === 0x90 || cp === 0x98 || cp === 0x9e || cp === 0x9f) i = skipToTerminator(text, i + 1, true);
    else {
      i += size;
      if (cp === 0x0a && options.multiline) parts.push('\n');
      else if (cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029) parts.push(' ');
      else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || isInvisible(cp)) {
        // dropped
      } else if (cp >= 0xd800 && cp <= 0xdfff) parts.push('\ufffd');
      else parts.push(String.fromCodePoint(cp));
    }
    run = i;
  }
  cut(text.length);
  return parts.join('');
}

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

/** Sanitises to a single line. */
export function sanitizeLine(text: string): string {
  return sanitize(text);
}

/** Sanitises every string value of a flat record, keys included. */
export function sanitizeRecord(record: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(record)) {
    const safeKey = sanitize(key);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[safeKey] = value;
    else if (typeof value === 'string') out[safeKey] = sanitize(value);
    else out[safeKey] = sanitize(value === undefined ? '' : (JSON.stringify(value) ?? String(value)));
  }
  return out;
}

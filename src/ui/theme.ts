// Colour, symbols and borders. Severity always reads from symbols and words; colour only adds to them.

export type Tone = 'ok' | 'warn' | 'crit' | 'unknown' | 'info' | 'muted' | 'accent';

export interface Theme {
  readonly color: boolean;
  readonly ascii: boolean;
  /** Ink colour name for a tone, or undefined when colour is off. */
  tone(tone: Tone | undefined): string | undefined;
  symbol(tone: Tone): string;
  readonly rule: string;
  readonly ellipsis: string;
  readonly selected: string;
}

const COLORS: Readonly<Record<Tone, string>> = {
  ok: 'green',
  warn: 'yellow',
  crit: 'red',
  unknown: 'magenta',
  info: 'cyan',
  muted: 'gray',
  accent: 'blue',
};

const UNICODE_SYMBOLS: Readonly<Record<Tone, string>> = {ok: '✓', warn: '▲', crit: '✖', unknown: '?', info: '•', muted: '·', accent: '›'};
const ASCII_SYMBOLS: Readonly<Record<Tone, string>> = {ok: '+', warn: '!', crit: 'X', unknown: '?', info: '*', muted: '.', accent: '>'};

/** Builds the theme for the chosen colour and character set. */
export function createTheme(options: {color: boolean; ascii: boolean}): Theme {
  const symbols = options.ascii ? ASCII_SYMBOLS : UNICODE_SYMBOLS;
  return {
    color: options.color,
    ascii: options.ascii,
    tone: (tone) => (options.color && tone ? COLORS[tone] : undefined),
    symbol: (tone) => symbols[tone],
    rule: options.ascii ? '-' : '─',
    ellipsis: options.ascii ? '~' : '…',
    selected: options.ascii ? '>' : '▶',
  };
}

/** Severity number → tone. */
export function severityTone(severity: number): Tone {
  return severity <= 2 ? 'crit' : severity === 3 ? 'warn' : 'info';
}

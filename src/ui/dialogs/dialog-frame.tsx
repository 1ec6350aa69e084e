// The frame every dialog uses: a bordered, opaque box over the panes (one dialog at a time).
// Nothing a person must check is ever cut: titles, fields and long text wrap, and long words break (issue 13).
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {cellWidth, fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import type {Tone} from '../theme.js';

export interface DialogFrameProps {
  readonly title: string;
  readonly tone?: Tone;
  readonly width?: number;
  readonly children: ReactNode;
  /** Key help shown on the last line. */
  readonly keys: string;
}

/** Width available inside a dialog of the given terminal width. */
export function dialogWidth(columns: number, wanted = 100): number {
  return Math.max(40, Math.min(wanted, columns - 4));
}

/** Whether dialogs must save lines (a small terminal such as 80x24): no spacer lines, frame near the top. */
export function compactRows(rows: number): boolean {
  return rows < 32;
}

/** Breaks one word into pieces of at most `width` cells. */
function breakWord(word: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (cellWidth(piece + ch) > width) {
      out.push(piece);
      piece = ch;
    } else piece += ch;
  }
  return piece ? [...out, piece] : out;
}

/** `text` wrapped to lines of at most `width` cells: at spaces, and inside a word only when it is longer than a line. */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  const room = (first: boolean) => Math.max(1, width - (first ? 0 : indent));
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const candidate = line || word === '' ? `${line} ${word}` : word;
      const fits = cellWidth(candidate) <= room(lines.length === 0);
      if (fits || word === '') {
        // A run of spaces (alignment) is kept while it fits, and dropped at a line end.
        if (fits) line = candidate;
        continue;
      }
      if (line) lines.push(line);
      const pieces = cellWidth(word) > room(false) ? breakWord(word, room(false)) : [word];
      for (const p of pieces.slice(0, -1)) lines.push(p);
      line = pieces[pieces.length - 1] ?? '';
    }
    lines.push(line);
  }
  return lines.map((l, i) => (i > 0 && indent ? ' '.repeat(indent) + l : l));
}

export function DialogFrame({title, tone = 'info', width, children, keys}: DialogFrameProps) {
  const theme = useTheme();
  const {columns, rows} = useSize();
  const w = width ?? dialogWidth(columns);
  const top = compactRows(rows) ? 1 : Math.max(1, Math.floor(rows / 8));
  return (
    <Box position="absolute" marginTop={top} marginLeft={Math.max(0, Math.floor((columns - w) / 2))} width={w} flexDirection="column">
      <Box borderStyle={theme.ascii ? 'classic' : 'double'} borderColor={theme.tone(tone)} flexDirection="column" width={w}>
        {wrapText(title, w - 3).map((line, i) => (
          <Text key={i} bold inverse color={theme.tone(tone)}>
            {fit(` ${line}`, w - 2)}
          </Text>
        ))}
        {children}
        {wrapText(keys, w - 3).map((line, i) => (
          <Text key={`k${i}`} dimColor>
            {fit(` ${line}`, w - 2)}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

/** A label/value pair padded to the dialog's inner width; a long value wraps under itself, never cut. */
export function Field({label, value, width, tone, bold}: {label: string; value: string; width: number; tone?: Tone; bold?: boolean}) {
  const theme = useTheme();
  const pad = 14;
  const lines = wrapText(value, width - 3 - pad);
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i}>
          <Text dimColor>{fit(i === 0 ? ` ${label}` : '', pad)}</Text>
          <Text color={theme.tone(tone)} bold={bold}>
            {fit(line, width - 2 - pad)}
          </Text>
        </Text>
      ))}
    </>
  );
}

/** Long text wrapped to the dialog width (continuation lines indented by `indent`), padded so the box stays opaque. */
export function Wrapped({text, width, tone, bold, indent = 0}: {text: string; width: number; tone?: Tone; bold?: boolean; indent?: number}) {
  const theme = useTheme();
  const inner = width - 2;
  return (
    <>
      {wrapText(text, inner - 1, indent).map((l, i) => (
        <Text key={i} color={theme.tone(tone)} bold={bold}>
          {fit(` ${l}`, inner)}
        </Text>
      ))}
    </>
  );
}

/** An empty line as wide as the dialog's inside (so nothing underneath shows through). */
export function Blank({width}: {width: number}) {
  return <Text>{' '.repeat(Math.max(0, width - 2))}</Text>;
}

/** A spacer line, left out on small terminals where every line counts. */
export function Spacer({width}: {width: number}) {
  const {rows} = useSize();
  return compactRows(rows) ? null : <Blank width={width} />;
}

// The frame every dialog uses: a bordered, opaque box over the panes (one dialog at a time).
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {fit} from '../../data/text/width.js';
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

export function DialogFrame({title, tone = 'info', width, children, keys}: DialogFrameProps) {
  const theme = useTheme();
  const {columns, rows} = useSize();
  const w = width ?? dialogWidth(columns);
  return (
    <Box position="absolute" marginTop={Math.max(1, Math.floor(rows / 8))} marginLeft={Math.max(0, Math.floor((columns - w) / 2))} width={w} flexDirection="column">
      <Box borderStyle={theme.ascii ? 'classic' : 'double'} borderColor={theme.tone(tone)} flexDirection="column" width={w}>
        <Text bold inverse color={theme.tone(tone)}>
          {fit(` ${title}`, w - 2)}
        </Text>
        {children}
        <Text dimColor>{fit(` ${keys}`, w - 2)}</Text>
      </Box>
    </Box>
  );
}

/** A label/value line padded to the dialog's inner width. */
export function Field({label, value, width, tone, bold}: {label: string; value: string; width: number; tone?: Tone; bold?: boolean}) {
  const theme = useTheme();
  const pad = 14;
  return (
    <Text wrap="wrap">
      <Text dimColor>{fit(` ${label}`, pad)}</Text>
      <Text color={theme.tone(tone)} bold={bold}>
        {fit(value, width - 2 - pad)}
      </Text>
    </Text>
  );
}

/** Long text wrapped to the dialog width, padded so the box stays opaque. */
export function Wrapped({text, width, tone, bold}: {text: string; width: number; tone?: Tone; bold?: boolean}) {
  const theme = useTheme();
  const inner = width - 2;
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if ((line + ' ' + word).trim().length > inner - 2) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return (
    <>
      {lines.map((l, i) => (
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

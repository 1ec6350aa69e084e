// The lines of a detail view: one Text each, fitted to the width (never wrapped), at most `height` of them. The
// views build plain line lists (pure, from the reading) and this draws them, so each view is its content only.
import {Text} from 'ink';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import type {Tone} from '../theme.js';

/** One line of a detail view. */
export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
  readonly inverse?: boolean;
}

/** The first `height` lines, each cut to `width` with the theme's ellipsis. */
export function DetailLines({lines, width, height}: {lines: readonly DetailLine[]; width: number; height: number}) {
  const theme = useTheme();
  return (
    <>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} inverse={l.inverse} color={theme.tone(l.tone)} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </>
  );
}

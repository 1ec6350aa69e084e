// The incident summary under the header: one line when it fits, wrapped (never cut) when it does not.
import {Text} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {fit, wrapCells} from '../data/text/width.js';
import {useTheme} from './context.js';
import {severityTone} from './theme.js';

/** The summary's lines at `width`, at most `max` (the last one then ends the text, so nothing is silently cut). */
export function incidentLines(summary: string | undefined, width: number, max: number): string[] {
  if (!summary || max < 1) return [];
  // Room for the symbol and SEV-1 marks on the first line; continuation lines are indented under the text.
  const lines = wrapCells(summary, width - 10, '');
  return lines.length <= max
    ? lines
    : [
        ...lines.slice(0, max - 1),
        `${lines
          .slice(max - 1)
          .join(' ')
          .replace(/\s+/g, ' ')}`,
      ];
}

/** A SEV-1 summary is a full-width inverse bar, like a SEV-1 line of the strip: unmissable with or without colour. */
export function IncidentLine({lines, worst, width}: {lines: readonly string[]; worst: ActiveAlert | undefined; width: number}) {
  const theme = useTheme();
  const tone = worst ? severityTone(worst.severity) : 'ok';
  const sev1 = worst?.severity === 1;
  const mark = theme.ascii ? '!!' : '‼';
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} bold inverse={sev1} color={theme.tone(tone)} wrap="truncate">
          {fit(
            i === 0 ? ` ${theme.symbol(tone)} ${sev1 ? line.replace(/^SEV-1 /, `${mark} SEV-1 ${mark} `) : line}` : `   ${line}`,
            width,
            'left',
            theme.ellipsis,
          )}
        </Text>
      ))}
    </>
  );
}

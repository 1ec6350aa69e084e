// A labelled chart block: title with min/max, then the chart lines.
import {Text} from 'ink';
import type {Series} from '../../data/readings/types.js';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import type {Tone} from '../theme.js';
import {chartLines} from './chart.js';

export function TrendBlock({title, series, width, rows, format, tone}: {title: string; series?: Series; width: number; rows: number; format: (v: number) => string; tone?: Tone}) {
  const theme = useTheme();
  const values = (series ?? []).map((s) => s.v);
  const range = values.length ? ` (min ${format(Math.min(...values))}, max ${format(Math.max(...values))}, now ${format(values[values.length - 1] ?? 0)}, ${values.length} samples)` : ' (no history)';
  return (
    <>
      <Text bold>{fit(` ${title}${range}`, width)}</Text>
      {chartLines(series, width - 2, rows, theme.ascii).map((line, i) => (
        <Text key={i} color={theme.tone(tone ?? 'info')}>
          {` ${line} `}
        </Text>
      ))}
    </>
  );
}

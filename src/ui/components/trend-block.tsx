// A labelled chart block: the title with the span and the figures, then the chart with its axes and threshold.
import {Text} from 'ink';
import type {Series} from '../../data/readings/types.js';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import type {Tone} from '../theme.js';
import {chartLines} from './chart.js';
import type {TrendLine} from './table-model.js';
import {TREND_SPAN_MS} from './sparkline.js';

export interface TrendBlockProps {
  /** What is plotted, e.g. `P95 lag`; the span is added (`P95 lag, last 60m`). */
  readonly title: string;
  readonly series?: Series;
  readonly width: number;
  /** Lines below the title: the plot, the time axis and its labels. */
  readonly rows: number;
  /** A value with its unit (`5s`, `14.4x`). */
  readonly format: (v: number) => string;
  readonly tone?: Tone;
  /** The line the series is judged against, and what it is (`SLO P95 <5s`, `page >14.4x`). */
  readonly threshold?: TrendLine;
  readonly spanMs?: number;
}

/** The chart ends at the series' newest sample (the reading's time) and covers `spanMs` back from it. */
export function TrendBlock({title, series, width, rows, format, tone, threshold, spanMs = TREND_SPAN_MS}: TrendBlockProps) {
  const theme = useTheme();
  const end = series?.at(-1)?.t ?? 0;
  const shown = (series ?? []).filter((s) => s.t > end - spanMs && Number.isFinite(s.v));
  const values = shown.map((s) => s.v);
  const minutes = Math.round(spanMs / 60_000);
  const since = shown[0] ? Math.round((end - shown[0].t) / 60_000) : 0;
  const coverage = shown.length && since < minutes - 1 ? ` (data for the last ${since}m only)` : '';
  const figures = values.length
    ? ` · now ${format(values[values.length - 1] ?? 0)} · min ${format(Math.min(...values))} · max ${format(Math.max(...values))}`
    : ' · no history';
  const limit = threshold ? ` · ${threshold.label} (dotted)` : '';
  return (
    <>
      <Text bold>{fit(` ${title}, last ${minutes}m${coverage}${figures}${limit}`, width)}</Text>
      {chartLines({series: shown, end, spanMs, format, threshold: threshold?.value}, width - 2, rows - 2, theme.ascii).map((line, i) => (
        <Text key={i} color={theme.tone(tone ?? 'info')}>
          {fit(` ${line} `, width)}
        </Text>
      ))}
    </>
  );
}

// One pane on screen: a title rule with age and state, the table, and the error line when its source fails.
// Props are plain values (the state text is computed by the caller), so an unchanged pane is not rendered again.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {PaneSnapshot} from '../../data/feed.js';
import {paneHealth, UNCONFIGURED} from '../../data/feed.js';
import type {PaneId} from '../../data/readings/types.js';
import {cellWidth, fit, truncate} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import {duration, utcClock} from '../format.js';
import type {Theme} from '../theme.js';
import {toAscii} from '../terminal/ascii.js';
import {Table} from './table.js';
import {TrendBlock} from './trend-block.js';
import type {Column, RowModel} from './table-model.js';

export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  health: 'Service health',
  lag: 'Projection lag',
  dlq: 'DLQ depth',
  outbox: 'Outbox backlog',
  burn: 'Error-budget burn',
};

/** How a pane's data stands, as text: what the title and the error line say. */
export interface PaneStatus {
  readonly state: string;
  readonly loading: boolean;
  readonly stale: boolean;
  readonly error?: string;
  /** A source answered only in part (e.g. a Log Analytics PartialError): shown where errors show, as a warning. */
  readonly partial?: string;
  readonly hasValue: boolean;
  readonly unconfigured?: boolean;
}

/** Lines a pane needs to spare before it draws a trend (title and three chart rows). */
const TREND_MIN_LINES = 4;

/** The separator between parts of a line: ` · `, or ` - ` in ASCII. */
export const sep = (theme: Theme): string => (theme.ascii ? ' - ' : ' · ');

/** The status line texts of a pane at `now` (age at one-second resolution). */
export function paneStatus(snapshot: PaneSnapshot<PaneId>, now: number, staleAfterMs: number, paused: boolean, theme: Theme): PaneStatus {
  const health = paneHealth(snapshot, now, staleAfterMs);
  const loading = snapshot.value === undefined && !health.error && !health.unconfigured;
  const state = health.unconfigured
    ? UNCONFIGURED
    : paused
      ? `held by dialog, ${duration(health.ageMs)} ago`
      : loading
        ? `loading${theme.ellipsis}`
        : health.stale
          ? `${theme.symbol('warn')} STALE ${duration(health.ageMs)} ago`
          : `${duration(health.ageMs)} ago`;
  const last = snapshot.lastSuccessAt;
  const error = health.error
    ? `${theme.symbol('crit')} ${health.error}${sep(theme)}last success ${last === undefined ? 'never' : `${utcClock(last)} (${duration(now - last)} ago)`}`
    : undefined;
  const partial = !error && snapshot.value?.partial ? `${theme.symbol('warn')} ${snapshot.value.partial}` : undefined;
  return {
    state,
    loading,
    stale: health.stale && !loading && !paused,
    error,
    partial,
    hasValue: snapshot.value !== undefined,
    unconfigured: health.unconfigured,
  };
}

export interface PaneViewProps {
  readonly pane: PaneId;
  readonly width: number;
  readonly height: number;
  readonly index: number;
  readonly summary: string;
  readonly columns: readonly Column[];
  readonly rows: readonly RowModel[];
  readonly selected: number;
  readonly focused: boolean;
  readonly state: string;
  readonly stale: boolean;
  readonly loading: boolean;
  readonly error?: string;
  readonly partial?: string;
  readonly hasValue: boolean;
  readonly unconfigured?: boolean;
  readonly filter: string;
}

/** The title line: number, name, summary, filter, then age or the stale marker at the right. */
function TitleLine(props: PaneViewProps) {
  const theme = useTheme();
  const {state, stale, filter, focused, index, width} = props;
  const summary = theme.ascii ? toAscii(props.summary) : props.summary;
  const left = ` ${PANE_TITLES[props.pane]}${sep(theme)}${summary}${filter ? `${sep(theme)}/${filter}` : ''} `;
  const tag = `${index}`;
  const room = Math.max(0, width - cellWidth(tag) - 2 - cellWidth(state) - 2);
  const leftText = truncate(left, room, theme.ellipsis);
  const fill = theme.rule.repeat(Math.max(0, room - cellWidth(leftText)));
  return (
    <Text wrap="truncate">
      <Text inverse={focused} bold>{` ${tag}`}</Text>
      <Text bold={focused}>{leftText}</Text>
      <Text dimColor>{fill}</Text>
      <Text> </Text>
      <Text color={stale ? theme.tone('crit') : undefined} bold={stale} inverse={stale && !theme.color}>
        {state}
      </Text>
      <Text> </Text>
    </Text>
  );
}

/** A pane: title, table and (when failing) the error with the time of the last success. */
export const PaneView = memo(function PaneView(props: PaneViewProps) {
  const theme = useTheme();
  const {width, height, error, partial} = props;
  const note = error ?? partial;
  const errorLine = note !== undefined && height >= 3;
  // A table needs its header and a row; with less room the title line (the pane's summary) is all it shows.
  const room = height - 1 - (errorLine ? 1 : 0);
  const tableHeight = room >= 2 ? room : 0;
  // Lines left under every row (a wide screen): the selected row's history, the story over the last hour.
  const spare = tableHeight - 1 - props.rows.length;
  const trendRow = props.rows[props.selected] ?? props.rows[0];
  const trend = spare >= TREND_MIN_LINES && (trendRow?.trend?.series?.length ?? 0) >= 2 ? trendRow?.trend : undefined;
  const chartRows = trend ? spare - 1 : 0;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <TitleLine {...props} />
      {tableHeight > 0 ? (
        <Table
          columns={props.columns}
          rows={props.rows}
          width={width}
          height={trend ? props.rows.length + 1 : tableHeight}
          selected={props.selected}
          focused={props.focused}
          stale={props.stale && props.hasValue}
          emptyText={
            !props.hasValue
              ? error
                ? 'no data yet'
                : props.unconfigured
                  ? UNCONFIGURED
                  : `loading${theme.ellipsis}`
              : props.filter
                ? 'no rows match the filter'
                : 'no rows'
          }
        />
      ) : null}
      {trend ? (
        <TrendBlock
          title={trend.title}
          series={trend.series}
          width={width}
          rows={chartRows}
          format={trend.format}
          threshold={trend.threshold}
          tone={trendRow?.tone}
        />
      ) : null}
      {errorLine ? (
        <Text color={theme.tone(error ? 'crit' : 'warn')} bold wrap="truncate">
          {fit(` ${theme.ascii ? toAscii(note) : note}`, width, 'left', theme.ellipsis)}
        </Text>
      ) : null}
    </Box>
  );
});

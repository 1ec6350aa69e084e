// One pane on screen: a title rule with age and state, the table, and the error line when its source fails.
import {Box, Text} from 'ink';
import type {PaneSnapshot} from '../../data/feed.js';
import {paneHealth} from '../../data/feed.js';
import type {PaneId} from '../../data/readings/types.js';
import {cellWidth, fit, truncate} from '../../data/text/width.js';
import {useNow, useTheme} from '../context.js';
import {duration, utcClock} from '../format.js';
import type {Layout, PaneBox} from '../layout.js';
import {Table} from './table.js';
import type {Column, RowModel} from './table-model.js';

export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  health: 'Service health',
  lag: 'Projection lag',
  dlq: 'DLQ depth',
  outbox: 'Outbox backlog',
  burn: 'Error-budget burn',
};

export interface PaneViewProps {
  readonly box: PaneBox;
  readonly index: number;
  readonly summary: string;
  readonly columns: readonly Column[];
  readonly rows: readonly RowModel[];
  readonly selected: number;
  readonly focused: boolean;
  readonly snapshot: PaneSnapshot<PaneId>;
  readonly staleAfterMs: number;
  readonly paused: boolean;
  readonly filter: string;
}

/** The title line: number, name, summary, filter, then age or the stale marker at the right. */
function TitleLine({props, width}: {props: PaneViewProps; width: number}) {
  const theme = useTheme();
  const now = useNow();
  const {snapshot, staleAfterMs, paused, filter, focused, index} = props;
  const health = paneHealth(snapshot, now, staleAfterMs);
  const loading = snapshot.value === undefined && !health.error;
  const state = paused
    ? `held (dialog open) · age ${duration(health.ageMs)}`
    : loading
      ? 'loading…'
      : health.stale
        ? `${theme.symbol('warn')} STALE ${duration(health.ageMs)}`
        : `age ${duration(health.ageMs)}`;
  const stateTone = !loading && health.stale && !paused ? theme.tone('crit') : undefined;
  const left = ` ${PANE_TITLES[props.box.pane]} · ${props.summary}${filter ? ` · /${filter}` : ''} `;
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
      <Text color={stateTone} bold={health.stale && !loading} inverse={health.stale && !loading && !paused && !theme.color}>{state}</Text>
      <Text> </Text>
    </Text>
  );
}

/** A pane: title, table and (when failing) the error with the time of the last success. */
export function PaneView(props: PaneViewProps) {
  const theme = useTheme();
  const now = useNow();
  const {box, snapshot, staleAfterMs} = props;
  const health = paneHealth(snapshot, now, staleAfterMs);
  const errorLine = health.error && box.height >= 3;
  const tableHeight = box.height - 1 - (errorLine ? 1 : 0);
  const last = snapshot.lastSuccessAt;
  const errorText = health.error
    ? `${theme.symbol('crit')} ${health.error} · last success ${last === undefined ? 'never' : `${utcClock(last)} (${duration(now - last)} ago)`}`
    : '';
  return (
    <Box flexDirection="column" width={box.width} height={box.height} overflow="hidden">
      <TitleLine props={props} width={box.width} />
      {tableHeight > 0 ? (
        <Table
          columns={props.columns}
          rows={props.rows}
          width={box.width}
          height={tableHeight}
          selected={props.selected}
          focused={props.focused}
          stale={health.stale && snapshot.value !== undefined}
          emptyText={snapshot.value === undefined ? (health.error ? 'no data yet' : 'loading…') : props.filter ? 'no rows match the filter' : 'no rows'}
        />
      ) : null}
      {errorLine ? (
        <Text color={theme.tone('crit')} bold wrap="truncate">
          {fit(` ${errorText}`, box.width)}
        </Text>
      ) : null}
    </Box>
  );
}

export type {Layout};

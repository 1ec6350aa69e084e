// `T` (or `:timeline`): the incident timeline of the last day, oldest first and opened at the newest: alerts firing
// and clearing with their values, deploy markers next to when the errors began, the cockpit's actions, pages and
// updates, and colleagues' changes. The same record `atp-cockpit incident show` prints (docs/incident-record.md).
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {TimelineEntry} from '../../actions/timeline.js';
import {timelineLine} from '../../actions/timeline-format.js';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import {fit} from '../../data/text/width.js';
import {useNow, useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {useTimeline} from '../hooks/use-timeline.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {listMove} from '../keys/keymap.js';
import {viewHint} from '../keys/view-keys.js';
import type {Tone} from '../theme.js';

/** How far back the view reaches (`incident show --since` reaches anywhere). */
export const TIMELINE_WINDOW_MS = 24 * 3_600_000;

/** The colour of a line: what went wrong is red, what recovered green, deploys stand out. */
export function timelineTone(e: TimelineEntry): Tone | undefined {
  if (e.kind === 'alert') return e.what === 'cleared' ? 'ok' : (e.severity ?? 4) <= 2 ? 'crit' : 'warn';
  if (e.kind === 'deploy') return 'info';
  if (e.what === 'failed' || e.what === 'refused') return 'crit';
  if (e.what === 'finished') return 'ok';
  if (e.what === 'planned' || e.what === 'cancelled') return 'muted';
  return undefined;
}

export function TimelineView({width, height, alerts}: {width: number; height: number; alerts: readonly ActiveAlert[]}) {
  const theme = useTheme();
  const sep = theme.ascii ? ' - ' : ' · ';
  const now = useNow();
  // The window starts when the view opens and moves by the hour, so the pollers' data is not rebuilt every second.
  const since = Math.floor((now - TIMELINE_WINDOW_MS) / 3_600_000) * 3_600_000;
  const targets = useMemo(() => alerts.filter((a) => a.state === 'firing').map((a) => a.target), [alerts]);
  const {entries, notes, loading} = useTimeline(since, targets);
  const noteLines = notes.slice(0, 2);
  const body = Math.max(1, height - 1 - noteLines.length);
  const lastTop = Math.max(0, entries.length - body);
  // Opened at the newest entry; scrolls like every list (j/k, PgUp/PgDn, g/G, Home/End).
  const [top, setTop, topRef] = useLatestState(Number.MAX_SAFE_INTEGER);
  useKeyLayer(LAYER.view, ({name}) => {
    const next = listMove(name, Math.min(topRef.current, lastTop), lastTop + 1, body - 1);
    if (next === undefined) return false;
    setTop(next);
    return true;
  });
  const start = Math.min(top, lastTop);
  const shown = entries.slice(start, start + body);
  const range = entries.length > body ? `${sep}${start + 1}-${start + shown.length} of ${entries.length}` : '';
  const today = new Date(now).toISOString().slice(0, 10);
  const line = (e: TimelineEntry) => {
    const text = timelineLine(e, sep);
    return ` ${text.startsWith(today) ? text.slice(11) : text}`;
  };
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {fit(
          ` Timeline, last 24 h${sep}${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${range}${sep}${viewHint([['back', 'to close']])}`,
          width,
          'left',
          theme.ellipsis,
        )}
      </Text>
      {noteLines.map((n) => (
        <Text key={n} color={theme.tone('warn')} wrap="truncate">
          {fit(` note: ${n}`, width, 'left', theme.ellipsis)}
        </Text>
      ))}
      {entries.length === 0 ? <Text dimColor>{fit(loading ? ' reading the journal…' : ' nothing recorded in the last 24 h', width)}</Text> : null}
      {shown.map((e, i) => (
        <Text key={`${start + i}:${e.at}:${e.seq ?? ''}`} color={theme.tone(timelineTone(e))} wrap="truncate">
          {fit(line(e), width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}

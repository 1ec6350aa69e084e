// Outbox backlog: reading → rows.
import type {Outbox, OutboxReading} from '../../data/readings/types.js';
import {LazyRow, type Column, type RowFormat, type RowModel} from '../../ui/components/table-model.js';
import {sparkline, trendHeader, trendScale, type TrendFrame} from '../../ui/components/sparkline.js';
import {count, seconds} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

export const OUTBOX_COLUMNS: readonly Column[] = [
  {id: 'target', header: 'SERVICE@REGION', width: 20, priority: 1},
  {id: 'pending', header: 'PENDING', width: 8, align: 'right', priority: 1},
  {id: 'oldest', header: 'OLDEST', width: 7, align: 'right', priority: 1},
  {id: 'relay', header: 'RELAY/S', width: 8, align: 'right', priority: 2},
  // Fixed width, never flexed: the trend's 60 minutes always fill exactly these cells (3 minutes each).
  {id: 'trend', header: trendHeader('PENDING'), width: 20, priority: 3, keepEnd: true},
];

/** Oldest-age thresholds (seconds) for warning and critical tone. */
export const OUTBOX_AGE = {warn: 5, crit: 60};

/**
 * The least top of the pending trend's scale: the cockpit's own choice (the runbook sets no outbox limit). A relay
 * moving tens to hundreds of messages a second drains this many in seconds, so a calm backlog stays low on the line.
 */
export const OUTBOX_TREND_FLOOR = 1_000;

const outboxFormat: RowFormat<{o: Outbox; tone: Tone}, {ascii: boolean; trend: TrendFrame}> = {
  search: ({o}) => `${o.service} ${o.region}`,
  trend: ({o}) => ({title: `${o.service}@${o.region} pending`, series: o.series, format: (v) => count(v)}),
  cells: ({o, tone}, {ascii, trend}) => ({
    target: {text: `${o.service}@${o.region}`, bold: tone !== 'ok'},
    pending: {text: count(o.pending), tone: tone === 'ok' ? undefined : tone},
    oldest: {text: seconds(o.oldestAgeSeconds), tone: tone === 'ok' ? undefined : tone},
    relay: {text: count(o.relayPerSecond), tone: o.relayPerSecond === 0 ? 'crit' : undefined},
    trend: {text: sparkline(o.series, 20, trend, ascii), tone: tone === 'ok' ? 'muted' : tone},
  }),
};

/** One row per outbox; `now` ends the trend lines, all on one scale. */
export function outboxRows(reading: OutboxReading | undefined, ascii: boolean, now: number): RowModel[] {
  const outboxes = reading?.outboxes ?? [];
  const ctx = {
    ascii,
    trend: {
      end: now,
      max: trendScale(
        outboxes.map((o) => o.series),
        OUTBOX_TREND_FLOOR,
        now,
      ),
    },
  };
  return outboxes.map((o) => {
    const tone: Tone = o.oldestAgeSeconds > OUTBOX_AGE.crit ? 'crit' : o.oldestAgeSeconds > OUTBOX_AGE.warn ? 'warn' : 'ok';
    return new LazyRow(`${o.service}@${o.region}`, o.oldestAgeSeconds, tone, {o, tone}, ctx, outboxFormat);
  });
}

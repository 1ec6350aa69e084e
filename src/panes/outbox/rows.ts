// Outbox backlog: reading → rows.
import type {Outbox, OutboxReading} from '../../data/readings/types.js';
import {LazyRow, type Column, type RowFormat, type RowModel} from '../../ui/components/table-model.js';
import {sparkline} from '../../ui/components/sparkline.js';
import {count, seconds} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

export const OUTBOX_COLUMNS: readonly Column[] = [
  {id: 'target', header: 'SERVICE@REGION', width: 20, priority: 1},
  {id: 'pending', header: 'PENDING', width: 8, align: 'right', priority: 1},
  {id: 'oldest', header: 'OLDEST', width: 7, align: 'right', priority: 1},
  {id: 'relay', header: 'RELAY/S', width: 8, align: 'right', priority: 2},
  {id: 'trend', header: 'PENDING 60m', width: 12, priority: 3, flex: true, keepEnd: true},
];

/** Oldest-age thresholds (seconds) for warning and critical tone. */
export const OUTBOX_AGE = {warn: 5, crit: 60};

const outboxFormat: RowFormat<{o: Outbox; tone: Tone}, {ascii: boolean}> = {
  search: ({o}) => `${o.service} ${o.region}`,
  cells: ({o, tone}, {ascii}) => ({
    target: {text: `${o.service}@${o.region}`, bold: tone !== 'ok'},
    pending: {text: count(o.pending), tone: tone === 'ok' ? undefined : tone},
    oldest: {text: seconds(o.oldestAgeSeconds), tone: tone === 'ok' ? undefined : tone},
    relay: {text: count(o.relayPerSecond), tone: o.relayPerSecond === 0 ? 'crit' : undefined},
    trend: {text: sparkline(o.series, 40, ascii), tone: tone === 'ok' ? 'muted' : tone},
  }),
};

export function outboxRows(reading: OutboxReading | undefined, ascii = false): RowModel[] {
  const ctx = {ascii};
  return (reading?.outboxes ?? []).map((o) => {
    const tone: Tone = o.oldestAgeSeconds > OUTBOX_AGE.crit ? 'crit' : o.oldestAgeSeconds > OUTBOX_AGE.warn ? 'warn' : 'ok';
    return new LazyRow(`${o.service}@${o.region}`, o.oldestAgeSeconds, tone, {o, tone}, ctx, outboxFormat);
  });
}

// DLQ depth: reading → rows, with the reason breakdown and growth.
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import {shortEntity} from '../../data/readings/names.js';
import {alertCell, alertOn, alertTone} from '../alert-cell.js';
import type {DlqEntity, DlqReading} from '../../data/readings/types.js';
import {LazyRow, type Column, type RowFormat, type RowModel, type TrendLine} from '../../ui/components/table-model.js';
import {sparkline, trendHeader, trendScale, type TrendFrame} from '../../ui/components/sparkline.js';
import {count, duration} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

// Priorities: the reasons tell a DLQ's story (SerializationException: a bad producer; TTL: a slow consumer),
// so they outlast the counters around them at 80 columns; the trend is decoration and goes first.
export const DLQ_COLUMNS: readonly Column[] = [
  {id: 'entity', header: 'ENTITY', width: 28, priority: 1, flex: true},
  {id: 'dead', header: 'DLQ', width: 6, align: 'right', priority: 1},
  {id: 'alert', header: 'ALERT', width: 9, priority: 2},
  {id: 'active', header: 'ACTIVE', width: 6, align: 'right', priority: 5},
  {id: 'growth', header: 'GROWTH', width: 7, align: 'right', priority: 3},
  {id: 'oldest', header: 'OLDEST', width: 6, align: 'right', priority: 4},
  {id: 'consumer', header: 'CONSUMER', width: 16, priority: 6},
  {id: 'reasons', header: 'REASONS', width: 24, priority: 2, flex: true, want: 30},
  // Fixed width: the trend's 60 minutes always fill exactly these cells (5 minutes each).
  {id: 'trend', header: trendHeader('DLQ'), width: 12, priority: 7, keepEnd: true},
];

const SHORT: Readonly<Record<string, string>> = {
  DeliveryCountExceeded: 'DelivCnt',
  TTLExpiredException: 'TTL',
  MessageLockLostException: 'LockLost',
  UnauthorizedException: 'Unauth',
  SerializationException: 'Serializ',
};

/** Reasons, largest first: "Serializ 400 · DelivCnt 9". */
export function reasonBreakdown(reasons: Readonly<Record<string, number>> | undefined): string {
  return Object.entries(reasons ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${SHORT[r] ?? r} ${n}`)
    .join(' · ');
}

export {shortEntity};

const dlqFormat: RowFormat<{e: DlqEntity; tone: Tone; alert?: ActiveAlert}, {ascii: boolean; now: number; trend: TrendFrame; line: TrendLine}> = {
  trend: ({e}, {line}) => ({title: `${shortEntity(e.entity)} dead letters`, series: e.series, format: (v) => count(v), threshold: line}),
  search: ({e}) => `${e.entity} ${e.consumer ?? ''} ${Object.keys(e.reasons ?? {}).join(' ')}`,
  cells: ({e, tone, alert}, {ascii, now, trend}) => {
    const growth = e.growthPerMin ?? 0;
    return {
      entity: {text: shortEntity(e.entity), bold: tone !== 'ok'},
      dead: {text: count(e.deadLetter), tone: tone === 'ok' ? undefined : tone, bold: tone === 'crit'},
      alert: alertCell(alert, now),
      active: {text: count(e.active)},
      growth: {
        text: Math.abs(growth) < 0.05 ? '0/m' : `${growth > 0 ? '+' : ''}${count(Math.round(growth * 10) / 10)}/m`,
        tone: growth > 1 ? 'warn' : undefined,
      },
      oldest: {text: e.oldestAgeSeconds === undefined ? '—' : duration(e.oldestAgeSeconds * 1000)},
      consumer: {text: e.consumer ?? '—', tone: 'muted'},
      reasons: {text: reasonBreakdown(e.reasons)},
      trend: {text: sparkline(e.series, 12, trend, ascii), tone: tone === 'ok' ? 'muted' : tone},
    };
  },
};

/**
 * One row per entity. The tone follows the entity's DLQBacklog alert (SEV-3 reads as a warning, as in the strip);
 * without a firing alert, a backlog over the threshold, fast growth or a quarter of the threshold is a warning.
 */
export function dlqRows(reading: DlqReading | undefined, threshold: number, ascii = false, alerts: readonly ActiveAlert[] = [], now = 0): RowModel[] {
  const entities = reading?.entities ?? [];
  // The trends end at `now` and share one scale, drawn against the DLQ alert threshold.
  const ctx = {
    ascii,
    now,
    line: {value: threshold, label: `DLQBacklog >${count(threshold)}`},
    trend: {
      end: now,
      max: trendScale(
        entities.map((e) => e.series),
        threshold,
        now,
      ),
    },
  };
  return entities.map((e) => {
    const alert = alertOn(alerts, 'dlq', shortEntity(e.entity));
    const warn = e.deadLetter > threshold || (e.growthPerMin ?? 0) > 1 || e.deadLetter > threshold / 4;
    const tone: Tone = alertTone(alert) ?? (warn ? 'warn' : 'ok');
    return new LazyRow(e.entity, e.deadLetter + (e.growthPerMin ?? 0) * 10, tone, {e, tone, alert}, ctx, dlqFormat);
  });
}

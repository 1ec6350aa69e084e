// Projection lag: reading → rows, against the SLO (P95 < 5 s, P99 < 10 s) and the alert (> 30 s for 10 min).
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {LagReading} from '../../data/readings/types.js';
import type {Column, RowModel, TrendLine} from '../../ui/components/table-model.js';
import {sparkline, trendHeader, trendScale} from '../../ui/components/sparkline.js';
import {count, seconds} from '../../ui/format.js';
import {alertCell} from '../alert-cell.js';
import type {Tone} from '../../ui/theme.js';

export const LAG_COLUMNS: readonly Column[] = [
  {id: 'target', header: 'PROJECTION@REGION', width: 18, priority: 1},
  {id: 'lag', header: 'LAG', width: 7, align: 'right', priority: 1},
  {id: 'p95', header: 'P95<5s', width: 7, align: 'right', priority: 1},
  {id: 'p99', header: 'P99<10s', width: 7, align: 'right', priority: 2},
  {id: 'eps', header: 'EV/S', width: 6, align: 'right', priority: 2},
  {id: 'alert', header: 'ALERT >30s/10m', width: 16, priority: 3, flex: true},
  // Fixed width, never flexed: the trend's 60 minutes always fill exactly these cells (3 minutes each).
  {id: 'trend', header: trendHeader('P95 LAG'), width: 20, priority: 4, keepEnd: true},
];

export const LAG_SLO = {p95: 5, p99: 10, alert: 30};
/** The line a projection's P95 lag chart is drawn against, in the pane and in its detail. */
export const LAG_TREND_LINE: TrendLine = {value: LAG_SLO.p95, label: `SLO P95 <${LAG_SLO.p95}s`};

const tone = (v: number | undefined, slo: number): Tone | undefined => (v === undefined ? 'muted' : v > LAG_SLO.alert ? 'crit' : v > slo ? 'warn' : undefined);

/** One row per projection × region; `alerts` gives the ProjectionLagHigh state. */
export function lagRows(reading: LagReading | undefined, alerts: readonly ActiveAlert[], now: number, ascii = false): RowModel[] {
  const projections = reading?.projections ?? [];
  // One scale for the column, reaching at least the P95 SLO: sub-second wobble stays low, a stall fills the cell.
  const trend = {
    end: now,
    max: trendScale(
      projections.map((p) => p.series),
      LAG_SLO.p95,
      now,
    ),
  };
  return projections.map((p) => {
    const key = `${p.projection}@${p.region}`;
    const alert = alerts.find((a) => a.name === 'ProjectionLagHigh' && a.target === key);
    const worst = p.p95Seconds ?? p.lagSeconds;
    const rowTone: Tone = worst > LAG_SLO.alert ? 'crit' : worst > LAG_SLO.p95 ? 'warn' : 'ok';
    return {
      key,
      rank: worst,
      tone: rowTone,
      search: `${p.projection} ${p.region}`,
      trend: {title: `${key} P95 lag`, series: p.series, format: (v: number) => seconds(v), threshold: LAG_TREND_LINE},
      cells: {
        target: {text: key, bold: rowTone !== 'ok'},
        lag: {text: seconds(p.lagSeconds), tone: tone(p.lagSeconds, LAG_SLO.p95)},
        p95: {text: seconds(p.p95Seconds), tone: tone(p.p95Seconds, LAG_SLO.p95)},
        p99: {text: seconds(p.p99Seconds), tone: tone(p.p99Seconds, LAG_SLO.p99)},
        eps: {text: count(p.eventsPerSecond), tone: p.eventsPerSecond === 0 ? 'crit' : undefined},
        alert: alertCell(alert, now),
        trend: {text: sparkline(p.series, 20, trend, ascii), tone: rowTone === 'ok' ? 'muted' : rowTone},
      },
    };
  });
}

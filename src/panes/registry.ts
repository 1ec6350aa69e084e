// The five panes: columns, row mapping and summary for each, in one table.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertThresholds} from '../data/alerts/catalog.js';
import type {PaneId, ReadingByPane} from '../data/readings/types.js';
import type {Column, RowModel} from '../ui/components/table-model.js';
import type {Tone} from '../ui/theme.js';
import {BURN_COLUMNS, burnRows} from './burn/rows.js';
import {DLQ_COLUMNS, dlqRows} from './dlq/rows.js';
import {HEALTH_COLUMNS, healthRows, healthSummary} from './health/rows.js';
import {LAG_COLUMNS, lagRows} from './lag/rows.js';
import {OUTBOX_COLUMNS, outboxRows} from './outbox/rows.js';
import {paneSummary} from './alert-cell.js';

export interface RowContext {
  readonly thresholds: AlertThresholds;
  readonly alerts: readonly ActiveAlert[];
  readonly now: number;
  readonly symbol: (tone: Tone) => string;
  readonly ascii: boolean;
}

export interface PaneSpec<P extends PaneId> {
  readonly columns: readonly Column[];
  rows(reading: ReadingByPane[P] | undefined, ctx: RowContext): RowModel[];
  summary(rows: readonly RowModel[], ctx: RowContext): string;
}

/**
 * The outbox has no catalog alert: its limits are the cockpit's own (docs/alerts-and-escalation.md), so its title says
 * "over limit", never a severity.
 */
function outboxSummary(rows: readonly RowModel[]): string {
  const over = rows.filter((r) => r.tone === 'crit' || r.tone === 'warn').length;
  return `${rows.length} outboxes${over ? ` · ${over} over the cockpit's limit` : ''}`;
}

export const PANES: {readonly [P in PaneId]: PaneSpec<P>} = {
  health: {columns: HEALTH_COLUMNS, rows: (r, c) => healthRows(r, c), summary: (rows, c) => healthSummary(rows, c.alerts)},
  lag: {columns: LAG_COLUMNS, rows: (r, c) => lagRows(r, c.alerts, c.now, c.ascii), summary: (rows, c) => paneSummary(rows.length, 'projections', c.alerts, 'lag')},
  dlq: {
    columns: DLQ_COLUMNS,
    rows: (r, c) => dlqRows(r, c.thresholds.dlqMessages, c.ascii, c.alerts, c.now),
    summary: (rows, c) => paneSummary(rows.length, 'entities', c.alerts, 'dlq'),
  },
  outbox: {columns: OUTBOX_COLUMNS, rows: (r, c) => outboxRows(r, c.ascii, c.now), summary: (rows) => outboxSummary(rows)},
  burn: {columns: BURN_COLUMNS, rows: (r, c) => burnRows(r, c.symbol), summary: (rows, c) => paneSummary(rows.length, 'SLOs', c.alerts, 'burn')},
};

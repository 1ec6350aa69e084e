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
  summary(rows: readonly RowModel[]): string;
}

const countTone = (rows: readonly RowModel[], noun: string) => {
  const crit = rows.filter((r) => r.tone === 'crit').length;
  const warn = rows.filter((r) => r.tone === 'warn').length;
  return `${rows.length} ${noun}${crit ? ` · ${crit} critical` : ''}${warn ? ` · ${warn} warning` : ''}`;
};

export const PANES: {readonly [P in PaneId]: PaneSpec<P>} = {
  health: {columns: HEALTH_COLUMNS, rows: (r, c) => healthRows(r, c.thresholds, c.symbol, c.ascii), summary: healthSummary},
  lag: {columns: LAG_COLUMNS, rows: (r, c) => lagRows(r, c.alerts, c.now, c.ascii), summary: (rows) => countTone(rows, 'projections')},
  dlq: {
    columns: DLQ_COLUMNS,
    rows: (r, c) => dlqRows(r, c.thresholds.dlqMessages, c.ascii),
    summary: (rows) => `${countTone(rows, 'entities')}`,
  },
  outbox: {columns: OUTBOX_COLUMNS, rows: (r, c) => outboxRows(r, c.ascii), summary: (rows) => countTone(rows, 'outboxes')},
  burn: {columns: BURN_COLUMNS, rows: (r, c) => burnRows(r, c.symbol), summary: (rows) => countTone(rows, 'SLOs')},
};

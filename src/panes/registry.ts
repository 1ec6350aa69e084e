// The five panes: columns, row mapping, summary and detail view for each, in one table.
import {createElement, type ReactNode} from 'react';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertThresholds} from '../data/alerts/catalog.js';
import type {PaneId, ReadingByPane} from '../data/readings/types.js';
import type {Column, RowModel} from '../ui/components/table-model.js';
import type {Tone} from '../ui/theme.js';
import {BurnDetailView} from './burn/burn-detail.js';
import {BURN_COLUMNS, burnRows} from './burn/rows.js';
import {DlqDetailView} from './dlq/dlq-detail.js';
import {DLQ_COLUMNS, dlqRows} from './dlq/rows.js';
import {HealthDetailView} from './health/health-detail.js';
import {HEALTH_COLUMNS, healthRows, healthSummary} from './health/rows.js';
import {LAG_COLUMNS, lagRows} from './lag/rows.js';
import {LagDetailView} from './lag/trend-detail.js';
import {OutboxDetailView} from './outbox/outbox-detail.js';
import {OUTBOX_COLUMNS, outboxRows} from './outbox/rows.js';
import {paneSummary} from './alert-cell.js';

export interface RowContext {
  readonly thresholds: AlertThresholds;
  readonly alerts: readonly ActiveAlert[];
  readonly now: number;
  readonly symbol: (tone: Tone) => string;
  readonly ascii: boolean;
}

/** What a detail view (Enter on a row) is given: the row's key, the pane's reading and the area. */
export interface DetailProps<P extends PaneId> {
  readonly rowKey: string;
  readonly reading: ReadingByPane[P] | undefined;
  readonly width: number;
  readonly height: number;
}

export interface PaneSpec<P extends PaneId> {
  readonly columns: readonly Column[];
  rows(reading: ReadingByPane[P] | undefined, ctx: RowContext): RowModel[];
  summary(rows: readonly RowModel[], ctx: RowContext): string;
  /** The view Enter opens on a row. */
  detail(props: DetailProps<P>): ReactNode;
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
  health: {
    columns: HEALTH_COLUMNS,
    rows: (r, c) => healthRows(r, c),
    summary: (rows, c) => healthSummary(rows, c.alerts),
    detail: (p) => createElement(HealthDetailView, p),
  },
  lag: {
    columns: LAG_COLUMNS,
    rows: (r, c) => lagRows(r, c.alerts, c.now, c.ascii),
    summary: (rows, c) => paneSummary(rows.length, 'projections', c.alerts, 'lag'),
    detail: (p) => createElement(LagDetailView, p),
  },
  dlq: {
    columns: DLQ_COLUMNS,
    rows: (r, c) => dlqRows(r, c.thresholds.dlqMessages, c.ascii, c.alerts, c.now),
    summary: (rows, c) => paneSummary(rows.length, 'entities', c.alerts, 'dlq'),
    detail: ({rowKey, ...rest}) => createElement(DlqDetailView, {entity: rowKey, ...rest}),
  },
  outbox: {
    columns: OUTBOX_COLUMNS,
    rows: (r, c) => outboxRows(r, c.ascii, c.now),
    summary: (rows) => outboxSummary(rows),
    detail: (p) => createElement(OutboxDetailView, p),
  },
  burn: {
    columns: BURN_COLUMNS,
    rows: (r, c) => burnRows(r, c.symbol),
    summary: (rows, c) => paneSummary(rows.length, 'SLOs', c.alerts, 'burn'),
    detail: ({rowKey, ...rest}) => createElement(BurnDetailView, {slo: rowKey, ...rest}),
  },
};

/** The detail view of `pane` for the row `rowKey` (keeps the pane and its reading's type together). */
export function paneDetail<P extends PaneId>(pane: P, props: DetailProps<P>): ReactNode {
  return PANES[pane].detail(props);
}

// The KQL each pane runs. Defaults follow the runbook's Application Insights example (section 13, "High Ingestion
// Latency": requests | where timestamp > ago(1h) | summarize P95=percentile(duration, 95), P99=... by bin(...)).
// Every query gets a prelude: `timeWindow` and `binSize`, and on a workspace the classic table names.
import type {MonitorOptions, MonitorPane, PaneQuery} from './config.js';

/** ATP's custom metrics (App Insights `customMetrics`, or `AppMetrics` in a workspace) the defaults read. */
export const METRICS = {
  projectionLag: 'atp_projection_lag_seconds',
  projectionRate: 'atp_projection_events_per_second',
  outboxPending: 'atp_outbox_pending',
  outboxOldest: 'atp_outbox_oldest_age_seconds',
  outboxRelay: 'atp_outbox_relayed_per_second',
} as const;

/** Workspace-based Application Insights keeps AppRequests/AppMetrics; these lets give them their classic names. */
export const WORKSPACE_SHIM = [
  'let requests = AppRequests | project timestamp = TimeGenerated, cloud_RoleName = AppRoleName, cloud_RoleInstance = AppRoleInstance, ' +
    'name = Name, duration = DurationMs, success = Success, resultCode = ResultCode, customDimensions = Properties, ' +
    'client_CountryOrRegion = ClientCountryOrRegion;',
  'let customMetrics = AppMetrics | project timestamp = TimeGenerated, name = Name, value = iff(ItemCount > 0, Sum / ItemCount, Sum), ' +
    'valueSum = Sum, valueCount = ItemCount, valueMin = Min, valueMax = Max, customDimensions = Properties, ' +
    'cloud_RoleName = AppRoleName, cloud_RoleInstance = AppRoleInstance;',
];

/** Each pane's default KQL; `{region}` is replaced by the region expression. */
export const DEFAULT_KQL: Readonly<Record<MonitorPane, string>> = {
  health: [
    'requests',
    '| where timestamp > ago(timeWindow)',
    '| summarize requests = count(), failed = countif(success == false), P95 = percentile(duration, 95), P99 = percentile(duration, 99)',
    '    by service = cloud_RoleName, region = {region}, bin(timestamp, binSize)',
    '| order by timestamp asc',
  ].join('\n'),
  lag: [
    'customMetrics',
    '| where timestamp > ago(timeWindow)',
    `| where name in ('${METRICS.projectionLag}', '${METRICS.projectionRate}')`,
    '| extend v = iff(valueCount > 0, valueSum / valueCount, value), projection = tostring(customDimensions.projection)',
    `| summarize lag = maxif(v, name == '${METRICS.projectionLag}'), eventsPerSecond = avgif(v, name == '${METRICS.projectionRate}')`,
    '    by projection, region = {region}, bin(timestamp, binSize)',
    '| order by timestamp asc',
  ].join('\n'),
  outbox: [
    'customMetrics',
    '| where timestamp > ago(timeWindow)',
    `| where name in ('${METRICS.outboxPending}', '${METRICS.outboxOldest}', '${METRICS.outboxRelay}')`,
    '| extend v = iff(valueCount > 0, valueSum / valueCount, value)',
    `| summarize pending = maxif(v, name == '${METRICS.outboxPending}'), oldestAgeSeconds = maxif(v, name == '${METRICS.outboxOldest}'), ` +
      `relayPerSecond = avgif(v, name == '${METRICS.outboxRelay}')`,
    '    by service = cloud_RoleName, region = {region}, bin(timestamp, binSize)',
    '| order by timestamp asc',
  ].join('\n'),
};

/** The KQL expression for a row's region. */
export function regionExpr(options: MonitorOptions): string {
  return options.region.kind === 'fixed' ? `'${options.region.name}'` : `tostring(${options.region.expr})`;
}

/** The full text sent for `pane`: prelude, then the configured or default KQL with `{region}` filled in. */
export function paneKql(options: MonitorOptions, pane: MonitorPane, query: PaneQuery = options.queries[pane]): string {
  const prelude = [`let timeWindow = ${query.window};`, `let binSize = ${query.bin};`, ...(options.schema === 'workspace' ? WORKSPACE_SHIM : [])];
  const body = (query.kql ?? DEFAULT_KQL[pane]).replaceAll('{region}', regionExpr(options));
  return `${prelude.join('\n')}\n${body}`;
}

// Service health: reading → rows. Pure; the row status folds probes, pods, errors and latency together.
import type {AlertThresholds} from '../../data/alerts/catalog.js';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import {alertCell, alertOn, paneSummary} from '../alert-cell.js';
import {latencyLimitMs, rowStatus, STATUS_RANK} from '../../data/health/status.js';
import type {HealthReading, HealthStatus, ServiceHealth} from '../../data/readings/types.js';
import {LazyRow, type Column, type RowFormat, type RowModel} from '../../ui/components/table-model.js';
import {sparkline, trendHeader, trendScale, type TrendFrame} from '../../ui/components/sparkline.js';
import {count, millis, percent} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

// Priorities: the failing checks (the reason) keep their room; counters go first, then the trend, then P95 and
// the version (a latency problem shows in the reason anyway).
export const HEALTH_COLUMNS: readonly Column[] = [
  {id: 'target', header: 'SERVICE@REGION', width: 20, priority: 1},
  {id: 'status', header: 'STATUS', width: 11, priority: 1},
  {id: 'alert', header: 'ALERT', width: 9, priority: 1},
  {id: 'pods', header: 'PODS', width: 5, align: 'right', priority: 2},
  {id: 'errors', header: 'ERR%', width: 6, align: 'right', priority: 1},
  {id: 'p95', header: 'P95', width: 6, align: 'right', priority: 4},
  {id: 'version', header: 'VERSION', width: 10, priority: 4},
  {id: 'failing', header: 'FAILING CHECKS / PROBLEMS', width: 20, priority: 3, flex: true, want: 25},
  {id: 'rps', header: 'REQ/S', width: 6, align: 'right', priority: 6},
  {id: 'restarts', header: 'RESTARTS', width: 8, align: 'right', priority: 6},
  // Fixed width, never flexed: the trend's 60 minutes always fill exactly these cells (5 minutes each).
  {id: 'trend', header: trendHeader('ERRORS'), width: 12, priority: 5, keepEnd: true},
];

const STATUS_TONE: Readonly<Record<HealthStatus, Tone>> = {Healthy: 'ok', Degraded: 'warn', Unhealthy: 'crit', Unknown: 'unknown'};
function failing(s: ServiceHealth, reason: string | undefined): string {
  const checks = (s.checks ?? []).filter((c) => c.status !== 'Healthy').map((c) => `${c.name}: ${c.description ?? c.status}`);
  const problems = (s.problems ?? []).map((p) => `${p.state}${p.reason ? `: ${p.reason}` : ''}`);
  const unique = [...new Set([...checks, ...problems])];
  if (unique.length === 0) return reason ?? '';
  return unique.join(' · ');
}

interface HealthRowData {
  readonly s: ServiceHealth;
  readonly status: HealthStatus;
  readonly reason?: string;
  readonly alert?: ActiveAlert;
}

interface HealthCtx {
  readonly t: AlertThresholds;
  readonly symbol: (tone: Tone) => string;
  readonly ascii: boolean;
  readonly now: number;
  /** The error trend's time frame and scale, shared by every row. */
  readonly trend: TrendFrame;
}

const healthFormat: RowFormat<HealthRowData, HealthCtx> = {
  // A service that is down has no error ratio to draw: its ready pods tell when it went down.
  // A service that is down: ServiceDown's line is zero, the chart's floor, so no line is drawn.
  trend: ({s}, {t}) =>
    (s.errorSeries?.length ?? 0) < 2 && (s.readySeries?.length ?? 0) >= 2
      ? {title: `${s.service}@${s.region} ready pods`, series: s.readySeries, format: (v) => count(v)}
      : {
          title: `${s.service}@${s.region} error ratio`,
          series: s.errorSeries,
          format: (v) => percent(v),
          threshold: {value: t.errorRatio, label: `HighErrorRate >${percent(t.errorRatio)}`},
        },
  search: ({s, status, reason}) => `${s.service} ${s.region} ${status} ${failing(s, status === 'Healthy' ? undefined : reason)} ${s.version ?? ''}`,
  cells: ({s, status, reason, alert}, {t, symbol, ascii, now, trend}) => {
    const tone = STATUS_TONE[status];
    const limit = latencyLimitMs(s.service, t);
    const errTone: Tone | undefined =
      s.errorRatio === undefined ? 'muted' : s.errorRatio > t.errorRatio ? 'crit' : s.errorRatio > t.errorRatio / 5 ? 'warn' : undefined;
    const latTone: Tone | undefined =
      s.p95Ms === undefined ? 'muted' : limit === undefined ? undefined : s.p95Ms > limit ? 'crit' : s.p95Ms > limit * 0.7 ? 'warn' : undefined;
    const podsTone: Tone | undefined =
      s.podsReady === undefined ? 'muted' : s.podsReady === 0 && (s.podsDesired ?? 0) > 0 ? 'crit' : s.podsReady < (s.podsDesired ?? 0) ? 'warn' : undefined;
    const version = s.version ? `${s.version}${s.revision !== undefined ? ` r${s.revision}` : ''}` : s.revision !== undefined ? `r${s.revision}` : '—';
    return {
      target: {text: `${s.service}@${s.region}`, bold: status !== 'Healthy'},
      status: {text: `${symbol(tone)} ${status}`, tone, bold: status === 'Unhealthy'},
      alert: alertCell(alert, now),
      pods: {text: s.podsReady === undefined ? '—' : `${s.podsReady}/${s.podsDesired ?? '?'}`, tone: podsTone},
      errors: {text: percent(s.errorRatio), tone: errTone},
      p95: {text: millis(s.p95Ms), tone: latTone},
      version: {text: version},
      failing: {text: failing(s, status === 'Healthy' ? undefined : reason), tone: status === 'Healthy' ? 'muted' : tone},
      rps: {text: count(s.requestRate)},
      restarts: {text: s.restarts === undefined ? '—' : String(s.restarts), tone: (s.restarts ?? 0) > 3 ? 'warn' : undefined},
      trend: {text: sparkline(s.errorSeries, 12, trend, ascii), tone: errTone},
    };
  },
};

/** What the health rows need from the pane context. */
export interface HealthRowContext {
  readonly thresholds: AlertThresholds;
  readonly symbol: (tone: Tone) => string;
  readonly ascii: boolean;
  readonly alerts?: readonly ActiveAlert[];
  readonly now?: number;
}

/**
 * One row per service × region; a row with a firing alert says which severity, and ranks by it. The error trends end
 * at `now` and share one scale, drawn against the error-rate threshold.
 */
export function healthRows(reading: HealthReading | undefined, c: HealthRowContext): RowModel[] {
  const t = c.thresholds;
  const now = c.now ?? 0;
  const services = reading?.services ?? [];
  const trend: TrendFrame = {
    end: now,
    max: trendScale(
      services.map((s) => s.errorSeries),
      t.errorRatio,
      now,
    ),
  };
  const ctx: HealthCtx = {t, symbol: c.symbol, ascii: c.ascii, now, trend};
  return services.map((s) => {
    const key = `${s.service}@${s.region}`;
    const {status, reason} = rowStatus(s, t);
    const alert = alertOn(c.alerts ?? [], 'health', key);
    const firing = alert?.state === 'firing' ? 5 - alert.severity : 0;
    const rank = firing * 100 + STATUS_RANK[status] * 10 + (s.errorRatio !== undefined && s.errorRatio > t.errorRatio ? 1 : 0);
    return new LazyRow(key, rank, STATUS_TONE[status], {s, status, reason, alert}, ctx, healthFormat);
  });
}

/** The health title: rows, rows not healthy, and the firing alerts by severity (as the strip shows them). */
export function healthSummary(rows: readonly RowModel[], alerts: readonly ActiveAlert[] = []): string {
  const notHealthy = rows.filter((r) => r.tone !== 'ok').length;
  const base = paneSummary(rows.length, 'rows', alerts, 'health');
  return notHealthy ? base.replace(' rows', ` rows · ${notHealthy} not healthy`) : base;
}

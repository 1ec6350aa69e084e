// Service health: reading → rows. Pure; the row status folds probes, pods, errors and latency together.
import type {AlertThresholds} from '../../data/alerts/catalog.js';
import {worseStatus} from '../../data/merge.js';
import type {HealthReading, HealthStatus, ServiceHealth} from '../../data/readings/types.js';
import {LazyRow, type Column, type RowFormat, type RowModel} from '../../ui/components/table-model.js';
import {sparkline} from '../../ui/components/sparkline.js';
import {count, millis, percent} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

export const HEALTH_COLUMNS: readonly Column[] = [
  {id: 'target', header: 'SERVICE@REGION', width: 20, priority: 1},
  {id: 'status', header: 'STATUS', width: 11, priority: 1},
  {id: 'pods', header: 'PODS', width: 5, align: 'right', priority: 2},
  {id: 'errors', header: 'ERR%', width: 6, align: 'right', priority: 1},
  {id: 'p95', header: 'P95', width: 6, align: 'right', priority: 2},
  {id: 'version', header: 'VERSION', width: 10, priority: 3},
  {id: 'failing', header: 'FAILING CHECKS / PROBLEMS', width: 14, priority: 3, flex: true},
  {id: 'rps', header: 'REQ/S', width: 6, align: 'right', priority: 5},
  {id: 'restarts', header: 'RESTARTS', width: 8, align: 'right', priority: 5},
  {id: 'trend', header: 'ERRORS 60m', width: 16, priority: 6, keepEnd: true},
];

const STATUS_TONE: Readonly<Record<HealthStatus, Tone>> = {Healthy: 'ok', Degraded: 'warn', Unhealthy: 'crit', Unknown: 'unknown'};
const STATUS_RANK: Readonly<Record<HealthStatus, number>> = {Healthy: 0, Unknown: 2, Degraded: 1, Unhealthy: 3};

/** The status a person should see, and why. */
export function rowStatus(s: ServiceHealth, t: AlertThresholds): {status: HealthStatus; reason?: string} {
  let status = s.status;
  let reason = s.statusReason;
  // Each finding may make the status worse; the reason follows the worst finding.
  const limit = t.p95MsByService[s.service] ?? t.p95Ms;
  for (let i = 0; i < 4; i++) {
    let next: HealthStatus | undefined;
    let why = '';
    if (i === 0 && s.podsDesired !== undefined && s.podsReady !== undefined && s.podsDesired > 0 && s.podsReady === 0) [next, why] = ['Unhealthy', '0 pods ready'];
    else if (i === 1 && s.podsDesired !== undefined && s.podsReady !== undefined && s.podsReady > 0 && s.podsReady < s.podsDesired) [next, why] = ['Degraded', `${s.podsReady}/${s.podsDesired} pods ready`];
    else if (i === 2 && s.errorRatio !== undefined && s.errorRatio > t.errorRatio) [next, why] = ['Degraded', `errors ${percent(s.errorRatio)}`];
    else if (i === 3 && s.p95Ms !== undefined && s.p95Ms > limit) [next, why] = ['Degraded', `P95 ${millis(s.p95Ms)}`];
    if (!next) continue;
    const worse = worseStatus(status, next);
    if (worse !== status) {
      status = worse;
      reason = why;
    } else if (!reason && worse === next) reason = why;
  }
  return {status: status ?? 'Unknown', reason: reason ?? (status ? undefined : 'no data')};
}

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
}

interface HealthCtx {
  readonly t: AlertThresholds;
  readonly symbol: (tone: Tone) => string;
  readonly ascii: boolean;
}

const healthFormat: RowFormat<HealthRowData, HealthCtx> = {
  search: ({s, status, reason}) => `${s.service} ${s.region} ${status} ${failing(s, status === 'Healthy' ? undefined : reason)} ${s.version ?? ''}`,
  cells: ({s, status, reason}, {t, symbol, ascii}) => {
    const tone = STATUS_TONE[status];
    const limit = t.p95MsByService[s.service] ?? t.p95Ms;
    const errTone: Tone | undefined = s.errorRatio === undefined ? 'muted' : s.errorRatio > t.errorRatio ? 'crit' : s.errorRatio > t.errorRatio / 5 ? 'warn' : undefined;
    const latTone: Tone | undefined = s.p95Ms === undefined ? 'muted' : s.p95Ms > limit ? 'crit' : s.p95Ms > limit * 0.7 ? 'warn' : undefined;
    const podsTone: Tone | undefined = s.podsReady === undefined ? 'muted' : s.podsReady === 0 && (s.podsDesired ?? 0) > 0 ? 'crit' : s.podsReady < (s.podsDesired ?? 0) ? 'warn' : undefined;
    const version = s.version ? `${s.version}${s.revision !== undefined ? ` r${s.revision}` : ''}` : s.revision !== undefined ? `r${s.revision}` : '—';
    return {
      target: {text: `${s.service}@${s.region}`, bold: status !== 'Healthy'},
      status: {text: `${symbol(tone)} ${status}`, tone, bold: status === 'Unhealthy'},
      pods: {text: s.podsReady === undefined ? '—' : `${s.podsReady}/${s.podsDesired ?? '?'}`, tone: podsTone},
      errors: {text: percent(s.errorRatio), tone: errTone},
      p95: {text: millis(s.p95Ms), tone: latTone},
      version: {text: version},
      failing: {text: failing(s, status === 'Healthy' ? undefined : reason), tone: status === 'Healthy' ? 'muted' : tone},
      rps: {text: count(s.requestRate)},
      restarts: {text: s.restarts === undefined ? '—' : String(s.restarts), tone: (s.restarts ?? 0) > 3 ? 'warn' : undefined},
      trend: {text: sparkline(s.errorSeries, 16, ascii), tone: errTone},
    };
  },
};

/** One row per service × region. */
export function healthRows(reading: HealthReading | undefined, t: AlertThresholds, symbol: (tone: Tone) => string, ascii = false): RowModel[] {
  const ctx: HealthCtx = {t, symbol, ascii};
  return (reading?.services ?? []).map((s) => {
    const {status, reason} = rowStatus(s, t);
    const rank = STATUS_RANK[status] * 10 + (s.errorRatio !== undefined && s.errorRatio > t.errorRatio ? 1 : 0);
    return new LazyRow(`${s.service}@${s.region}`, rank, STATUS_TONE[status], {s, status, reason}, ctx, healthFormat);
  });
}

/** Count of rows that are not Healthy. */
export function healthSummary(rows: readonly RowModel[]): string {
  const bad = rows.filter((r) => r.tone === 'crit').length;
  const warn = rows.filter((r) => r.tone === 'warn' || r.tone === 'unknown').length;
  return `${rows.length} rows${bad ? ` · ${bad} unhealthy` : ''}${warn ? ` · ${warn} degraded/unknown` : ''}`;
}

// Health pane from Prometheus: request rate, error ratio, P95/P99, pods, health-check gauges and build info.
import {SourceError} from '../errors.js';
import {worseStatus} from '../health/status.js';
import type {CheckEntry, HealthReading, HealthStatus, PlatformSignals, ServiceHealth} from '../readings/types.js';
import {byStat, onsetsOf, rowKeys, seriesOf, targetValues, valueOf, type InstantSeries, type Labels, type RangeSeries} from './vector.js';
import {compareText} from '../text/order.js';

const rowKey = (l: Labels) => (l.service && l.region ? `${l.service}\u0000${l.region}` : '');

/** prometheus-net's health-check gauge: 1 Healthy, 0.5 Degraded, 0 Unhealthy. */
export function checkStatus(v: number): HealthStatus {
  if (!Number.isFinite(v)) return 'Unknown';
  return v >= 1 ? 'Healthy' : v >= 0.5 ? 'Degraded' : 'Unhealthy';
}

/** An onset's target: `SERVICE@REGION` for a service's alert, the region for a region's alert (RegionOutage). */
const onsetTarget = (l: Labels): string => (l.service ? (l.region ? `${l.service}@${l.region}` : '') : (l.region ?? ''));

/** Maps the health pane's two answers to a reading; throws `empty` when Prometheus has no ATP series at all. */
export function healthFromProm(instant: readonly InstantSeries[], range: readonly RangeSeries[]): HealthReading {
  const now = byStat(instant, rowKey);
  const trend = byStat(range, rowKey);
  const keys = rowKeys(now);
  if (keys.length === 0) {
    throw new SourceError(
      'empty',
      'Prometheus returned no ATP health series (http_requests_received_total, kube_deployment_*, aspnetcore_healthcheck_status): ' +
        'check the metric contract and the selector',
    );
  }
  const services = keys.map((key): ServiceHealth => {
    const [service = '', region = ''] = key.split('\u0000');
    const rps = valueOf(now, 'rps', key);
    const errors = valueOf(now, 'errors', key) ?? (rps !== undefined ? 0 : undefined);
    const ready = valueOf(now, 'ready', key);
    const desired = valueOf(now, 'desired', key);
    const checks: CheckEntry[] = (now.get('check')?.get(key) ?? [])
      .filter((s) => s.labels.name)
      .map((s) => ({name: s.labels.name!, status: checkStatus(s.value)}))
      .sort((a, b) => compareText(a.name, b.name));
    const status = checks.reduce<HealthStatus | undefined>((worst, c) => worseStatus(worst, c.status), undefined);
    const failing = checks.filter((c) => c.status !== 'Healthy');
    const build = now.get('build')?.get(key)?.[0]?.labels;
    const revision = Number(build?.revision);
    // With no ready pod nothing serves metrics: error rate and latency are unknown, not zero (as the demo says).
    const serving = ready === undefined || ready > 0;
    const p95 = valueOf(now, 'p95', key);
    const p99 = valueOf(now, 'p99', key);
    return {
      service,
      region,
      status,
      statusReason: failing.length ? `failing checks: ${failing.map((c) => `${c.name} (${c.status})`).join(', ')}` : undefined,
      checks: checks.length ? checks : undefined,
      podsReady: ready,
      podsDesired: desired,
      readySeries: seriesOf(trend, 'ready', key),
      errorRatio: serving && rps !== undefined && rps > 0 && errors !== undefined ? errors / rps : undefined,
      requestRate: rps,
      errorSeries: seriesOf(trend, 'error_ratio', key),
      p95Ms: serving && p95 !== undefined ? p95 * 1000 : undefined,
      p99Ms: serving && p99 !== undefined ? p99 * 1000 : undefined,
      p95Series: seriesOf(trend, 'p95', key).map((s) => ({t: s.t, v: s.v * 1000})),
      version: build?.version || undefined,
      revision: Number.isFinite(revision) && build?.revision ? revision : undefined,
    };
  });
  return {services, platform: platformFromProm(instant), onsets: onsetsOf(instant, onsetTarget)};
}

const at = (name: string | undefined, region: string | undefined) => (region ? `${name ?? ''}@${region}` : (name ?? ''));

/** The catalog's platform signals; a signal Prometheus has no series for stays undefined (its alert is not evaluated). */
function platformFromProm(instant: readonly InstantSeries[]): PlatformSignals | undefined {
  const signals: PlatformSignals = {
    diskFree: targetValues(instant, 'disk_free', (l) => at(`${l.instance ?? ''}:${l.mountpoint ?? ''}`, l.region)),
    certExpiry: targetValues(instant, 'cert_expiry', (l) => at((l.instance ?? '').replace(/^https?:\/\//, ''), l.region))?.map((v) => ({
      ...v,
      value: v.value * 1000,
    })),
    keyRotated: targetValues(instant, 'key_rotated', (l) => at(l.key, l.region))?.map((v) => ({...v, value: v.value * 1000})),
    tamperEvents: targetValues(instant, 'tamper', (l) => at(l.service, l.region))?.map((v) => ({...v, value: Math.ceil(v.value - 1e-9)})),
    complianceEvents: targetValues(instant, 'compliance', (l) => l.region ?? '')?.map((v) => ({...v, value: Math.round(v.value)})),
  };
  return Object.values(signals).some((v) => v !== undefined) ? signals : undefined;
}

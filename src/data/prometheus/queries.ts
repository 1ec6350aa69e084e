// The PromQL each pane runs. Every pane costs one instant query and one range query, whatever the number of
// services, projections, entities or SLOs: sub-queries are batched with `or`, each tagged by label_replace with
// the statistic it computes (label `atp_stat`), and every row comes from grouping by labels, never one query per row.
import type {PaneId} from '../readings/types.js';
import type {PrometheusOptions} from './config.js';
import {STAT_LABEL} from './vector.js';

/** The two queries of one pane. */
export interface PaneQueries {
  readonly instant: string;
  readonly range: string;
}

type Opts = Pick<PrometheusOptions, 'selector' | 'sloSelector' | 'rateWindow'>;

const matchers = (...parts: string[]) => (parts.some(Boolean) ? `{${parts.filter(Boolean).join(',')}}` : '');
const tag = (stat: string, expr: string) => `label_replace(${expr}, "${STAT_LABEL}", "${stat}", "", "")`;
/** Joins tagged sub-queries into one expression. */
export const batch = (parts: Readonly<Record<string, string>>) =>
  Object.entries(parts)
    .map(([stat, expr]) => tag(stat, expr))
    .join('\nor\n');

const kube = (metric: string, s: string) =>
  `max by (service, region) (label_replace(${metric}${matchers('namespace=~"atp-.+-ns"', s)}, "service", "$1", "deployment", "(.+)"))`;
const quantile = (q: number, metric: string, by: string, s: string, w: string) =>
  `histogram_quantile(${q}, sum by (${by}, le) (rate(${metric}_bucket${matchers(s)}[${w}])))`;

/** Volumes of real data: node-exporter also reports pseudo filesystems, which are never full in a way that matters. */
const REAL_FS = 'fstype!~"tmpfs|overlay|squashfs"';

/** The catalog's platform signals (disks, certificates, keys, tamper and compliance counters), in the health batch. */
function platform(s: string): Record<string, string> {
  return {
    disk_free: `min by (instance, mountpoint, region) (node_filesystem_avail_bytes${matchers(REAL_FS, s)} / node_filesystem_size_bytes${matchers(REAL_FS, s)})`,
    cert_expiry: `min by (instance, region) (probe_ssl_earliest_cert_expiry${matchers(s)})`,
    key_rotated: `max by (key, region) (atp_kms_key_last_rotation_timestamp_seconds${matchers(s)})`,
    tamper: `sum by (service, region) (increase(atp_integrity_tamper_alerts_total${matchers(s)}[15m]))`,
    compliance: `sum by (region) (increase(atp_compliance_violations_total${matchers(s)}[15m]))`,
  };
}

/**
 * When the shipped rules' alerts became active: Prometheus keeps `ALERTS_FOR_STATE` (value: the activeAt Unix time) for
 * every pending or firing alert, so an alert's age reaches past the trend window and past the cockpit's own start.
 */
const onsets = (names: readonly string[], by: string) => `max by (alertname, ${by}) (ALERTS_FOR_STATE{alertname=~"${names.join('|')}"})`;

function health(o: Opts): PaneQueries {
  const s = o.selector;
  const w = o.rateWindow;
  const requests = `sum by (service, region) (rate(http_requests_received_total${matchers(s)}[${w}]))`;
  const errors = `sum by (service, region) (rate(http_requests_received_total${matchers('code=~"5.."', s)}[${w}]))`;
  const p95 = quantile(0.95, 'http_request_duration_seconds', 'service, region', s, w);
  const ready = kube('kube_deployment_status_replicas_ready', s);
  return {
    instant: batch({
      rps: requests,
      errors,
      p95,
      p99: quantile(0.99, 'http_request_duration_seconds', 'service, region', s, w),
      ready,
      desired: kube('kube_deployment_spec_replicas', s),
      check: `max by (service, region, name) (aspnetcore_healthcheck_status${matchers(s)})`,
      build: `max by (service, region, version, revision) (atp_build_info${matchers(s)})`,
      ...platform(s),
      // RegionOutage has no service label: its onset is keyed by region alone (map-health.ts).
      onset: onsets(['ServiceDown', 'HighErrorRate', 'HighLatency', 'DatabaseConnectionFailure', 'MessageBusDown', 'RegionOutage'], 'service, region'),
    }),
    range: batch({error_ratio: `${errors} / ${requests}`, p95, ready}),
  };
}

function lag(o: Opts): PaneQueries {
  const s = o.selector;
  const w = o.rateWindow;
  const current = `max by (projection, region) (atp_projection_lag_seconds${matchers(s)})`;
  const p95 = quantile(0.95, 'atp_projection_event_lag_seconds', 'projection, region', s, w);
  return {
    instant: batch({
      lag: current,
      p95,
      p99: quantile(0.99, 'atp_projection_event_lag_seconds', 'projection, region', s, w),
      eps: `sum by (projection, region) (rate(atp_projection_events_total${matchers(s)}[${w}]))`,
      onset: onsets(['ProjectionLagHigh'], 'projection, region'),
    }),
    range: batch({p95, lag: current}),
  };
}

function dlq(o: Opts): PaneQueries {
  const s = o.selector;
  const dead = `sum by (entity) (atp_servicebus_deadletter_messages${matchers(s)})`;
  return {
    instant: batch({
      active: `max by (entity, kind, topic, consumer) (atp_servicebus_active_messages${matchers(s)})`,
      dead: `sum by (entity, reason) (atp_servicebus_deadletter_messages${matchers(s)})`,
      oldest: `max by (entity) (atp_servicebus_deadletter_oldest_age_seconds${matchers(s)})`,
      onset: onsets(['DLQBacklog'], 'entity'),
    }),
    range: batch({dead}),
  };
}

function outbox(o: Opts): PaneQueries {
  const s = o.selector;
  const pending = `max by (service, region) (atp_outbox_pending_messages${matchers(s)})`;
  return {
    instant: batch({
      pending,
      oldest: `max by (service, region) (atp_outbox_oldest_pending_age_seconds${matchers(s)})`,
      relay: `sum by (service, region) (rate(atp_outbox_relayed_messages_total${matchers(s)}[${o.rateWindow}]))`,
    }),
    range: batch({pending}),
  };
}

/** Sloth's standard series, so any Sloth user's SLOs appear with no extra work. */
const SLOTH_NAMES = 'slo:sli_error:ratio_rate(5m|30m|1h|2h|6h|1d|3d|30d)|slo:objective:ratio|slo:period_error_budget_remaining:ratio|slo:time_period:days';

function burn(o: Opts): PaneQueries {
  return {
    instant: matchers(`__name__=~"${SLOTH_NAMES}"`, o.sloSelector),
    range: `slo:sli_error:ratio_rate5m${matchers(o.sloSelector)}`,
  };
}

/** The queries of every pane for these options. */
export function paneQueries(o: Opts): Readonly<Record<PaneId, PaneQueries>> {
  return {health: health(o), lag: lag(o), dlq: dlq(o), outbox: outbox(o), burn: burn(o)};
}

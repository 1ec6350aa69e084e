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
export const batch = (parts: Readonly<Record<string, string>>) => Object.entries(parts).map(([stat, expr]) => tag(stat, expr)).join('\nor\n');

const kube = (metric: string, s: string) => `max by (service, region) (label_replace(${metric}${matchers('namespace=~"atp-.+-ns"', s)}, "service", "$1", "deployment", "(.+)"))`;
const quantile = (q: number, metric: string, by: string, s: string, w: string) => `histogram_quantile(${q}, sum by (${by}, le) (rate(${metric}_bucket${matchers(s)}[${w}])))`;

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

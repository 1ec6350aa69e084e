// Lag, DLQ and outbox panes from Prometheus (gauges, histogram quantiles and rates, grouped by label).
import {SourceError} from '../errors.js';
import type {DlqEntity, DlqReading, LagReading, OutboxReading, Series} from '../readings/types.js';
import {byStat, onsetsOf, rowKeys, seriesOf, valueOf, type InstantSeries, type Labels, type RangeSeries} from './vector.js';

const pair = (a: string) => (l: Labels) => (l[a] && l.region ? `${l[a]}\u0000${l.region}` : '');
const keysOf = rowKeys;
const empty = (what: string, metrics: string) =>
  new SourceError('empty', `Prometheus returned no ${what} series (${metrics}): check the metric contract and the selector`);

/** Growth per minute over the last five minutes of a series (as the demo computes it). */
export function growthPerMinute(series: Series): number {
  const latest = series[series.length - 1];
  if (!latest) return 0;
  let past = series[0];
  for (const s of series) if (s.t <= latest.t - 5 * 60_000) past = s;
  if (!past || past.t === latest.t) return 0;
  return ((latest.v - past.v) * 60_000) / (latest.t - past.t);
}

/** Lag pane: current lag, P95/P99 from the event-lag histogram, events/s, P95 trend. */
export function lagFromProm(instant: readonly InstantSeries[], range: readonly RangeSeries[]): LagReading {
  const now = byStat(instant, pair('projection'));
  const trend = byStat(range, pair('projection'));
  const keys = keysOf(now);
  if (keys.length === 0) throw empty('projection', 'atp_projection_lag_seconds, atp_projection_event_lag_seconds_bucket');
  return {
    projections: keys.map((key) => {
      const [projection = '', region = ''] = key.split('\u0000');
      const p95 = valueOf(now, 'p95', key);
      const p95Series = seriesOf(trend, 'p95', key);
      return {
        projection,
        region,
        lagSeconds: valueOf(now, 'lag', key) ?? p95 ?? 0,
        p95Seconds: p95,
        p99Seconds: valueOf(now, 'p99', key),
        eventsPerSecond: valueOf(now, 'eps', key),
        series: p95Series.length ? p95Series : seriesOf(trend, 'lag', key),
      };
    }),
    onsets: onsetsOf(instant, (l) => (l.projection && l.region ? `${l.projection}@${l.region}` : '')),
  };
}

/** DLQ pane: one row per entity, dead letters by reason, oldest age, growth from the trend. */
export function dlqFromProm(instant: readonly InstantSeries[], range: readonly RangeSeries[]): DlqReading {
  const byEntity = (l: Labels) => l.entity ?? '';
  const now = byStat(instant, byEntity);
  const trend = byStat(range, byEntity);
  const keys = keysOf(now);
  if (keys.length === 0) throw empty('Service Bus', 'atp_servicebus_active_messages, atp_servicebus_deadletter_messages');
  return {
    entities: keys.map((entity): DlqEntity => {
      const info = now.get('active')?.get(entity)?.[0]?.labels;
      const reasons: Record<string, number> = {};
      for (const s of now.get('dead')?.get(entity) ?? []) if (Number.isFinite(s.value) && s.labels.reason) reasons[s.labels.reason] = Math.round(s.value);
      const sub = entity.indexOf('/Subscriptions/');
      const kind = info?.kind === 'queue' || info?.kind === 'subscription' ? info.kind : sub >= 0 ? 'subscription' : 'queue';
      const series = seriesOf(trend, 'dead', entity);
      return {
        entity,
        kind,
        topic: info?.topic || (sub >= 0 ? entity.slice(0, sub) : undefined),
        consumer: info?.consumer || undefined,
        deadLetter: Object.values(reasons).reduce((a, b) => a + b, 0),
        active: Math.round(valueOf(now, 'active', entity) ?? 0),
        growthPerMin: growthPerMinute(series),
        oldestAgeSeconds: valueOf(now, 'oldest', entity),
        reasons,
        series,
      };
    }),
    onsets: onsetsOf(instant, (l) => l.entity ?? ''),
  };
}

/** Outbox pane: pending, oldest age, relay rate and pending trend. */
export function outboxFromProm(instant: readonly InstantSeries[], range: readonly RangeSeries[]): OutboxReading {
  const now = byStat(instant, pair('service'));
  const trend = byStat(range, pair('service'));
  const keys = keysOf(now);
  if (keys.length === 0) throw empty('outbox', 'atp_outbox_pending_messages, atp_outbox_oldest_pending_age_seconds');
  return {
    outboxes: keys.map((key) => {
      const [service = '', region = ''] = key.split('\u0000');
      return {
        service,
        region,
        pending: Math.round(valueOf(now, 'pending', key) ?? 0),
        oldestAgeSeconds: valueOf(now, 'oldest', key) ?? 0,
        relayPerSecond: valueOf(now, 'relay', key),
        series: seriesOf(trend, 'pending', key),
      };
    }),
  };
}

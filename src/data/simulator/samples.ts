// The simulator's metric families (docs/prometheus.md, "Metric contract"), sampled from the world and the counters.
import {tamperFailures} from '../demo/platform.js';
import {healthReading} from '../demo/readings.js';
import type {DemoWorld} from '../demo/world.js';
import {DEMO_PROJECTIONS, DEMO_SERVICES} from '../demo/topology.js';
import type {HealthStatus} from '../readings/types.js';
import type {SimCounters} from './counters.js';
import {DURATION_BUCKETS, LAG_BUCKETS, type HistogramState} from './latency.js';
import {runbookNamespace} from '../readings/names.js';
import {REGIONS} from './synthetic.js';

/** Label name → value of one series. */
export type Labels = Readonly<Record<string, string>>;

/** One sample line: full sample name (with `_total`, `_bucket`, ...), labels and value. */
export interface Sample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

/** A metric family as exposition formats group it. */
export interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly help: string;
  readonly samples: readonly Sample[];
}

const CHECK_VALUE: Readonly<Record<HealthStatus, number>> = {Healthy: 1, Degraded: 0.5, Unhealthy: 0, Unknown: 0};
/** Size of each simulated node data volume (128 GiB). */
const DISK_BYTES = 128 * 1024 ** 3;

function histogram(name: string, bounds: readonly number[], h: HistogramState, labels: Labels): Sample[] {
  const out: Sample[] = bounds.map((le, i) => ({name: `${name}_bucket`, labels: {...labels, le: String(le)}, value: h.buckets[i] ?? 0}));
  out.push({name: `${name}_bucket`, labels: {...labels, le: '+Inf'}, value: h.count});
  out.push({name: `${name}_sum`, labels, value: h.sum}, {name: `${name}_count`, labels, value: h.count});
  return out;
}

/** Counter and histogram families (the ones Prometheus takes rates of). */
export function counterFamilies(c: SimCounters): Family[] {
  const requests: Sample[] = [];
  const duration: Sample[] = [];
  const lag: Sample[] = [];
  const events: Sample[] = [];
  for (const service of DEMO_SERVICES)
    for (const region of REGIONS) {
      const r = c.request(service, region);
      requests.push({name: 'http_requests_received_total', labels: {service, region, code: '200'}, value: r.ok});
      requests.push({name: 'http_requests_received_total', labels: {service, region, code: '500'}, value: r.err});
      duration.push(...histogram('http_request_duration_seconds', DURATION_BUCKETS, c.durationOf(service, region), {service, region}));
    }
  for (const projection of DEMO_PROJECTIONS)
    for (const region of REGIONS) {
      lag.push(...histogram('atp_projection_event_lag_seconds', LAG_BUCKETS, c.lagOf(projection, region), {projection, region}));
      events.push({name: 'atp_projection_events_total', labels: {projection, region}, value: c.events.get(`${projection}|${region}`) ?? 0});
    }
  const relayed = [...c.relayed].map(([k, value]) => {
    const [service = '', region = ''] = k.split('|');
    return {name: 'atp_outbox_relayed_messages_total', labels: {service, region}, value};
  });
  return [
    {
      name: 'http_requests_received_total',
      type: 'counter',
      help: 'Requests answered, by service, region and HTTP status code (prometheus-net).',
      samples: requests,
    },
    {name: 'http_request_duration_seconds', type: 'histogram', help: 'Request duration in seconds, by service and region (prometheus-net).', samples: duration},
    {name: 'atp_projection_event_lag_seconds', type: 'histogram', help: 'Event timestamp to projection updated, in seconds.', samples: lag},
    {name: 'atp_projection_events_total', type: 'counter', help: 'Events applied by each projection.', samples: events},
    {name: 'atp_outbox_relayed_messages_total', type: 'counter', help: 'Outbox messages relayed to Service Bus.', samples: relayed},
  ];
}

/** Gauge families read from the world's current state. */
export function gaugeFamilies(world: DemoWorld): Family[] {
  const t = world.now;
  const rows = healthReading(world).services;
  const checks: Sample[] = [];
  const ready: Sample[] = [];
  const spec: Sample[] = [];
  const build: Sample[] = [];
  for (const row of rows) {
    const {service, region} = row;
    // A service with no ready pod serves no metrics of its own (its scrape target is down).
    for (const c of row.checks ?? [])
      checks.push({name: 'aspnetcore_healthcheck_status', labels: {service, region, name: c.name}, value: CHECK_VALUE[c.status]});
    const kube = {namespace: runbookNamespace(service), deployment: service, region};
    ready.push({name: 'kube_deployment_status_replicas_ready', labels: kube, value: row.podsReady ?? 0});
    spec.push({name: 'kube_deployment_spec_replicas', labels: kube, value: row.podsDesired ?? 0});
    build.push({name: 'atp_build_info', labels: {service, region, version: row.version ?? '', revision: String(row.revision ?? '')}, value: 1});
  }
  const dlqActive: Sample[] = [];
  const dlqDead: Sample[] = [];
  const dlqOldest: Sample[] = [];
  for (const d of world.dlq) {
    const {entity, kind, topic = '', consumer} = d.def;
    dlqActive.push({name: 'atp_servicebus_active_messages', labels: {entity, kind, topic, consumer}, value: d.active});
    for (const [reason, n] of Object.entries(d.reasons())) dlqDead.push({name: 'atp_servicebus_deadletter_messages', labels: {entity, reason}, value: n});
    const oldest = d.messages.reduce((min, m) => Math.min(min, m.enqueuedAt), Number.POSITIVE_INFINITY);
    dlqOldest.push({name: 'atp_servicebus_deadletter_oldest_age_seconds', labels: {entity}, value: Number.isFinite(oldest) ? (t - oldest) / 1000 : 0});
  }
  const g = (name: string, help: string, samples: Sample[]): Family => ({name, type: 'gauge', help, samples});
  return [
    g('aspnetcore_healthcheck_status', 'ASP.NET Core health check status (0 == Unhealthy, 0.5 == Degraded, 1 == Healthy).', checks),
    g('kube_deployment_status_replicas_ready', 'Ready replicas per deployment (kube-state-metrics).', ready),
    g('kube_deployment_spec_replicas', 'Desired replicas per deployment (kube-state-metrics).', spec),
    g('atp_build_info', 'Deployed version and revision of each service.', build),
    g(
      'atp_projection_lag_seconds',
      'Current projection lag (now minus the newest projected event time).',
      world.projections.map((p) => ({name: 'atp_projection_lag_seconds', labels: {projection: p.projection, region: p.region}, value: p.lag})),
    ),
    g('atp_servicebus_active_messages', 'Active messages per Service Bus entity.', dlqActive),
    g('atp_servicebus_deadletter_messages', 'Dead-lettered messages per Service Bus entity and DeadLetterReason.', dlqDead),
    g('atp_servicebus_deadletter_oldest_age_seconds', 'Age of the oldest dead-lettered message per entity.', dlqOldest),
    g(
      'atp_outbox_pending_messages',
      'Outbox messages not yet relayed.',
      world.outboxes.map((o) => ({name: 'atp_outbox_pending_messages', labels: {service: o.service, region: o.region}, value: Math.round(o.pending)})),
    ),
    g(
      'atp_outbox_oldest_pending_age_seconds',
      'Age of the oldest outbox message not yet relayed.',
      world.outboxes.map((o) => ({name: 'atp_outbox_oldest_pending_age_seconds', labels: {service: o.service, region: o.region}, value: o.oldestAge})),
    ),
    ...platformGauges(world),
  ];
}

/** Node disks, certificates and signing keys, as node-exporter, blackbox-exporter and ATP's KMS metrics report them. */
function platformGauges(world: DemoWorld): Family[] {
  const p = healthReading(world).platform ?? {};
  const at = (target: string) => {
    const [name = '', region = ''] = target.split('@');
    return {name, region};
  };
  const disk = (p.diskFree ?? []).map((d) => {
    const {name, region} = at(d.target);
    const [instance = '', mountpoint = ''] = name.split(':');
    return {labels: {instance, mountpoint, fstype: 'ext4', region}, free: d.value};
  });
  const g = (name: string, help: string, samples: Sample[]): Family => ({name, type: 'gauge', help, samples});
  return [
    g(
      'node_filesystem_size_bytes',
      'Filesystem size in bytes (node-exporter).',
      disk.map((d) => ({name: 'node_filesystem_size_bytes', labels: d.labels, value: DISK_BYTES})),
    ),
    g(
      'node_filesystem_avail_bytes',
      'Filesystem space available to non-root users in bytes (node-exporter).',
      disk.map((d) => ({name: 'node_filesystem_avail_bytes', labels: d.labels, value: Math.round(DISK_BYTES * d.free)})),
    ),
    g(
      'probe_ssl_earliest_cert_expiry',
      'Earliest SSL cert expiry in Unix seconds (blackbox-exporter).',
      (p.certExpiry ?? []).map((c) => ({
        name: 'probe_ssl_earliest_cert_expiry',
        labels: {instance: `https://${at(c.target).name}`, region: at(c.target).region},
        value: Math.floor(c.value / 1000),
      })),
    ),
    g(
      'atp_kms_key_last_rotation_timestamp_seconds',
      'When each signing key was last rotated (Unix seconds).',
      (p.keyRotated ?? []).map((k) => ({
        name: 'atp_kms_key_last_rotation_timestamp_seconds',
        labels: {key: at(k.target).name, region: at(k.target).region},
        value: Math.floor(k.value / 1000),
      })),
    ),
  ];
}

/** Every family, for a live scrape. */
export function allFamilies(world: DemoWorld, counters: SimCounters): Family[] {
  const p = healthReading(world).platform ?? {};
  const catalog: Family[] = [
    {
      name: 'atp_integrity_tamper_alerts_total',
      type: 'counter',
      help: 'Hash-chain or signature verification failures (runbook 17.1).',
      // A counter: every failure since the simulator started (the reading's value is only the last 15 minutes').
      samples: (p.tamperEvents ?? []).map((v) => {
        const [service = '', region = ''] = v.target.split('@');
        const total = tamperFailures(world.tamper, region, -Infinity, world.now);
        return {name: 'atp_integrity_tamper_alerts_total', labels: {service, region}, value: total};
      }),
    },
    {
      name: 'atp_compliance_violations_total',
      type: 'counter',
      help: 'Retention or residency violations detected (runbook 19.1).',
      samples: (p.complianceEvents ?? []).map((v) => ({name: 'atp_compliance_violations_total', labels: {region: v.target}, value: v.value})),
    },
  ];
  return [...counterFamilies(counters), ...gaugeFamilies(world), ...catalog];
}

/** A stable key for one series (sample name plus sorted labels). */
export function seriesKey(name: string, labels: Labels): string {
  return `${name}{${Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(',')}}`;
}

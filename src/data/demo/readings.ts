// Turns the demo world into the same typed readings every other source produces.
import type {BurnReading, CheckEntry, DlqReading, HealthReading, HealthStatus, LagReading, OutboxReading, ServiceHealth} from '../readings/types.js';
import {BURN_WINDOWS} from '../readings/types.js';
import {runbookNamespace} from '../readings/names.js';
import {demoPlatform} from './platform.js';
import type {ServiceSim} from './service-sim.js';
import {DEMO_CHECKS} from './topology.js';
import type {DemoWorld} from './world.js';

function checksFor(world: DemoWorld, s: ServiceSim): CheckEntry[] {
  const lag = world.projections.filter((p) => p.region === s.region).reduce((max, p) => Math.max(max, p.lag), 0);
  const dlqDepth = world.dlq.filter((d) => d.def.consumer === 'projection-worker').reduce((sum, d) => sum + d.depth, 0);
  return (DEMO_CHECKS[s.service] ?? []).map(([name, description], i) => {
    let status: HealthStatus = 'Healthy';
    let text = description;
    if (s.service === 'projection' && name === 'lag' && lag > 5) {
      status = 'Unhealthy';
      text = `Projection lag ${Math.round(lag)}s exceeds threshold (<5s)`;
    } else if (s.service === 'projection' && name === 'dlq' && dlqDepth > 100) {
      status = 'Degraded';
      text = `DLQ backlog ${dlqDepth} messages exceeds threshold (100)`;
    } else if (s.service === 'query' && name === 'watermark' && lag > 10) {
      status = 'Degraded';
      text = `Latest projection watermark ${Math.round(lag)}s behind (SLO <10s)`;
    }
    return {name, status, description: text, durationMs: 3 + ((i * 7 + s.service.length * 3) % 20)};
  });
}

function overall(checks: readonly CheckEntry[]): HealthStatus {
  if (checks.some((c) => c.status === 'Unhealthy')) return 'Unhealthy';
  if (checks.some((c) => c.status === 'Degraded')) return 'Degraded';
  return 'Healthy';
}

/** Health pane reading: probes, pods, errors and latency per service and region. */
export function healthReading(world: DemoWorld): HealthReading {
  const t = world.now;
  const services = world.services.map((s): ServiceHealth => {
    const ready = s.readyCount(t);
    const base = {
      service: s.service,
      region: s.region,
      podsReady: ready,
      podsDesired: s.desired,
      readySeries: s.readySeries.toSeries(),
      restarts: s.restarts(),
      problems: s.podInfos(t).flatMap((p) => (p.problem ? [p.problem] : [])),
      version: s.active.version,
      revision: s.active.revision,
      namespace: runbookNamespace(s.service),
      deployment: s.service,
    };
    if (ready === 0) {
      // No ready pod serves metrics: error rate and latency are unknown, not zero.
      return {...base, status: 'Unhealthy', liveStatus: 'Unhealthy', statusReason: '/health/ready unreachable: connection refused'};
    }
    const checks = checksFor(world, s);
    return {
      ...base,
      status: overall(checks),
      liveStatus: 'Healthy',
      checks,
      checkDurationMs: checks.reduce((sum, c) => sum + (c.durationMs ?? 0), 0),
      errorRatio: s.errorRatio,
      requestRate: s.rps,
      errorSeries: s.errorSeries.toSeries(),
      p95Ms: s.p95,
      p99Ms: s.p99,
      p95Series: s.p95Series.toSeries(),
    };
  });
  // The verifier's own record of when it began failing: the alert's age reaches back past the cockpit's start.
  const tamper = world.tamper;
  const onsets = tamper ? {[`TamperDetected:integrity@${tamper.region}`]: tamper.since} : undefined;
  return {services, platform: demoPlatform(world.seed, world.start, t, tamper), ...(onsets ? {onsets} : {})};
}

export function lagReading(world: DemoWorld): LagReading {
  return {
    projections: world.projections.map((p) => ({
      projection: p.projection,
      region: p.region,
      lagSeconds: p.lag,
      p95Seconds: p.p95,
      p99Seconds: p.p99,
      eventsPerSecond: p.eps,
      series: p.series.toSeries(),
    })),
  };
}

export function dlqReading(world: DemoWorld): DlqReading {
  const t = world.now;
  return {
    entities: world.dlq.map((d) => {
      const oldest = d.messages.reduce((min, m) => Math.min(min, m.enqueuedAt), Number.POSITIVE_INFINITY);
      return {
        entity: d.def.entity,
        kind: d.def.kind,
        topic: d.def.topic,
        consumer: d.def.consumer,
        deadLetter: d.depth,
        active: d.active,
        transferDeadLetter: 0,
        growthPerMin: d.growthPerMinute(t),
        oldestAgeSeconds: Number.isFinite(oldest) ? (t - oldest) / 1000 : undefined,
        reasons: d.reasons(),
        series: d.series.toSeries(),
      };
    }),
  };
}

export function outboxReading(world: DemoWorld): OutboxReading {
  return {
    outboxes: world.outboxes.map((o) => ({
      service: o.service,
      region: o.region,
      pending: Math.round(o.pending),
      oldestAgeSeconds: o.oldestAge,
      relayPerSecond: o.relay,
      series: o.series.toSeries(),
    })),
  };
}

export function burnReading(world: DemoWorld): BurnReading {
  return {
    slos: world.slos.map((s) => ({
      slo: s.def.id,
      service: s.def.service,
      description: s.def.description,
      objective: s.def.objective,
      periodDays: 30,
      errorRatio: Object.fromEntries(BURN_WINDOWS.map((w) => [w, s.window(w)])),
      burnSeries: s.burnSeries.toSeries(),
    })),
  };
}

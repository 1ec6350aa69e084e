// Catalog alerts read from the health pane's service rows: ServiceDown, HighErrorRate, HighLatency,
// DatabaseConnectionFailure and MessageBusDown (runbook Topic 6, sections 6.1-6.3, 8.1, 9.1).
import {dependencyOf, type Dependency} from '../health/checks.js';
import {latencyLimitMs} from '../health/status.js';
import type {ServiceHealth} from '../readings/types.js';
import {millis, percent} from '../text/units.js';
import {collect, heldSince, MIN, type AlertRule, type Candidate, type Readings} from './rule.js';

const target = (row: ServiceHealth): string => `${row.service}@${row.region}`;
const anyRow = (r: Readings, has: (row: ServiceHealth) => boolean) => (r.health?.services ?? []).some(has);

/**
 * A dependency alert: the runbook's condition is "all connections fail" / "unreachable", so a check that watches the
 * dependency must report Unhealthy (Degraded is slowness, not failure). Which check watches what comes from what the
 * check reports (its name, description or exception), not from its name alone.
 */
function dependencyRule(name: string, runbook: string, threshold: string, dependency: Dependency): AlertRule {
  return {
    name,
    severity: 1,
    threshold,
    runbook,
    catalog: true,
    forMs: 0,
    pane: 'health',
    evaluates: (r) => anyRow(r, (row) => (row.checks ?? []).some((c) => dependencyOf(c) === dependency)),
    evaluate: ({health}) =>
      collect(health?.services, (row) => {
        const failed = (row.checks ?? []).filter((c) => c.status === 'Unhealthy' && dependencyOf(c) === dependency);
        if (failed.length === 0) return undefined;
        const summary = failed.map((c) => `${c.name}: ${c.description ?? 'Unhealthy'}`).join(' · ');
        return {key: `${name}:${target(row)}`, target: target(row), summary};
      }),
  };
}

/** ServiceDown's condition for one service row: no ready pod of more than zero wanted, or failing probes without pod counts. */
export function serviceDown(row: ServiceHealth): Candidate | undefined {
  const podsDown = row.podsDesired !== undefined && row.podsDesired > 0 && row.podsReady === 0;
  const probesDown = row.podsReady === undefined && row.status === 'Unhealthy' && row.liveStatus === 'Unhealthy';
  if (!podsDown && !probesDown) return undefined;
  const summary = podsDown ? `0/${row.podsDesired} pods ready` : 'readiness and liveness failing';
  const fromSeries = podsDown ? heldSince(row.readySeries, (v) => v === 0) : undefined;
  // Kubernetes' own timestamps reach past the ready-pod history and past the cockpit's start.
  const since = row.downSince !== undefined ? Math.min(row.downSince, fromSeries ?? row.downSince) : fromSeries;
  return {key: `ServiceDown:${target(row)}`, target: target(row), summary, heldSince: since};
}

/** ServiceDown can be evaluated: some row carries pod counts or a liveness status. */
export const readsServiceDown = (r: Readings): boolean => anyRow(r, (row) => row.podsDesired !== undefined || row.liveStatus !== undefined);

export const SERVICE_RULES: readonly AlertRule[] = [
  {
    name: 'ServiceDown',
    severity: 1,
    threshold: '0 healthy pods',
    runbook: '6.1 (Service Restart)',
    catalog: true,
    forMs: 0,
    pane: 'health',
    evaluates: readsServiceDown,
    evaluate: ({health}) => collect(health?.services, serviceDown),
  },
  {
    name: 'HighErrorRate',
    severity: 2,
    threshold: '>5% errors, 5min',
    runbook: '6.2 (Error Investigation)',
    catalog: true,
    forMs: 5 * MIN,
    pane: 'health',
    evaluates: (r) => anyRow(r, (row) => row.errorRatio !== undefined),
    evaluate: ({health}, t) =>
      collect(health?.services, (row) => {
        if (row.errorRatio === undefined || !(row.errorRatio > t.errorRatio)) return undefined;
        return {
          key: `HighErrorRate:${target(row)}`,
          target: target(row),
          summary: `errors ${percent(row.errorRatio)} > ${percent(t.errorRatio)}`,
          heldSince: heldSince(row.errorSeries, (v) => v > t.errorRatio),
        };
      }),
  },
  {
    name: 'HighLatency',
    severity: 2,
    threshold: 'P95 >1s, 10min (query >500ms; export is batch: none)',
    runbook: '6.3 (Performance Tuning)',
    catalog: true,
    forMs: 10 * MIN,
    pane: 'health',
    evaluates: (r) => anyRow(r, (row) => row.p95Ms !== undefined),
    evaluate: ({health}, t) =>
      collect(health?.services, (row) => {
        const limit = latencyLimitMs(row.service, t);
        if (limit === undefined || row.p95Ms === undefined || !(row.p95Ms > limit)) return undefined;
        return {
          key: `HighLatency:${target(row)}`,
          target: target(row),
          summary: `P95 ${millis(row.p95Ms)} > ${millis(limit)}`,
          heldSince: heldSince(row.p95Series, (v) => v > limit),
        };
      }),
  },
  dependencyRule('DatabaseConnectionFailure', '8.1 (Database Recovery)', 'All connections fail', 'database'),
  dependencyRule('MessageBusDown', '9.1 (Message Bus Recovery)', 'Service Bus unreachable', 'message-bus'),
];

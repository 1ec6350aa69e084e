// Health status: one ranking, and the status a person should see for a service row (runbook Topic 3, 6.2, 6.3).
import type {AlertThresholds} from '../alerts/catalog.js';
import type {HealthStatus, ServiceHealth} from '../readings/types.js';
import {millis, percent} from '../text/units.js';

/**
 * Worse is higher. A known fault outranks missing knowledge: Degraded is worse than Unknown, so a merge of
 * "Degraded" from one source and "no data" from another keeps the fault, and rows sort faults before gaps.
 * Unknown still outranks Healthy: silence is never read as health.
 */
export const STATUS_RANK: Readonly<Record<HealthStatus, number>> = {Healthy: 0, Unknown: 1, Degraded: 2, Unhealthy: 3};

/** The worse of two statuses. */
export function worseStatus(a: HealthStatus | undefined, b: HealthStatus | undefined): HealthStatus | undefined {
  if (!a) return b;
  if (!b) return a;
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/**
 * The P95 limit of a service's HighLatency alert, or undefined when the runbook sets none for its workload.
 * The runbook sets P95 > 1 s (ingestion, and the catalog's default) and P95 > 500 ms (query, Topic 10) for interactive
 * APIs. Export is a batch workload: a 900 ms P95 there is normal, and the runbook gives it no latency alert.
 */
export function latencyLimitMs(service: string, t: AlertThresholds): number | undefined {
  const own = t.p95MsByService[service];
  if (own === null) return undefined;
  return own ?? t.p95Ms;
}

/** The status a person should see, and why: probes, pods, errors and latency folded together. */
export function rowStatus(s: ServiceHealth, t: AlertThresholds): {status: HealthStatus; reason?: string} {
  let status = s.status;
  let reason = s.statusReason;
  const limit = latencyLimitMs(s.service, t);
  const findings: [HealthStatus, string][] = [];
  if (s.podsDesired !== undefined && s.podsReady !== undefined && s.podsDesired > 0) {
    if (s.podsReady === 0) findings.push(['Unhealthy', '0 pods ready']);
    else if (s.podsReady < s.podsDesired) findings.push(['Degraded', `${s.podsReady}/${s.podsDesired} pods ready`]);
  }
  if (s.errorRatio !== undefined && s.errorRatio > t.errorRatio) findings.push(['Degraded', `errors ${percent(s.errorRatio)}`]);
  if (limit !== undefined && s.p95Ms !== undefined && s.p95Ms > limit) findings.push(['Degraded', `P95 ${millis(s.p95Ms)} > ${millis(limit)}`]);
  // Each finding may make the status worse; the reason follows the worst finding.
  for (const [next, why] of findings) {
    const worse = worseStatus(status, next);
    if (worse !== status) {
      status = worse;
      reason = why;
    } else if (!reason && worse === next) reason = why;
  }
  return {status: status ?? 'Unknown', reason: reason ?? (status ? undefined : 'no data')};
}

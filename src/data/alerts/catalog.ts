// The runbook's ATP Alert Catalog (Topic 6) and SLO alerts (Topic 10), as rules over readings.
import type {CheckEntry, PaneId, ReadingByPane, Series, ServiceHealth} from '../readings/types.js';
import {burnFigures} from '../slo/burn.js';
import type {Severity} from './escalation.js';

/** A condition a rule found true for one target, with how long the data shows it held. */
export interface Candidate {
  readonly key: string;
  readonly target: string;
  readonly summary: string;
  /** Earliest time the condition is known to have held continuously, from the reading's series. */
  readonly heldSince?: number;
  /** Severity override (burn alerts page or ticket). */
  readonly severity?: Severity;
}

export interface AlertRule {
  readonly name: string;
  readonly severity: Severity;
  readonly threshold: string;
  /** Runbook section, e.g. `6.1 (Service Restart)`. */
  readonly runbook: string;
  readonly forMs: number;
  readonly pane: PaneId;
  readonly evaluate: (readings: Partial<ReadingByPane>, thresholds: AlertThresholds) => readonly Candidate[];
}

/** Thresholds a context may tune; defaults are the runbook's. */
export interface AlertThresholds {
  readonly errorRatio: number;
  readonly p95Ms: number;
  /** Per-service P95 overrides (runbook Topic 10: query P95 > 500 ms). */
  readonly p95MsByService: Readonly<Record<string, number>>;
  readonly lagSeconds: number;
  readonly dlqMessages: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  errorRatio: 0.05,
  p95Ms: 1000,
  p95MsByService: {query: 500},
  lagSeconds: 30,
  dlqMessages: 100,
};

const MIN = 60_000;

/** Start of the trailing run of samples for which `holds` is true (undefined if the last sample fails). */
export function heldSince(series: Series | undefined, holds: (v: number) => boolean): number | undefined {
  if (!series || series.length === 0) return undefined;
  let since: number | undefined;
  for (let i = series.length - 1; i >= 0; i--) {
    const sample = series[i]!;
    if (!holds(sample.v)) break;
    since = sample.t;
  }
  return since;
}

const target = (row: ServiceHealth): string => `${row.service}@${row.region}`;

/** The candidates `find` returns for `rows` (a loop: with thousands of rows, no array per row). */
function collect<T>(rows: readonly T[] | undefined, find: (row: T) => Candidate | undefined): Candidate[] {
  const out: Candidate[] = [];
  for (const row of rows ?? []) {
    const c = find(row);
    if (c) out.push(c);
  }
  return out;
}

function failingCheck(row: ServiceHealth, pattern: RegExp): CheckEntry | undefined {
  return row.checks?.find((c) => c.status === 'Unhealthy' && pattern.test(c.name));
}

function checkRule(name: string, runbook: string, threshold: string, pattern: RegExp, services?: RegExp): AlertRule {
  return {
    name,
    severity: 1,
    threshold,
    runbook,
    forMs: 0,
    pane: 'health',
    evaluate: ({health}) =>
      collect(health?.services, (row) => {
        if (services && !services.test(row.service)) return undefined;
        const check = failingCheck(row, pattern);
        return check ? {key: `${name}:${target(row)}`, target: target(row), summary: `${check.name}: ${check.description ?? 'Unhealthy'}`} : undefined;
      }),
  };
}

/** Every rule the cockpit evaluates. Catalog alerts the readings cannot show are listed in the README. */
export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'ServiceDown',
    severity: 1,
    threshold: '0 healthy pods',
    runbook: '6.1 (Service Restart)',
    forMs: 0,
    pane: 'health',
    evaluate: ({health}) =>
      collect(health?.services, (row) => {
        const podsDown = row.podsDesired !== undefined && row.podsDesired > 0 && row.podsReady === 0;
        const probesDown = row.podsReady === undefined && row.status === 'Unhealthy' && row.liveStatus === 'Unhealthy';
        if (!podsDown && !probesDown) return undefined;
        const summary = podsDown ? `0/${row.podsDesired} pods ready` : 'readiness and liveness failing';
        const since = podsDown ? heldSince(row.readySeries, (v) => v === 0) : undefined;
        return {key: `ServiceDown:${target(row)}`, target: target(row), summary, heldSince: since};
      }),
  },
  {
    name: 'HighErrorRate',
    severity: 2,
    threshold: '>5% errors, 5min',
    runbook: '6.2 (Error Investigation)',
    forMs: 5 * MIN,
    pane: 'health',
    evaluate: ({health}, t) =>
      collect(health?.services, (row) => {
        if (row.errorRatio === undefined || !(row.errorRatio > t.errorRatio)) return undefined;
        return {
          key: `HighErrorRate:${target(row)}`,
          target: target(row),
          summary: `${(row.errorRatio * 100).toFixed(1)}% errors`,
          heldSince: heldSince(row.errorSeries, (v) => v > t.errorRatio),
        };
      }),
  },
  {
    name: 'HighLatency',
    severity: 2,
    threshold: 'P95 >1s (query >500ms), 10min',
    runbook: '6.3 (Performance Tuning)',
    forMs: 10 * MIN,
    pane: 'health',
    evaluate: ({health}, t) =>
      collect(health?.services, (row) => {
        const limit = t.p95MsByService[row.service] ?? t.p95Ms;
        if (row.p95Ms === undefined || !(row.p95Ms > limit)) return undefined;
        return {
          key: `HighLatency:${target(row)}`,
          target: target(row),
          summary: `P95 ${Math.round(row.p95Ms)}ms > ${limit}ms`,
          heldSince: heldSince(row.p95Series, (v) => v > limit),
        };
      }),
  },
  checkRule('DatabaseConnectionFailure', '8.1 (Database Recovery)', 'All connections fail', /database|sql|\bdb\b/i),
  checkRule('MessageBusDown', '9.1 (Message Bus Recovery)', 'Service Bus unreachable', /service.?bus|message.?bus/i),
  checkRule('TamperDetected', '17.1 (Tamper Investigation)', 'Any tamper alert', /tamper|hash.?chain/i),
  {
    name: 'ProjectionLagHigh',
    severity: 2,
    threshold: 'Lag >30s, 10min',
    runbook: '10.1 (Projection Catchup)',
    forMs: 10 * MIN,
    pane: 'lag',
    evaluate: ({lag}, t) =>
      collect(lag?.projections, (p) => {
        const value = p.p95Seconds ?? p.lagSeconds;
        if (!(value > t.lagSeconds)) return undefined;
        const name = `${p.projection}@${p.region}`;
        return {
          key: `ProjectionLagHigh:${name}`,
          target: name,
          summary: `lag ${Math.round(value)}s > ${t.lagSeconds}s`,
          heldSince: heldSince(p.series, (v) => v > t.lagSeconds),
        };
      }),
  },
  {
    name: 'DLQBacklog',
    severity: 3,
    threshold: '>100 msgs, 30min',
    runbook: '10.2 (DLQ Triage)',
    forMs: 30 * MIN,
    pane: 'dlq',
    evaluate: ({dlq}, t) =>
      collect(dlq?.entities, (e) => {
        if (!(e.deadLetter > t.dlqMessages)) return undefined;
        return {
          key: `DLQBacklog:${e.entity}`,
          target: e.entity,
          summary: `${e.deadLetter} dead letters`,
          heldSince: heldSince(e.series, (v) => v > t.dlqMessages),
        };
      }),
  },
  {
    name: 'ErrorBudgetBurn',
    severity: 2,
    threshold: 'burn >14.4 (5m&1h) or >6 (30m&6h) pages; >3 (2h&1d) or >1 (6h&3d) tickets',
    runbook: '10 (SLO Monitoring & Burn Rate Alerts)',
    forMs: 0,
    pane: 'burn',
    evaluate: ({burn}) =>
      collect(burn?.slos, (slo) => {
        const firing = burnFigures(slo).pairs.filter((p) => p.firing);
        const worst = firing[0];
        if (!worst) return undefined;
        const page = worst.pair.urgency === 'page';
        // The short window of the pair crosses first, so its series bounds when the pair began to hold.
        const limit = worst.pair.threshold;
        return {
          heldSince: worst.pair.short === '5m' ? heldSince(slo.burnSeries, (v) => v > limit) : undefined,
          key: `ErrorBudgetBurn:${slo.slo}`,
          target: slo.slo,
          summary: `burn ${worst.short?.toFixed(1)}x/${worst.long?.toFixed(1)}x over ${worst.pair.short}/${worst.pair.long} (>${worst.pair.threshold})`,
          severity: page ? 2 : 3,
        };
      }),
  },
];

// What an alert rule is: a runbook catalog entry as data, evaluated over readings, that also says whether the
// readings hold what it needs (so "no firing alerts" is never claimed for an alert nothing could evaluate).
import type {PaneId, ReadingByPane, Series} from '../readings/types.js';
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

export type Readings = Partial<ReadingByPane>;

export interface AlertRule {
  readonly name: string;
  readonly severity: Severity;
  /** The runbook's condition, in its words. */
  readonly threshold: string;
  /** Runbook section: the catalog's own numbering (`6.1 (Service Restart)`), or the Topic for alerts outside it. */
  readonly runbook: string;
  /** In the runbook's ATP Alert Catalog (Topic 6); the burn alerts come from Topic 10 instead. */
  readonly catalog: boolean;
  readonly forMs: number;
  readonly pane: PaneId;
  /** Alerts on the parts of this alert's target that it explains (RegionOutage: its region's ServiceDown): they follow it. */
  readonly explains?: readonly string[];
  /** True when the readings carry the data this rule needs: otherwise it is reported as not evaluated. */
  readonly evaluates: (readings: Readings) => boolean;
  /** The candidates now; `now` is the evaluation's clock (certificate and key ages), never the wall clock. */
  readonly evaluate: (readings: Readings, thresholds: AlertThresholds, now: number) => readonly Candidate[];
}

/** Thresholds a context may tune; defaults are the runbook's. */
export interface AlertThresholds {
  readonly errorRatio: number;
  readonly p95Ms: number;
  /** Per-service P95 limits: a number overrides `p95Ms`; null means the runbook sets no latency alert (batch work). */
  readonly p95MsByService: Readonly<Record<string, number | null>>;
  readonly lagSeconds: number;
  readonly dlqMessages: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  errorRatio: 0.05,
  p95Ms: 1000,
  // Topic 10: query P95 > 500 ms. Export is batch work with no latency alert in the runbook.
  p95MsByService: {query: 500, export: null},
  lagSeconds: 30,
  dlqMessages: 100,
};

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

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

/** The candidates `find` returns for `rows` (a loop: with thousands of rows, no array per row). */
export function collect<T>(rows: readonly T[] | undefined, find: (row: T) => Candidate | undefined): Candidate[] {
  const out: Candidate[] = [];
  for (const row of rows ?? []) {
    const c = find(row);
    if (c) out.push(c);
  }
  return out;
}

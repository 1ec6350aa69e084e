// Combines readings of one pane from several sources (e.g. health from Kubernetes + endpoints + Prometheus).
import {worseStatus} from './health/status.js';
import type {AlertOnsets, CheckEntry, HealthReading, PaneId, PlatformSignals, ReadingByPane, ServiceHealth, TargetValue} from './readings/types.js';

/** Checks of one row from two sources: one entry per name (Prometheus and the endpoint report the same checks). */
function mergeChecks(a: readonly CheckEntry[], b: readonly CheckEntry[]): CheckEntry[] {
  const byName = new Map(a.map((c) => [c.name, c]));
  for (const c of b) {
    const seen = byName.get(c.name);
    byName.set(
      c.name,
      seen ? {...c, ...Object.fromEntries(Object.entries(seen).filter(([, v]) => v !== undefined)), status: worseStatus(seen.status, c.status) ?? c.status} : c,
    );
  }
  return [...byName.values()];
}

function mergeService(a: ServiceHealth, b: ServiceHealth): ServiceHealth {
  const merged: Record<string, unknown> = {...a};
  for (const [key, value] of Object.entries(b)) if (value !== undefined && merged[key] === undefined) merged[key] = value;
  const status = worseStatus(a.status, b.status);
  return {
    ...(merged as unknown as ServiceHealth),
    status,
    statusReason: status === b.status && b.statusReason ? b.statusReason : (a.statusReason ?? b.statusReason),
    checks: a.checks && b.checks ? mergeChecks(a.checks, b.checks) : (a.checks ?? b.checks),
    problems: a.problems && b.problems ? [...a.problems, ...b.problems] : (a.problems ?? b.problems),
  };
}

function byKey<T>(lists: readonly (readonly T[])[], key: (item: T) => string, merge: (a: T, b: T) => T): T[] {
  const out = new Map<string, T>();
  for (const list of lists) {
    for (const item of list) {
      const k = key(item);
      const seen = out.get(k);
      out.set(k, seen ? merge(seen, item) : item);
    }
  }
  return [...out.values()];
}

const first = <T>(a: T): T => a;

/** The earliest onset per alert key over every source. */
function mergeOnsets(values: readonly {readonly onsets?: AlertOnsets}[]): AlertOnsets | undefined {
  const out: Record<string, number> = {};
  let any = false;
  for (const v of values) {
    for (const [key, at] of Object.entries(v.onsets ?? {})) {
      out[key] = Math.min(out[key] ?? at, at);
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Each signal list from the first source that reports it; a list no source reports stays undefined (not evaluated). */
function mergePlatform(values: readonly HealthReading[]): PlatformSignals | undefined {
  const out: Record<string, readonly TargetValue[]> = {};
  for (const v of values) for (const [key, list] of Object.entries(v.platform ?? {})) if (list && !out[key]) out[key] = list;
  return Object.keys(out).length ? (out as PlatformSignals) : undefined;
}

const MERGERS: {readonly [P in PaneId]: (values: readonly ReadingByPane[P][]) => ReadingByPane[P]} = {
  health: (v) => ({
    services: byKey(
      v.map((r) => r.services),
      (s) => `${s.service}@${s.region}`,
      mergeService,
    ),
    platform: mergePlatform(v),
    onsets: mergeOnsets(v),
  }),
  lag: (v) => ({
    projections: byKey(
      v.map((r) => r.projections),
      (p) => `${p.projection}@${p.region}`,
      first,
    ),
    onsets: mergeOnsets(v),
  }),
  dlq: (v) => ({
    entities: byKey(
      v.map((r) => r.entities),
      (e) => e.entity,
      first,
    ),
    onsets: mergeOnsets(v),
  }),
  outbox: (v) => ({
    outboxes: byKey(
      v.map((r) => r.outboxes),
      (o) => `${o.service}@${o.region}`,
      first,
    ),
    onsets: mergeOnsets(v),
  }),
  burn: (v) => ({
    slos: byKey(
      v.map((r) => r.slos),
      (s) => s.slo,
      first,
    ),
    onsets: mergeOnsets(v),
  }),
};

/** Merges the readings of one pane, in source order. */
export function mergeReadings<P extends PaneId>(pane: P, values: readonly ReadingByPane[P][]): ReadingByPane[P] | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  const merge = MERGERS[pane] as (v: readonly ReadingByPane[P][]) => ReadingByPane[P];
  // A partial answer from any source stays visible after the merge.
  const partial = values.flatMap((v) => (v.partial ? [v.partial] : [])).join('; ');
  return partial ? {...merge(values), partial} : merge(values);
}

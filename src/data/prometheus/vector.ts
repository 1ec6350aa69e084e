// Prometheus HTTP API results: parsing and grouping. Every label is sanitised here, so readings stay safe.
import {SourceError} from '../errors.js';
import type {Sample} from '../readings/types.js';
import {sanitizeLine} from '../text/sanitize.js';

/** Label name → sanitised value. */
export type Labels = Readonly<Record<string, string>>;

/** One series of an instant query. */
export interface InstantSeries {
  readonly labels: Labels;
  readonly value: number;
}

/** One series of a range query. */
export interface RangeSeries {
  readonly labels: Labels;
  readonly samples: readonly Sample[];
}

/** The label every batched sub-query carries to say which statistic a series is. */
export const STAT_LABEL = 'atp_stat';

/** Prometheus sample values are strings: numbers, `NaN`, `+Inf`, `-Inf`. */
export function parseValue(text: unknown): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return typeof text === 'string' ? Number(text) : Number.NaN;
}

function labelsOf(metric: unknown): Labels {
  if (!metric || typeof metric !== 'object') throw new SourceError('shape', 'Prometheus answered a series without labels');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metric as Record<string, unknown>)) out[sanitizeLine(k)] = sanitizeLine(String(v));
  return out;
}

/** Parses `data.result` of a vector answer. */
export function parseVector(data: unknown): InstantSeries[] {
  const d = data as {resultType?: unknown; result?: unknown};
  if (d?.resultType !== 'vector' || !Array.isArray(d.result))
    throw new SourceError('shape', `Prometheus answered resultType ${String(d?.resultType)} where a vector was expected`);
  return d.result.map((r: {metric?: unknown; value?: unknown}) => {
    const pair = Array.isArray(r?.value) ? r.value : [];
    return {labels: labelsOf(r?.metric), value: parseValue(pair[1])};
  });
}

/** Parses `data.result` of a matrix answer. */
export function parseMatrix(data: unknown): RangeSeries[] {
  const d = data as {resultType?: unknown; result?: unknown};
  if (d?.resultType !== 'matrix' || !Array.isArray(d.result))
    throw new SourceError('shape', `Prometheus answered resultType ${String(d?.resultType)} where a matrix was expected`);
  return d.result.map((r: {metric?: unknown; values?: unknown}) => ({
    labels: labelsOf(r?.metric),
    samples: (Array.isArray(r?.values) ? r.values : [])
      .map((p: unknown) => (Array.isArray(p) ? {t: Number(p[0]) * 1000, v: parseValue(p[1])} : {t: Number.NaN, v: Number.NaN}))
      .filter((s) => Number.isFinite(s.t) && Number.isFinite(s.v)),
  }));
}

/** Groups series by their `atp_stat` label, then by a row key built from other labels. */
export function byStat<T extends {labels: Labels}>(series: readonly T[], key: (labels: Labels) => string): Map<string, Map<string, T[]>> {
  const out = new Map<string, Map<string, T[]>>();
  for (const s of series) {
    const stat = s.labels[STAT_LABEL] ?? '';
    const rows = out.get(stat) ?? new Map<string, T[]>();
    const k = key(s.labels);
    rows.set(k, [...(rows.get(k) ?? []), s]);
    out.set(stat, rows);
  }
  return out;
}

/** The finite value of the first series of a stat for a row, if any. */
export function valueOf(stats: Map<string, Map<string, InstantSeries[]>>, stat: string, row: string): number | undefined {
  const v = stats.get(stat)?.get(row)?.[0]?.value;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** The samples of the first series of a stat for a row (empty when none). */
export function seriesOf(stats: Map<string, Map<string, RangeSeries[]>>, stat: string, row: string): Sample[] {
  return [...(stats.get(stat)?.get(row)?.[0]?.samples ?? [])];
}

/** Statistics that describe something other than a pane row: they never make a row of their own. */
export const NON_ROW_STATS: ReadonlySet<string> = new Set(['onset', 'disk_free', 'cert_expiry', 'key_rotated', 'tamper', 'compliance']);

/** Row keys of every row statistic, sorted. */
export function rowKeys(stats: Map<string, Map<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const [stat, rows] of stats) if (!NON_ROW_STATS.has(stat)) for (const k of rows.keys()) if (k) keys.add(k);
  return [...keys].sort();
}

/** The `onset` statistic (`ALERTS_FOR_STATE`: the activeAt Unix time) as alert onsets keyed `AlertName:target`. */
export function onsetsOf(instant: readonly InstantSeries[], target: (l: Labels) => string): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  let any = false;
  for (const s of instant) {
    if (s.labels[STAT_LABEL] !== 'onset' || !s.labels.alertname || !Number.isFinite(s.value)) continue;
    const t = target(s.labels);
    if (!t) continue;
    const key = `${s.labels.alertname}:${t}`;
    out[key] = Math.min(out[key] ?? Number.POSITIVE_INFINITY, s.value * 1000);
    any = true;
  }
  return any ? out : undefined;
}

/** The finite values of one statistic, each with the target its labels name, or undefined when Prometheus had none. */
export function targetValues(instant: readonly InstantSeries[], stat: string, target: (l: Labels) => string): {target: string; value: number}[] | undefined {
  const out = instant.filter((s) => s.labels[STAT_LABEL] === stat && Number.isFinite(s.value)).map((s) => ({target: target(s.labels), value: s.value}));
  return out.length ? out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)) : undefined;
}

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
  if (d?.resultType !== 'vector' || !Array.isArray(d.result)) throw new SourceError('shape', `Prometheus answered resultType ${String(d?.resultType)} where a vector was expected`);
  return d.result.map((r: {metric?: unknown; value?: unknown}) => {
    const pair = Array.isArray(r?.value) ? r.value : [];
    return {labels: labelsOf(r?.metric), value: parseValue(pair[1])};
  });
}

/** Parses `data.result` of a matrix answer. */
export function parseMatrix(data: unknown): RangeSeries[] {
  const d = data as {resultType?: unknown; result?: unknown};
  if (d?.resultType !== 'matrix' || !Array.isArray(d.result)) throw new SourceError('shape', `Prometheus answered resultType ${String(d?.resultType)} where a matrix was expected`);
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

// Burn pane from Sloth's standard recording rules: one SLO per sloth_id, whoever generated the rules.
import {SourceError} from '../errors.js';
import {BURN_WINDOWS, type BurnReading, type BurnWindow, type SloBurn} from '../readings/types.js';
import type {InstantSeries, Labels, RangeSeries} from './vector.js';
import {compareText} from '../text/order.js';

const idOf = (l: Labels) => l.sloth_id || (l.sloth_service && l.sloth_slo ? `${l.sloth_service}-${l.sloth_slo}` : '');
const WINDOW_OF = /^slo:sli_error:ratio_rate(\w+)$/;

interface SloRow {
  labels?: Labels;
  objective?: number;
  remaining?: number;
  days?: number;
  ratios: Partial<Record<BurnWindow, number>>;
}

/** Maps Sloth series to SLO rows; an SLO without `slo:objective:ratio` is skipped (its burn cannot be computed). */
export function burnFromProm(instant: readonly InstantSeries[], range: readonly RangeSeries[]): BurnReading {
  const slos = new Map<string, SloRow>();
  for (const s of instant) {
    const id = idOf(s.labels);
    if (!id || !Number.isFinite(s.value)) continue;
    const row: SloRow = slos.get(id) ?? {ratios: {}};
    row.labels ??= s.labels;
    const name = s.labels.__name__ ?? '';
    const window = WINDOW_OF.exec(name)?.[1];
    if (window && (BURN_WINDOWS as readonly string[]).includes(window)) row.ratios[window as BurnWindow] = s.value;
    else if (name === 'slo:objective:ratio') row.objective = s.value;
    else if (name === 'slo:period_error_budget_remaining:ratio') row.remaining = s.value;
    else if (name === 'slo:time_period:days') row.days = s.value;
    slos.set(id, row);
  }
  const out: SloBurn[] = [];
  for (const [slo, row] of [...slos].sort(([a], [b]) => compareText(a, b))) {
    if (row.objective === undefined || !(row.objective < 1)) continue;
    const budget = 1 - row.objective;
    const five = range.find((r) => idOf(r.labels) === slo);
    const name = row.labels?.sloth_slo ?? slo;
    out.push({
      slo,
      service: row.labels?.sloth_service,
      description: `${name} ${+(row.objective * 100).toFixed(3)}%`,
      objective: row.objective,
      periodDays: row.days ?? 30,
      errorRatio: row.ratios,
      budgetRemaining: row.remaining,
      burnSeries: (five?.samples ?? []).map((p) => ({t: p.t, v: p.v / budget})),
    });
  }
  if (out.length === 0) {
    throw new SourceError(
      'empty',
      'Prometheus returned no Sloth SLO series (slo:sli_error:ratio_rate*, slo:objective:ratio): load deploy/prometheus/rules or your Sloth rules',
    );
  }
  return {slos: out};
}

// Error-budget arithmetic (runbook Topic 10): burn = error ratio / (1 - SLO), budget, exhaustion, policy.
import type {BurnWindow, SloBurn} from '../readings/types.js';

/** A multi-window burn-rate alert pair and its threshold (Google SRE workbook; docs/architecture.md, "Alerts"). */
export interface BurnPair {
  readonly short: BurnWindow;
  readonly long: BurnWindow;
  readonly threshold: number;
  /** `page` pairs are fast burns; `ticket` pairs are slow burns. */
  readonly urgency: 'page' | 'ticket';
}

/**
 * The one definition of the pairs: the burn pane's headers, the burn alert's threshold text (alerts/flow-rules.ts)
 * and the shipped Sloth rules (deploy/prometheus) are derived from it. A pair fires when both of its windows burn
 * faster than its threshold (docs/trends-and-burn.md).
 */
export const BURN_PAIRS: readonly BurnPair[] = [
  {short: '5m', long: '1h', threshold: 14.4, urgency: 'page'},
  {short: '30m', long: '6h', threshold: 6, urgency: 'page'},
  {short: '2h', long: '1d', threshold: 3, urgency: 'ticket'},
  {short: '6h', long: '3d', threshold: 1, urgency: 'ticket'},
];

/** `5m/1h`: how a pair is named on screen. */
export const pairLabel = (pair: BurnPair): string => `${pair.short}/${pair.long}`;

/** Error-budget policy stages (runbook "Error Budget Policy"); thresholds are budget consumed. */
export interface PolicyStage {
  readonly consumed: number;
  readonly action: string;
}

export const DEFAULT_POLICY: readonly PolicyStage[] = [
  {consumed: 0.1, action: 'Freeze feature releases'},
  {consumed: 0.25, action: 'Emergency freeze, focus on stability'},
  {consumed: 0.5, action: 'Incident declared, all hands'},
  {consumed: 1, action: 'Postmortem, process review'},
];

/** Burn rate: how many times faster than sustainable the budget is being spent. */
export function burnRate(errorRatio: number, objective: number): number {
  const budget = 1 - objective;
  return budget > 0 ? errorRatio / budget : Number.POSITIVE_INFINITY;
}

/** Fraction of the period's budget left, given the period's error ratio (may go below 0). */
export function budgetRemaining(periodErrorRatio: number, objective: number): number {
  return 1 - burnRate(periodErrorRatio, objective);
}

/** Milliseconds until the budget is gone at `burn`; undefined when it never runs out. */
export function timeToExhaustion(remaining: number, burn: number, periodDays: number): number | undefined {
  if (remaining <= 0) return 0;
  if (!(burn > 0) || !Number.isFinite(burn)) return burn === Number.POSITIVE_INFINITY ? 0 : undefined;
  return (remaining * periodDays * 86_400_000) / burn;
}

/** The highest policy stage reached, if any. */
export function policyStage(remaining: number, stages: readonly PolicyStage[] = DEFAULT_POLICY): PolicyStage | undefined {
  const consumed = 1 - remaining;
  let reached: PolicyStage | undefined;
  // A small epsilon: 1 - 0.9 is 0.0999… in floating point.
  for (const stage of stages) if (consumed + 1e-9 >= stage.consumed) reached = stage;
  return reached;
}

/** Everything the burn pane and the burn alerts derive from one SLO reading. */
export interface BurnFigures {
  readonly burn: Readonly<Partial<Record<BurnWindow, number>>>;
  readonly pairs: readonly {pair: BurnPair; short?: number; long?: number; firing: boolean}[];
  readonly remaining?: number;
  readonly exhaustionMs?: number;
  readonly stage?: PolicyStage;
}

/** Computes burn per window, pair states, budget remaining, time to exhaustion and policy stage. */
export function burnFigures(slo: SloBurn, stages: readonly PolicyStage[] = DEFAULT_POLICY): BurnFigures {
  const burn: Partial<Record<BurnWindow, number>> = {};
  for (const [window, ratio] of Object.entries(slo.errorRatio) as [BurnWindow, number | undefined][]) {
    if (ratio !== undefined && Number.isFinite(ratio)) burn[window] = burnRate(ratio, slo.objective);
  }
  const pairs = BURN_PAIRS.map((pair) => {
    const short = burn[pair.short];
    const long = burn[pair.long];
    return {pair, short, long, firing: short !== undefined && long !== undefined && short > pair.threshold && long > pair.threshold};
  });
  const period = slo.errorRatio['30d'];
  const remaining = slo.budgetRemaining ?? (period !== undefined ? budgetRemaining(period, slo.objective) : undefined);
  // Always the 1 h burn, so the pane can name its rate in the header (`EXH @1h`); without one, no figure rather than
  // a 5 m figure under a 1 h label.
  const current = burn['1h'];
  const exhaustionMs = remaining !== undefined && current !== undefined ? timeToExhaustion(remaining, current, slo.periodDays) : undefined;
  return {burn, pairs, remaining, exhaustionMs, stage: remaining !== undefined ? policyStage(remaining, stages) : undefined};
}

// Turns readings into active alerts: thresholds, `for` durations, real age, escalation and response clocks; and says
// which rules could not be evaluated, so an empty list is never mistaken for "all clear".
import type {AlertIncident} from '../pagerduty/match.js';
import type {PaneId, ReadingByPane} from '../readings/types.js';
import {compareText} from '../text/order.js';
import {ALERT_RULES, DEFAULT_THRESHOLDS, type AlertRule, type AlertThresholds} from './catalog.js';
import {escalationFor, responseClocks, type Escalation, type ResponseClock, type Severity} from './escalation.js';

export interface ActiveAlert {
  readonly key: string;
  readonly name: string;
  readonly severity: Severity;
  readonly target: string;
  readonly summary: string;
  /** The runbook's condition, in its words. */
  readonly threshold: string;
  readonly runbook: string;
  readonly pane: PaneId;
  /** The alerts on parts of its target this one explains (the rule's `explains`). */
  readonly explains?: readonly string[];
  readonly state: 'pending' | 'firing';
  /** When the condition started holding: the earliest of the source's own record, its series and the cockpit's memory. */
  readonly activeSince: number;
  /** When the `for` duration was met (firing alerts only). */
  readonly firingSince?: number;
  readonly forMs: number;
  readonly escalation: Escalation;
  /** Respond and resolve deadlines from the severity definition, counted from `firingSince`. */
  readonly clocks: readonly ResponseClock[];
  /** The reading behind this alert is stale. */
  readonly stale: boolean;
  /** Its PagerDuty incident, when the context has paging and one matches (pagerduty/match.ts). */
  readonly paging?: AlertIncident;
}

/** What the evaluator remembers between evaluations: when the cockpit first saw each condition. */
export type AlertMemory = ReadonlyMap<string, number>;

export interface Evaluation {
  readonly alerts: readonly ActiveAlert[];
  readonly memory: AlertMemory;
  /** Rules no reading could evaluate (no source reports their data), in catalog order. */
  readonly unevaluated: readonly AlertRule[];
}

export interface EvaluateInput {
  readonly readings: Partial<ReadingByPane>;
  readonly now: number;
  readonly memory?: AlertMemory;
  readonly stalePanes?: ReadonlySet<PaneId>;
  readonly thresholds?: AlertThresholds;
  readonly rules?: readonly AlertRule[];
}

/** Evaluates every rule; the result is sorted worst first, then longest firing. */
export function evaluateAlerts(input: EvaluateInput): Evaluation {
  const {readings, now, thresholds = DEFAULT_THRESHOLDS, rules = ALERT_RULES} = input;
  const previous = input.memory ?? new Map<string, number>();
  const memory = new Map<string, number>();
  const alerts: ActiveAlert[] = [];
  const unevaluated: AlertRule[] = [];
  for (const rule of rules) {
    if (!rule.evaluates(readings)) unevaluated.push(rule);
    const onsets = readings[rule.pane]?.onsets;
    for (const c of rule.evaluate(readings, thresholds, now)) {
      const seen = previous.get(c.key) ?? now;
      // A source's own record (Prometheus ALERTS_FOR_STATE, a Deployment condition) reaches past the trend window.
      const activeSince = Math.min(seen, c.heldSince ?? seen, onsets?.[c.key] ?? seen);
      memory.set(c.key, activeSince);
      const firing = now - activeSince >= rule.forMs;
      const severity = c.severity ?? rule.severity;
      const firingSince = firing ? activeSince + rule.forMs : undefined;
      const elapsed = firingSince === undefined ? 0 : now - firingSince;
      alerts.push({
        key: c.key,
        name: rule.name,
        severity,
        target: c.target,
        summary: c.summary,
        threshold: rule.threshold,
        runbook: rule.runbook,
        pane: rule.pane,
        ...(rule.explains ? {explains: rule.explains} : {}),
        state: firing ? 'firing' : 'pending',
        activeSince,
        firingSince,
        forMs: rule.forMs,
        escalation: escalationFor(severity, elapsed),
        clocks: firing ? responseClocks(severity, elapsed) : [],
        stale: input.stalePanes?.has(rule.pane) ?? false,
      });
    }
  }
  alerts.sort(
    (a, b) =>
      Number(a.state === 'pending') - Number(b.state === 'pending') ||
      a.severity - b.severity ||
      (a.firingSince ?? now) - (b.firingSince ?? now) ||
      compareText(a.key, b.key),
  );
  return {alerts, memory, unevaluated};
}

/** The worst firing severity, or undefined when nothing fires. */
export function worstSeverity(alerts: readonly ActiveAlert[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const a of alerts) if (a.state === 'firing' && (worst === undefined || a.severity < worst)) worst = a.severity;
  return worst;
}

/** The firing alerts of one pane, by severity: what a pane's title counts. */
export function firingBySeverity(alerts: readonly ActiveAlert[], pane: PaneId): ReadonlyMap<Severity, number> {
  const out = new Map<Severity, number>();
  for (const a of alerts) if (a.pane === pane && a.state === 'firing') out.set(a.severity, (out.get(a.severity) ?? 0) + 1);
  return out;
}

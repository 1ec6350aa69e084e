// Turns readings into active alerts: thresholds, `for` durations, firing time and escalation.
import type {PaneId, ReadingByPane} from '../readings/types.js';
import {ALERT_RULES, DEFAULT_THRESHOLDS, type AlertRule, type AlertThresholds} from './catalog.js';
import {escalationFor, type Escalation, type Severity} from './escalation.js';
import {compareText} from '../text/order.js';

export interface ActiveAlert {
  readonly key: string;
  readonly name: string;
  readonly severity: Severity;
  readonly target: string;
  readonly summary: string;
  readonly runbook: string;
  readonly pane: PaneId;
  readonly state: 'pending' | 'firing';
  /** When the condition started holding. */
  readonly activeSince: number;
  /** When the `for` duration was met (firing alerts only). */
  readonly firingSince?: number;
  readonly forMs: number;
  readonly escalation: Escalation;
  /** The reading behind this alert is stale. */
  readonly stale: boolean;
}

/** What the evaluator remembers between evaluations: when the cockpit first saw each condition. */
export type AlertMemory = ReadonlyMap<string, number>;

export interface Evaluation {
  readonly alerts: readonly ActiveAlert[];
  readonly memory: AlertMemory;
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
  for (const rule of rules) {
    for (const c of rule.evaluate(readings, thresholds)) {
      const seen = previous.get(c.key) ?? now;
      const activeSince = Math.min(seen, c.heldSince ?? seen);
      memory.set(c.key, activeSince);
      const firing = now - activeSince >= rule.forMs;
      const severity = c.severity ?? rule.severity;
      const firingSince = firing ? activeSince + rule.forMs : undefined;
      alerts.push({
        key: c.key,
        name: rule.name,
        severity,
        target: c.target,
        summary: c.summary,
        runbook: rule.runbook,
        pane: rule.pane,
        state: firing ? 'firing' : 'pending',
        activeSince,
        firingSince,
        forMs: rule.forMs,
        escalation: escalationFor(severity, firingSince === undefined ? 0 : now - firingSince),
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
  return {alerts, memory};
}

/** The worst firing severity, or undefined when nothing fires. */
export function worstSeverity(alerts: readonly ActiveAlert[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const a of alerts) if (a.state === 'firing' && (worst === undefined || a.severity < worst)) worst = a.severity;
  return worst;
}

// Alerts on the flow of events and the error budget: ProjectionLagHigh (10.1), DLQBacklog (10.2) from the catalog,
// and the burn alerts of Topic 10: the multi-window pairs, and the runbook's own "10% of the budget in 1 hour".
import {shortEntity} from '../readings/names.js';
import {BURN_PAIRS, burnFigures, burnRate} from '../slo/burn.js';
import {burn as burnText, seconds} from '../text/units.js';
import {collect, heldSince, MIN, type AlertRule} from './rule.js';

const pairsText = (urgency: 'page' | 'ticket') =>
  BURN_PAIRS.filter((p) => p.urgency === urgency)
    .map((p) => `>${p.threshold} (${p.short}&${p.long})`)
    .join(' or ');

/**
 * "10% error budget consumed in 1 hour" (Topic 10, Service Availability): over a 30-day period that is a 1h burn rate
 * of 0.1 × 720 h / 1 h = 72. The runbook gives it no severity; the cockpit calls it SEV-2, the band of HighErrorRate,
 * since 72× a 0.1% budget is 7.2% errors.
 */
export const RUNBOOK_BUDGET_SHARE = 0.1;

export const FLOW_RULES: readonly AlertRule[] = [
  {
    name: 'ProjectionLagHigh',
    severity: 2,
    threshold: 'Lag >30s, 10min (Topic 10: P95 >30s)',
    runbook: '10.1 (Projection Catchup)',
    catalog: true,
    forMs: 10 * MIN,
    pane: 'lag',
    evaluates: (r) => (r.lag?.projections.length ?? 0) > 0,
    evaluate: ({lag}, t) =>
      collect(lag?.projections, (p) => {
        // The catalog says lag, Topic 10 says P95 lag: the P95 where a source has it, else the current lag.
        const value = p.p95Seconds ?? p.lagSeconds;
        if (!(value > t.lagSeconds)) return undefined;
        const name = `${p.projection}@${p.region}`;
        return {
          key: `ProjectionLagHigh:${name}`,
          target: name,
          // The lag pane's own unit (`40m`, `45s`): a value reads the same in the row and in the alert.
          summary: `${p.p95Seconds !== undefined ? 'lag P95' : 'lag'} ${seconds(value)} > ${seconds(t.lagSeconds)}`,
          heldSince: heldSince(p.series, (v) => v > t.lagSeconds),
        };
      }),
  },
  {
    name: 'DLQBacklog',
    severity: 3,
    threshold: '>100 msgs, 30min',
    runbook: '10.2 (DLQ Triage)',
    catalog: true,
    forMs: 30 * MIN,
    pane: 'dlq',
    evaluates: (r) => r.dlq !== undefined,
    evaluate: ({dlq}, t) =>
      collect(dlq?.entities, (e) => {
        if (!(e.deadLetter > t.dlqMessages)) return undefined;
        return {
          key: `DLQBacklog:${e.entity}`,
          // The same name the DLQ pane shows for this entity.
          target: shortEntity(e.entity),
          summary: `${e.deadLetter} dead letters > ${t.dlqMessages}`,
          heldSince: heldSince(e.series, (v) => v > t.dlqMessages),
        };
      }),
  },
  {
    name: 'ErrorBudgetBurn',
    severity: 2,
    threshold: `burn ${pairsText('page')} pages (SEV-2); ${pairsText('ticket')} tickets (SEV-3)`,
    runbook: 'Topic 10 (SLO Monitoring & Burn Rate Alerts)',
    catalog: false,
    forMs: 0,
    pane: 'burn',
    evaluates: (r) => (r.burn?.slos.length ?? 0) > 0,
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
          summary: `burn ${burnText(worst.short)}/${burnText(worst.long)} over ${worst.pair.short}/${worst.pair.long} > ${limit}x`,
          severity: page ? 2 : 3,
        };
      }),
  },
  {
    name: 'AvailabilityBudget1h',
    severity: 2,
    threshold: "10% of the error budget consumed in 1 hour (severity: cockpit's choice)",
    runbook: 'Topic 10 (SLO Monitoring: Service Availability)',
    catalog: false,
    forMs: 0,
    pane: 'burn',
    evaluates: (r) => (r.burn?.slos ?? []).some((s) => isAvailability(s.slo, s.description) && s.errorRatio['1h'] !== undefined),
    evaluate: ({burn}) =>
      collect(burn?.slos, (slo) => {
        const ratio = slo.errorRatio['1h'];
        if (!isAvailability(slo.slo, slo.description) || ratio === undefined) return undefined;
        const consumed = (burnRate(ratio, slo.objective) * 60 * MIN) / (slo.periodDays * 24 * 60 * MIN);
        if (!(consumed >= RUNBOOK_BUDGET_SHARE)) return undefined;
        return {key: `AvailabilityBudget1h:${slo.slo}`, target: slo.slo, summary: `${(consumed * 100).toFixed(1)}% of the ${slo.periodDays}d budget in 1h`};
      }),
  },
];

function isAvailability(id: string, description: string | undefined): boolean {
  return /availability/i.test(id) || /availability/i.test(description ?? '');
}

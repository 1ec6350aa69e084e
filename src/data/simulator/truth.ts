// The simulator's ground truth: exactly what the embedded demo source and its alert evaluation say right now.
import {evaluateAlerts} from '../alerts/evaluate.js';
import {burnReading, dlqReading, healthReading, lagReading, outboxReading} from '../demo/readings.js';
import type {DemoWorld} from '../demo/world.js';
import type {ReadingByPane} from '../readings/types.js';
import {burnFigures} from '../slo/burn.js';

/** Readings (without trend series), burn figures and alerts of the world at its current time. */
export function groundTruth(world: DemoWorld): unknown {
  const readings: ReadingByPane = {
    health: healthReading(world),
    lag: lagReading(world),
    dlq: dlqReading(world),
    outbox: outboxReading(world),
    burn: burnReading(world),
  };
  const {alerts} = evaluateAlerts({readings, now: world.now});
  const strip = <T extends object>(row: T, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
  return {
    at: world.now,
    scenario: world.scenario.name,
    seed: world.seed,
    health: readings.health.services.map((r) => strip(r, 'readySeries', 'errorSeries', 'p95Series', 'pods', 'events')),
    lag: readings.lag.projections.map((p) => strip(p, 'series')),
    dlq: readings.dlq.entities.map((e) => strip(e, 'series')),
    outbox: readings.outbox.outboxes.map((o) => strip(o, 'series')),
    burn: readings.burn.slos.map((s) => {
      const f = burnFigures(s);
      return {
        ...strip(s, 'burnSeries'),
        burnRate: f.burn,
        budgetRemaining: f.remaining,
        firingPairs: f.pairs.filter((p) => p.firing).map((p) => `${p.pair.short}/${p.pair.long}`),
      };
    }),
    alerts: alerts.map((a) => ({name: a.name, target: a.target, state: a.state, severity: a.severity, summary: a.summary, activeSince: a.activeSince})),
  };
}

// The incident line: the worst group, how bad, the runbook step and who to page; repeated alerts grouped by region.
import {describe, expect, it} from 'vitest';
import {evaluateAlerts, type ActiveAlert} from '../../../src/data/alerts/evaluate.js';
import {loadProcedures} from '../../../src/data/procedures/load.js';
import type {ServiceHealth} from '../../../src/data/readings/types.js';
import {groupAlerts, groupText, incidentSummary} from '../../../src/data/alerts/incident-summary.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const down = (service: string, region: string): ServiceHealth => ({service, region, podsReady: 0, podsDesired: 3});

describe('incident summary', () => {
  it('a region outage leads with RegionOutage and the emergency procedure; the ServiceDown group follows it', () => {
    const services = ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'].map((s) => down(s, 'us-east'));
    const {alerts} = evaluateAlerts({
      readings: {health: {services: [...services, {service: 'query', region: 'eu-west', podsReady: 3, podsDesired: 3}]}},
      now: NOW,
    });
    expect(groupAlerts(alerts).map(groupText)).toEqual(['RegionOutage us-east', 'us-east: 8× ServiceDown']);
    expect(incidentSummary(alerts, loadProcedures({demo: true}))).toBe(
      'SEV-1 RegionOutage us-east (+1 more) — page Primary, Secondary, Manager, VP Engineering — runbook Topic 41: ' +
        'Declare SEV-1, page all on-call and fail over to the healthy region (Azure Front Door).',
    );
  });

  it('the region outage leads even when it began after the ServiceDown alerts (the last service went down last)', () => {
    const series = (minutes: number) => Array.from({length: minutes + 1}, (_, i) => ({t: NOW - (minutes - i) * 60_000, v: 0}));
    const {alerts} = evaluateAlerts({
      readings: {
        health: {
          services: [
            {...down('gateway', 'us-east'), readySeries: series(9)},
            {...down('query', 'us-east'), readySeries: series(2)},
          ],
        },
      },
      now: NOW,
    });
    expect(groupAlerts(alerts).map(groupText)).toEqual(['RegionOutage us-east', 'us-east: 2× ServiceDown']);
  });

  it('one service down in a region where others serve stays a ServiceDown with runbook 6.1', () => {
    const {alerts} = evaluateAlerts({
      readings: {health: {services: [down('query', 'eu-west'), {service: 'gateway', region: 'eu-west', podsReady: 2, podsDesired: 2}]}},
      now: NOW,
    });
    expect(incidentSummary(alerts, loadProcedures({demo: true}))).toMatch(/^SEV-1 ServiceDown query@eu-west — .* — runbook 6\.1: See which pods are not ready/);
  });

  it('says nothing when nothing fires, and names one alert by its target', () => {
    expect(incidentSummary([])).toBeUndefined();
    const {alerts} = evaluateAlerts({readings: {health: {services: [down('query', 'eu-west')]}}, now: NOW});
    expect(incidentSummary(alerts)).toMatch(
      /^SEV-1 ServiceDown query@eu-west — page Primary, Secondary, Manager, VP Engineering — runbook 6\.1 \(Service Restart\)$/,
    );
  });
});

describe('cause before effect', () => {
  const base = {
    summary: 's',
    threshold: 't',
    state: 'firing' as const,
    forMs: 0,
    escalation: {engaged: ['Primary on-call'], now: 'page Primary on-call'},
    clocks: [],
    stale: false,
  };
  const at = (name: string, pane: 'health' | 'burn', target: string, firingSince: number, runbook: string): ActiveAlert => ({
    ...base,
    key: `${name}:${target}`,
    name,
    severity: 2,
    target,
    runbook,
    pane,
    activeSince: firingSince,
    firingSince,
  });

  it('a service alert leads its burn when both fire at one severity, though the burn fired first (bad-deploy)', () => {
    const burn = at('ErrorBudgetBurn', 'burn', 'atp-availability', NOW - 17 * 60_000, 'Topic 10 (SLO Monitoring & Burn Rate Alerts)');
    const errors = at('HighErrorRate', 'health', 'ingestion@us-east', NOW - 14 * 60_000, '6.2 (Error Investigation)');
    expect(groupAlerts([burn, errors]).map((g) => g.name)).toEqual(['HighErrorRate', 'ErrorBudgetBurn']);
    expect(incidentSummary([burn, errors])).toMatch(/^SEV-2 HighErrorRate ingestion@us-east \(\+1 more\) — page Primary on-call — runbook 6\.2/);
  });

  it('a worse burn still leads a milder service alert', () => {
    const burn = {...at('ErrorBudgetBurn', 'burn', 'atp-availability', NOW, 'Topic 10'), severity: 1 as const};
    const errors = at('HighErrorRate', 'health', 'ingestion@us-east', NOW, '6.2');
    expect(groupAlerts([burn, errors]).map((g) => g.name)).toEqual(['ErrorBudgetBurn', 'HighErrorRate']);
  });
});

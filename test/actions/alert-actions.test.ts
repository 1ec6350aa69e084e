// The actions the alert view offers (issue 14): rollback only after a recent deploy, replay of the backlog's own
// entity, freeze integrity on tampering; each as the request the normal flow takes.
import {describe, expect, it} from 'vitest';
import {alertActions, CLOCK_SKEW_MS, DEPLOY_WINDOW_MS, fittingKinds, rollbackFit, RUNBOOK_ACTIONS, type FitInput} from '../../src/actions/alert-actions.js';
import type {ActiveAlert} from '../../src/data/alerts/evaluate.js';
import type {Revision} from '../../src/data/sources/types.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const MIN = 60_000;
const alert = (name: string, target: string, key = `${name}:${target}`, activeSince = NOW - 20 * MIN): ActiveAlert => ({
  key,
  name,
  severity: 2,
  target,
  summary: 's',
  threshold: 't',
  runbook: '6.2 (Error Investigation)',
  pane: 'health',
  state: 'firing',
  activeSince,
  firingSince: activeSince + 5 * MIN,
  forMs: 5 * MIN,
  escalation: {engaged: [], now: 'page Primary on-call'},
  clocks: [],
  stale: false,
});
const history = (deployedAt: number | undefined): Revision[] => [
  {revision: 3, version: '1.2.5', createdAt: deployedAt, status: 'active', active: true},
  {revision: 2, version: '1.2.4', createdAt: NOW - 3 * 86_400_000, status: 'superseded', active: false},
];
const ref = {service: 'ingestion', region: 'us-east'};
const input = (over: Partial<FitInput> = {}): FitInput => ({
  canRollback: true,
  canReplay: true,
  canScale: true,
  freezeKinds: ['deployments', 'integrity', 'writes'],
  freezes: [],
  ...over,
});

describe('rollback fits a bad deploy', () => {
  it('offers the exact service@region when the running revision went live within the hour before the alert', () => {
    const a = alert('HighErrorRate', 'ingestion@us-east');
    const fit = rollbackFit(a, ref, history(a.activeSince - 10 * MIN));
    expect(fit).toMatchObject({request: {kind: 'rollback', service: 'ingestion', region: 'us-east'}, label: 'roll back ingestion@us-east'});
    expect(rollbackFit(a, ref, history(a.activeSince - DEPLOY_WINDOW_MS))).toHaveProperty('request');
    expect(rollbackFit(a, ref, history(a.activeSince + CLOCK_SKEW_MS))).toHaveProperty('request');
  });

  it('is not offered for an old deploy, a deploy after the alert began, an unknown deploy time or no earlier revision', () => {
    const a = alert('ServiceDown', 'ingestion@us-east');
    expect(rollbackFit(a, ref, history(a.activeSince - DEPLOY_WINDOW_MS - MIN))).toMatch(/not a recent deploy/);
    expect(rollbackFit(a, ref, history(a.activeSince + CLOCK_SKEW_MS + MIN))).toMatch(/after the alert began/);
    expect(rollbackFit(a, ref, history(undefined))).toMatch(/does not say when/);
    expect(rollbackFit(a, ref, history(a.activeSince - MIN).slice(0, 1))).toMatch(/no earlier revision/);
  });

  it('only release alerts on a service ask for it, and only where the health source can roll back', () => {
    const known = {state: 'known', history: history(NOW - 25 * MIN)} as const;
    expect(alertActions(alert('HighLatency', 'ingestion@us-east'), input({history: known})).offers).toHaveLength(1);
    expect(alertActions(alert('DatabaseDown', 'ingestion@us-east'), input({history: known})).offers).toEqual([]);
    expect(alertActions(alert('ErrorBudgetBurn', 'atp-availability'), input({history: known})).offers).toEqual([]);
    expect(alertActions(alert('HighLatency', 'ingestion@us-east'), input({history: known, canRollback: false})).offers).toEqual([]);
    expect(alertActions(alert('HighLatency', 'ingestion@us-east'), input({history: {state: 'loading'}})).notes[0]).toMatch(
      /reading when ingestion@us-east was last deployed/,
    );
  });
});

describe('replay and freeze', () => {
  it('a DLQ backlog offers the replay of its full entity path, not the short name it shows', () => {
    const a = alert('DLQBacklog', 'audit.appended.v1/export-feed', 'DLQBacklog:audit.appended.v1/Subscriptions/export-feed');
    expect(alertActions(a, input()).offers.map((o) => o.request)).toEqual([{kind: 'replay', entity: 'audit.appended.v1/Subscriptions/export-feed'}]);
    expect(alertActions(a, input({canReplay: false})).offers).toEqual([]);
  });

  it('a tamper alert offers freeze integrity, unless integrity is already frozen or no source can freeze it', () => {
    const a = alert('TamperDetected', 'integrity@us-east');
    expect(alertActions(a, input()).offers.map((o) => o.request)).toEqual([{kind: 'freeze', freeze: 'integrity'}]);
    const frozen = alertActions(a, input({freezes: [{kind: 'integrity', by: 'alice', reason: 'INC-7 hash mismatch', at: NOW}]}));
    expect(frozen.offers).toEqual([]);
    expect(frozen.notes[0]).toMatch(/already frozen \(by alice: INC-7 hash mismatch\)/);
    expect(alertActions(a, input({freezeKinds: ['deployments']})).offers).toEqual([]);
  });
});

describe('scale fits a projection that lags (runbook 10.1, "Scale workers (KEDA)")', () => {
  const lag = alert('ProjectionLagHigh', 'timeline@us-east');
  it('offers the projection workers of the lagging region, prefilled with twice the replicas running, and names the runbook step', () => {
    const fit = alertActions(lag, input({replicasOf: (r) => (r.service === 'projection' && r.region === 'us-east' ? 2 : undefined)}));
    expect(fit.offers.map((o) => o.request)).toEqual([{kind: 'scale', service: 'projection', region: 'us-east', replicas: 4}]);
    expect(fit.offers[0]!.why).toMatch(/runbook 10\.1 \(Projection Catchup\).*Scale workers \(KEDA\)/);
    expect(fit.offers[0]!.label).toBe('scale projection@us-east to 4 replicas');
  });

  it('without a known replica count the form starts from the current count; without a source that scales, nothing is offered', () => {
    expect(alertActions(lag, input()).offers.map((o) => o.request)).toEqual([{kind: 'scale', service: 'projection', region: 'us-east'}]);
    const none = alertActions(lag, input({canScale: false}));
    expect(none.offers).toEqual([]);
    expect(none.notes[0]).toMatch(/no source of the health pane can scale/);
  });

  it('the suggestion never passes the bounds a scale checks', () => {
    const fit = alertActions(lag, input({replicasOf: () => 40}));
    expect(fit.offers[0]!.request).toMatchObject({replicas: 50});
  });
});

describe('the runbook table is the one source: the alert view and the footer read it', () => {
  it('names an action only for alerts whose catalog line or procedure gives one the cockpit has', () => {
    expect(Object.fromEntries(Object.entries(RUNBOOK_ACTIONS).map(([name, a]) => [name, a.map((x) => x.kind)]))).toEqual({
      ServiceDown: ['rollback'],
      HighErrorRate: ['rollback'],
      HighLatency: ['rollback'],
      ProjectionLagHigh: ['scale'],
      DLQBacklog: ['replay'],
      TamperDetected: ['freeze'],
      RegionOutage: ['scale'],
    });
  });

  it('fittingKinds: the kinds of the firing alerts, worst first, each once; pending alerts do not reorder anything', () => {
    const firing = (name: string, target: string, severity: 1 | 2 | 3) => ({...alert(name, target), severity});
    const pending = {...alert('DLQBacklog', 'audit.appended.v1/projection'), state: 'pending' as const, severity: 3 as const};
    expect(fittingKinds([firing('ProjectionLagHigh', 'timeline@us-east', 2), pending])).toEqual(['scale']);
    expect(fittingKinds([firing('HighErrorRate', 'ingestion@us-east', 2), firing('HighLatency', 'ingestion@us-east', 2)])).toEqual(['rollback']);
    expect(fittingKinds([firing('DLQBacklog', 'x', 3), firing('TamperDetected', 'integrity@us-east', 1)])).toEqual(['freeze', 'replay']);
    expect(fittingKinds([firing('MessageBusDown', 'ingestion@us-east', 1)])).toEqual([]);
  });
});

describe('what is not offered says why, in the runbook words', () => {
  it('ServiceDown without a recent deploy explains that no restart is offered; the bus and database alerts say "Retry, then page"', () => {
    const known = {state: 'known', history: history(NOW - 3 * 86_400_000)} as const;
    const down = alertActions(alert('ServiceDown', 'ingestion@us-east'), input({history: known}));
    expect(down.offers).toEqual([]);
    expect(down.notes).toEqual([expect.stringMatching(/not a recent deploy/), expect.stringMatching(/no restart offered: .*"Pod restart \(K8s\)"/)]);
    expect(alertActions(alert('MessageBusDown', 'ingestion@us-east'), input()).notes).toEqual([expect.stringMatching(/"Retry, then page"/)]);
    expect(alertActions(alert('DatabaseConnectionFailure', 'ingestion@us-east'), input()).notes[0]).toMatch(/"Retry, then page"/);
  });
});

// The actions the alert view offers (issue 14): rollback only after a recent deploy, replay of the backlog's own
// entity, freeze integrity on tampering; each as the request the normal flow takes.
import {describe, expect, it} from 'vitest';
import {alertActions, CLOCK_SKEW_MS, DEPLOY_WINDOW_MS, rollbackFit, type FitInput} from '../../src/actions/alert-actions.js';
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

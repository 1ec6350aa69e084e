// A region outage's actions (runbook Topic 41, "COMPLETE REGION OUTAGE"): the failover is Azure Front Door's, outside
// the cockpit; the cockpit offers the failover's capacity step (scale the healthy region's services) on RegionOutage,
// and offers neither restart nor rollback on the ServiceDown alerts of the region that is down.
import {describe, expect, it} from 'vitest';
import {alertActions, fittingKinds, type FitInput} from '../../src/actions/alert-actions.js';
import {evaluateAlerts} from '../../src/data/alerts/evaluate.js';
import type {ServiceHealth} from '../../src/data/readings/types.js';
import type {Revision} from '../../src/data/sources/types.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const MIN = 60_000;
const SERVICES = ['gateway', 'ingestion', 'query'];
const row = (service: string, region: string, ready: number): ServiceHealth => ({service, region, podsReady: ready, podsDesired: 3});
const dark = SERVICES.map((s) => row(s, 'us-east', 0));
const evaluate = (services: readonly ServiceHealth[]) => evaluateAlerts({readings: {health: {services}}, now: NOW}).alerts;
const recentDeploy: Revision[] = [
  {revision: 3, version: '1.2.5', createdAt: NOW - 5 * MIN, status: 'active', active: true},
  {revision: 2, version: '1.2.4', createdAt: NOW - 3 * 86_400_000, status: 'superseded', active: false},
];
const input = (services: readonly ServiceHealth[], over: Partial<FitInput> = {}): FitInput => ({
  canRollback: true,
  canReplay: true,
  canScale: true,
  freezeKinds: [],
  freezes: [],
  alerts: evaluate(services),
  services,
  history: {state: 'known', history: recentDeploy},
  ...over,
});

describe('RegionOutage offers the capacity step of the failover', () => {
  const services = [...dark, ...SERVICES.map((s) => row(s, 'eu-west', 3))];
  const outage = evaluate(services).find((a) => a.name === 'RegionOutage')!;

  it('offers s: a service of the healthy region to scale, with its capacity, and says the failover is outside the cockpit', () => {
    const fit = alertActions(outage, input(services));
    expect(fit.offers).toEqual([
      {
        request: {kind: 'scale', service: '', region: 'eu-west'},
        label: 'scale a service of eu-west (3 services, 9/9 pods ready)',
        why: expect.stringContaining("verify the healthy region's capacity"),
      },
    ]);
    expect(fit.offers[0]!.why).toContain('scale up if needed');
    expect(fit.notes).toEqual([expect.stringMatching(/^no failover offered: .*Azure Front Door.*outside the cockpit/)]);
  });

  it('says why there is nothing to scale when no region is healthy or the health source cannot scale', () => {
    const allDown = [...dark, ...SERVICES.map((s) => row(s, 'eu-west', 0))];
    const both = evaluate(allDown).find((a) => a.name === 'RegionOutage')!;
    const none = alertActions(both, input(allDown));
    expect(none.offers).toEqual([]);
    expect(none.notes).toContainEqual(expect.stringMatching(/^no scale offered: no healthy region to fail over to/));
    const cannot = alertActions(outage, input(services, {canScale: false}));
    expect(cannot.offers).toEqual([]);
    expect(cannot.notes).toContainEqual(expect.stringMatching(/^no scale offered: no source of the health pane can scale/));
  });

  it('partly down regions are not offered as the failover target', () => {
    const partly = [...dark, row('gateway', 'eu-west', 0), row('query', 'eu-west', 3), row('query', 'ap-south', 3)];
    const a = evaluate(partly).find((x) => x.name === 'RegionOutage')!;
    expect(alertActions(a, input(partly)).offers.map((o) => o.request)).toEqual([{kind: 'scale', service: '', region: 'ap-south'}]);
  });
});

describe('a ServiceDown in a region that is wholly down', () => {
  it('offers no rollback (even after a recent deploy) and no restart, and says why: fail over', () => {
    const services = [...dark, row('query', 'eu-west', 3)];
    const down = evaluate(services).find((a) => a.name === 'ServiceDown' && a.target === 'gateway@us-east')!;
    const fit = alertActions(down, input(services));
    expect(fit.offers).toEqual([]);
    expect(fit.notes).toEqual([
      'no restart or rollback offered: the whole region is down (RegionOutage us-east): runbook Topic 41 emergency procedure, fail over',
    ]);
  });

  it("fittingKinds: the outage's scale, not the rollback of the ServiceDown alerts it explains (the footer's s comes first)", () => {
    expect(fittingKinds(evaluate([...dark, row('query', 'eu-west', 3)]))).toEqual(['scale']);
    expect(fittingKinds(evaluate([row('gateway', 'us-east', 0), row('query', 'us-east', 3)]))).toEqual(['rollback']);
  });

  it('a ServiceDown whose region still serves keeps its rollback after a recent deploy', () => {
    const services = [row('gateway', 'us-east', 0), row('query', 'us-east', 3)];
    const down = evaluate(services).find((a) => a.name === 'ServiceDown')!;
    expect(alertActions(down, input(services)).offers.map((o) => o.request)).toEqual([{kind: 'rollback', service: 'gateway', region: 'us-east'}]);
  });
});

// RegionOutage: the runbook's emergency procedure "COMPLETE REGION OUTAGE" (Topic 41) as a derived alert. It fires for
// a region when every service the health pane reads there is down by ServiceDown's own condition, with at least two.
import {describe, expect, it} from 'vitest';
import {ALERT_RULES} from '../../../src/data/alerts/catalog.js';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {MIN_REGION_SERVICES} from '../../../src/data/alerts/region-rules.js';
import type {ServiceHealth} from '../../../src/data/readings/types.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const MIN = 60_000;
const SERVICES = ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'];
const up = (service: string, region: string): ServiceHealth => ({service, region, podsReady: 3, podsDesired: 3});
const down = (service: string, region: string, minutes?: number): ServiceHealth => ({
  service,
  region,
  podsReady: 0,
  podsDesired: 3,
  ...(minutes !== undefined ? {readySeries: Array.from({length: minutes + 1}, (_, i) => ({t: NOW - (minutes - i) * MIN, v: 0}))} : {}),
});
const outages = (services: readonly ServiceHealth[]) =>
  evaluateAlerts({readings: {health: {services}}, now: NOW}).alerts.filter((a) => a.name === 'RegionOutage');

describe('RegionOutage', () => {
  it('fires SEV-1 for a region whose every service is down, naming the count and the healthy regions', () => {
    const rows = [...SERVICES.map((s) => down(s, 'us-east')), ...SERVICES.map((s) => up(s, 'eu-west'))];
    expect(outages(rows)).toEqual([
      expect.objectContaining({
        key: 'RegionOutage:us-east',
        target: 'us-east',
        severity: 1,
        state: 'firing',
        summary: '8/8 services down; eu-west healthy',
        runbook: 'Topic 41 (Emergency Response: Complete Region Outage)',
      }),
    ]);
  });

  it('does not fire while one service of the region still has a ready pod, or no pods are wanted of it', () => {
    const rows = [...SERVICES.slice(1).map((s) => down(s, 'us-east')), up('gateway', 'us-east'), up('query', 'eu-west')];
    expect(outages(rows)).toEqual([]);
    // A deployment scaled to zero is not down by ServiceDown's condition, so the region is not wholly down either.
    const scaledToZero = [...SERVICES.slice(1).map((s) => down(s, 'us-east')), {service: 'gateway', region: 'us-east', podsReady: 0, podsDesired: 0}];
    expect(outages(scaledToZero)).toEqual([]);
  });

  it(`needs at least ${MIN_REGION_SERVICES} services read in the region: one down service is a ServiceDown, not a region outage`, () => {
    const alerts = evaluateAlerts({readings: {health: {services: [down('query', 'eu-west'), up('query', 'us-east')]}}, now: NOW}).alerts;
    expect(alerts.map((a) => a.name)).toEqual(['ServiceDown']);
    expect(outages([down('query', 'eu-west'), down('gateway', 'eu-west')])).toHaveLength(1);
  });

  it('reuses ServiceDown: failing readiness and liveness without pod counts count as down too', () => {
    const probes = (service: string): ServiceHealth => ({service, region: 'us-east', status: 'Unhealthy', liveStatus: 'Unhealthy'});
    expect(outages([probes('gateway'), probes('query'), up('query', 'eu-west')])).toEqual([
      expect.objectContaining({target: 'us-east', summary: '2/2 services down; eu-west healthy'}),
    ]);
  });

  it('names a partly down region as such, and says when no region is healthy', () => {
    const partly = [down('gateway', 'us-east'), down('query', 'us-east'), down('gateway', 'eu-west'), up('query', 'eu-west'), up('query', 'ap-south')];
    expect(outages(partly).map((a) => a.summary)).toEqual(['2/2 services down; ap-south healthy; eu-west 1/2 down']);
    const all = [down('gateway', 'us-east'), down('query', 'us-east'), down('gateway', 'eu-west'), down('query', 'eu-west')];
    expect(outages(all).map((a) => `${a.target}: ${a.summary}`)).toEqual([
      'eu-west: 2/2 services down; no healthy region (us-east 2/2 down)',
      'us-east: 2/2 services down; no healthy region (eu-west 2/2 down)',
    ]);
    expect(outages([down('gateway', 'us-east'), down('query', 'us-east')]).map((a) => a.summary)).toEqual(['2/2 services down; no other region read']);
  });

  it('holds since the last of its services went down', () => {
    const rows = [down('gateway', 'us-east', 9), down('query', 'us-east', 7), up('query', 'eu-west')];
    const [alert] = outages(rows);
    expect(NOW - alert!.activeSince).toBe(7 * MIN);
  });

  it('is evaluated exactly where ServiceDown is, and is not a catalog alert', () => {
    const rule = ALERT_RULES.find((r) => r.name === 'RegionOutage')!;
    const serviceDown = ALERT_RULES.find((r) => r.name === 'ServiceDown')!;
    expect(rule).toMatchObject({severity: 1, catalog: false, forMs: 0, pane: 'health'});
    for (const readings of [{}, {health: {services: [{service: 'q', region: 'r'}]}}, {health: {services: [up('q', 'r')]}}]) {
      expect(rule.evaluates(readings)).toBe(serviceDown.evaluates(readings));
    }
    expect(rule.evaluates({})).toBe(false);
    expect(rule.evaluates({health: {services: [up('q', 'r')]}})).toBe(true);
  });
});

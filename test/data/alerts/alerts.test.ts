import {describe, expect, it} from 'vitest';
import {seconds} from '../../../src/data/text/units.js';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {escalationFor} from '../../../src/data/alerts/escalation.js';
import type {ServiceHealth} from '../../../src/data/readings/types.js';

const NOW = Date.UTC(2026, 10, 28, 3, 0, 0);
const MIN = 60_000;
const series = (minutes: number, value: number) => Array.from({length: minutes * 4 + 1}, (_, i) => ({t: NOW - minutes * MIN + i * 15_000, v: value}));
const svc = (extra: Partial<ServiceHealth>): ServiceHealth => ({service: 'ingestion', region: 'us-east', podsReady: 3, podsDesired: 3, ...extra});

describe('alert catalog', () => {
  it('HighErrorRate needs >5% for 5 minutes', () => {
    const pending = evaluateAlerts({readings: {health: {services: [svc({errorRatio: 0.2, errorSeries: series(4, 0.2)})]}}, now: NOW});
    expect(pending.alerts[0]).toMatchObject({name: 'HighErrorRate', state: 'pending', severity: 2});
    const firing = evaluateAlerts({readings: {health: {services: [svc({errorRatio: 0.2, errorSeries: series(7, 0.2)})]}}, now: NOW});
    expect(firing.alerts[0]).toMatchObject({name: 'HighErrorRate', state: 'firing', runbook: '6.2 (Error Investigation)'});
    expect(NOW - firing.alerts[0]!.firingSince!).toBe(2 * MIN);
    expect(evaluateAlerts({readings: {health: {services: [svc({errorRatio: 0.04, errorSeries: series(30, 0.04)})]}}, now: NOW}).alerts).toHaveLength(0);
  });

  it('HighLatency uses 1s, and 500ms for query (runbook Topic 10), for 10 minutes', () => {
    const q = evaluateAlerts({readings: {health: {services: [svc({service: 'query', p95Ms: 600, p95Series: series(11, 600)})]}}, now: NOW});
    expect(q.alerts[0]).toMatchObject({name: 'HighLatency', state: 'firing'});
    const i = evaluateAlerts({readings: {health: {services: [svc({p95Ms: 600, p95Series: series(11, 600)})]}}, now: NOW});
    expect(i.alerts).toHaveLength(0);
    const young = evaluateAlerts({readings: {health: {services: [svc({p95Ms: 1500, p95Series: series(9, 1500)})]}}, now: NOW});
    expect(young.alerts[0]?.state).toBe('pending');
  });

  it('ServiceDown fires at once with 0 healthy pods, SEV-1', () => {
    const r = evaluateAlerts({readings: {health: {services: [svc({podsReady: 0, readySeries: series(8, 0)})]}}, now: NOW});
    expect(r.alerts[0]).toMatchObject({name: 'ServiceDown', severity: 1, state: 'firing'});
    expect(NOW - r.alerts[0]!.firingSince!).toBe(8 * MIN);
  });

  it('ProjectionLagHigh needs >30s for 10 minutes; DLQBacklog >100 for 30 minutes', () => {
    const lag = evaluateAlerts({
      readings: {lag: {projections: [{projection: 'timeline', region: 'us-east', lagSeconds: 45, p95Seconds: 45, series: series(12, 45)}]}},
      now: NOW,
    });
    expect(lag.alerts[0]).toMatchObject({name: 'ProjectionLagHigh', state: 'firing', runbook: '10.1 (Projection Catchup)', summary: 'lag P95 45s > 30s'});
    // A lag of 40 minutes reads as the lag pane writes it (40m), never as 2408s.
    const stalled = evaluateAlerts({
      readings: {lag: {projections: [{projection: 'timeline', region: 'us-east', lagSeconds: 2408, p95Seconds: 2408, series: series(12, 2408)}]}},
      now: NOW,
    });
    expect(stalled.alerts[0]?.summary).toBe(`lag P95 ${seconds(2408)} > 30s`);
    expect(seconds(2408)).toBe('40m');
    const dlq = (minutes: number) =>
      evaluateAlerts({readings: {dlq: {entities: [{entity: 'q', kind: 'queue', deadLetter: 150, active: 0, series: series(minutes, 150)}]}}, now: NOW})
        .alerts[0];
    expect(dlq(29)?.state).toBe('pending');
    expect(dlq(31)).toMatchObject({state: 'firing', severity: 3, runbook: '10.2 (DLQ Triage)'});
  });

  it('check-based catalog alerts: database, message bus, tamper', () => {
    const checks = [
      {name: 'database', status: 'Unhealthy' as const, description: 'Azure SQL connection failed: Timeout'},
      {name: 'servicebus', status: 'Unhealthy' as const},
      {name: 'hashchain-store', status: 'Unhealthy' as const, description: 'tamper suspected'},
    ];
    const names = evaluateAlerts({readings: {health: {services: [svc({checks})]}}, now: NOW}).alerts.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['DatabaseConnectionFailure', 'MessageBusDown', 'TamperDetected']));
  });

  it('multi-window burn: 5m/1h over 14.4 pages as SEV-2; a slow burn is SEV-3', () => {
    const page = evaluateAlerts({readings: {burn: {slos: [{slo: 'avail', objective: 0.999, periodDays: 30, errorRatio: {'5m': 0.03, '1h': 0.02}}]}}, now: NOW});
    expect(page.alerts[0]).toMatchObject({name: 'ErrorBudgetBurn', severity: 2});
    const slow = evaluateAlerts({
      readings: {burn: {slos: [{slo: 'avail', objective: 0.999, periodDays: 30, errorRatio: {'5m': 0.001, '1h': 0.001, '2h': 0.004, '1d': 0.0035}}]}},
      now: NOW,
    });
    expect(slow.alerts[0]).toMatchObject({name: 'ErrorBudgetBurn', severity: 3});
  });

  it('remembers when a condition without history was first seen', () => {
    const readings = {health: {services: [svc({errorRatio: 0.3})]}};
    const first = evaluateAlerts({readings, now: NOW});
    expect(first.alerts[0]?.state).toBe('pending');
    const later = evaluateAlerts({readings, now: NOW + 6 * MIN, memory: first.memory});
    expect(later.alerts[0]?.state).toBe('firing');
    const cleared = evaluateAlerts({readings: {health: {services: [svc({errorRatio: 0.01})]}}, now: NOW + 7 * MIN, memory: later.memory});
    expect(cleared.memory.size).toBe(0);
  });
});

describe('severity escalation matrix', () => {
  it('SEV-1: the definition pages primary, secondary and manager and escalates to the VP at once; CTO at 4h if customer-impacting', () => {
    const at10 = escalationFor(1, 10 * MIN);
    expect(at10.engaged).toEqual(['Primary on-call', 'Secondary on-call', 'Manager on-call', 'VP Engineering']);
    expect(at10.next).toMatchObject({who: 'CTO', when: 'if customer-impacting', inMs: 230 * MIN});
    // The time matrix says otherwise, and the cockpit says so rather than hiding it.
    expect(at10.note).toMatch(/time matrix: Secondary 30m, Manager 60m, VP 120m/);
  });
  it('SEV-2: +secondary at 60m, +manager at 120m, CTO at 4h; SEV-3: +secondary at 120m (matrix, earlier than its 4h definition)', () => {
    expect(escalationFor(2, 45 * MIN)).toMatchObject({engaged: ['Primary on-call'], next: {who: 'Secondary on-call', inMs: 15 * MIN}});
    expect(escalationFor(2, 61 * MIN).engaged).toEqual(['Primary on-call', 'Secondary on-call']);
    expect(escalationFor(2, 180 * MIN).engaged).toEqual(['Primary on-call', 'Secondary on-call', 'Manager on-call']);
    expect(escalationFor(3, 100 * MIN)).toMatchObject({engaged: [], now: 'no page: #atp-ops + ticket'});
    expect(escalationFor(3, 121 * MIN).engaged).toEqual(['Secondary on-call']);
    expect(escalationFor(3, 0).note).toMatch(/4h/);
  });
});

// Issue 12, "Alerts: the whole catalog, each from the right signal": every test here failed on the code before it.
import {describe, expect, it} from 'vitest';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {ManualClock} from '../../../src/data/clock.js';
import {createDemoSource} from '../../../src/data/demo/source.js';
import {serviceHealth} from '../../../src/data/kubernetes/health.js';
import {healthFromProm} from '../../../src/data/prometheus/map-health.js';
import {paneQueries} from '../../../src/data/prometheus/queries.js';
import type {InstantSeries} from '../../../src/data/prometheus/vector.js';
import {PANE_IDS, type CheckEntry, type ReadingByPane, type ServiceHealth} from '../../../src/data/readings/types.js';
import {rowStatus} from '../../../src/data/health/status.js';
import {DEFAULT_THRESHOLDS} from '../../../src/data/alerts/catalog.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const svc = (extra: Partial<ServiceHealth>): ServiceHealth => ({service: 'integrity', region: 'us-east', podsReady: 2, podsDesired: 2, ...extra});
const names = (readings: Partial<ReadingByPane>, now = NOW) => evaluateAlerts({readings, now}).alerts.map((a) => a.name);
const check = (name: string, description: string, status: CheckEntry['status'] = 'Unhealthy'): CheckEntry => ({name, status, description});

describe('each alert from the right signal', () => {
  it('a failing hash-chain store check is a connectivity fault, not tampering', () => {
    const readings = {health: {services: [svc({status: 'Unhealthy', checks: [check('hashchain-store', 'Hash chain state store connected')]})]}};
    expect(names(readings)).not.toContain('TamperDetected');
    // The row still reads as the dependency failure it is.
    expect(rowStatus(readings.health.services[0]!, DEFAULT_THRESHOLDS).status).toBe('Unhealthy');
  });

  it('tamper comes from the tamper counter, or from a health entry that itself reports tampering', () => {
    const counter = {health: {services: [], platform: {tamperEvents: [{target: 'integrity@us-east', value: 2}]}}};
    expect(evaluateAlerts({readings: counter, now: NOW}).alerts[0]).toMatchObject({name: 'TamperDetected', severity: 1, target: 'integrity@us-east'});
    const entry = {health: {services: [svc({checks: [check('merkle', 'Hash mismatch at segment 4411: chain verification failed')]})]}};
    expect(names(entry)).toContain('TamperDetected');
  });

  it('DatabaseConnectionFailure and MessageBusDown come from what the checks report, and need Unhealthy', () => {
    const readmodel = {health: {services: [svc({service: 'query', checks: [check('readmodel', 'Read model database (projections) reachable')]})]}};
    expect(names(readmodel)).toContain('DatabaseConnectionFailure');
    const byWords = {health: {services: [svc({checks: [check('primary-store', 'Azure SQL connection failed: Timeout')]})]}};
    expect(names(byWords)).toContain('DatabaseConnectionFailure');
    const bus = {health: {services: [svc({service: 'projection', checks: [check('subscription', 'Azure Service Bus subscription active')]})]}};
    expect(names(bus)).toContain('MessageBusDown');
    // "All connections fail": a slow database is not a failed one.
    const slow = {health: {services: [svc({checks: [check('database', 'Azure SQL connection pool: 10/10 active', 'Degraded')]})]}};
    expect(names(slow)).not.toContain('DatabaseConnectionFailure');
  });

  it('DiskSpaceLow, CertificateExpiring, KeyRotationOverdue and ComplianceViolation are evaluated where a source has the data', () => {
    const platform = {
      diskFree: [{target: 'aks-workers-0:/var/lib@us-east', value: 0.06}],
      certExpiry: [
        {target: 'api.atp.example.com@us-east', value: NOW + 5 * DAY},
        {target: 'ingestion.atp.internal@us-east', value: NOW + 20 * DAY},
      ],
      keyRotated: [{target: 'integrity-signing@us-east', value: NOW - 100 * DAY}],
      complianceEvents: [{target: 'eu-west', value: 1}],
    };
    const {alerts} = evaluateAlerts({readings: {health: {services: [], platform}}, now: NOW});
    const by = (name: string, target: string) => alerts.find((a) => a.name === name && a.target === target);
    expect(by('DiskSpaceLow', 'aks-workers-0:/var/lib@us-east')).toMatchObject({severity: 2, runbook: '15.1 (Capacity Expansion)'});
    // The catalog's SEV-3 under 30 days, and the SEV-2 definition's "Certificate expiring <7 days".
    expect(by('CertificateExpiring', 'api.atp.example.com@us-east')?.severity).toBe(2);
    expect(by('CertificateExpiring', 'ingestion.atp.internal@us-east')?.severity).toBe(3);
    expect(by('KeyRotationOverdue', 'integrity-signing@us-east')).toMatchObject({severity: 2, state: 'firing'});
    expect(by('ComplianceViolation', 'eu-west')).toMatchObject({severity: 1, runbook: '19.1 (Compliance Emergency)'});
  });

  it('says which alerts could not be evaluated; the demo evaluates every one', async () => {
    const bare = evaluateAlerts({readings: {health: {services: [svc({})]}}, now: NOW});
    expect(bare.unevaluated.map((r) => r.name)).toEqual(
      expect.arrayContaining(['DiskSpaceLow', 'CertificateExpiring', 'KeyRotationOverdue', 'TamperDetected', 'ComplianceViolation', 'DLQBacklog']),
    );
    const clock = new ManualClock(NOW);
    const source = createDemoSource({scenario: 'calm', seed: 1, clock});
    const readings = {} as Record<string, unknown>;
    for (const pane of PANE_IDS) readings[pane] = await source.read(pane, new AbortController().signal);
    expect(evaluateAlerts({readings: readings as Partial<ReadingByPane>, now: NOW}).unevaluated.map((r) => r.name)).toEqual([]);
  });
});

describe('an alert is as old as the source says', () => {
  it('an incident 3 hours old escalates like one: Prometheus ALERTS_FOR_STATE reaches past the 60m trend', () => {
    const onsetAt = NOW - 3 * 60 * MIN;
    const tag = (stat: string, labels: Record<string, string>, value: number): InstantSeries => ({labels: {atp_stat: stat, ...labels}, value});
    const instant = [
      tag('rps', {service: 'ingestion', region: 'us-east'}, 100),
      tag('errors', {service: 'ingestion', region: 'us-east'}, 30),
      tag('onset', {alertname: 'HighErrorRate', service: 'ingestion', region: 'us-east'}, onsetAt / 1000),
    ];
    const reading = healthFromProm(instant, []);
    // The trend (60 minutes) shows the condition held for all of it; the source's own record is older.
    const errorSeries = Array.from({length: 61}, (_, i) => ({t: NOW - (60 - i) * MIN, v: 0.3}));
    const health = {...reading, services: reading.services.map((s) => ({...s, errorSeries}))};
    const alert = evaluateAlerts({readings: {health}, now: NOW}).alerts[0]!;
    expect(alert).toMatchObject({name: 'HighErrorRate', activeSince: onsetAt, firingSince: onsetAt + 5 * MIN});
    expect(alert.escalation.engaged).toEqual(['Primary on-call', 'Secondary on-call', 'Manager on-call']);
  });

  it("RegionOutage takes its age from the shipped rule's ALERTS_FOR_STATE, keyed by region", () => {
    const onsetAt = NOW - 2 * 60 * MIN;
    const tag = (stat: string, labels: Record<string, string>, value: number): InstantSeries => ({labels: {atp_stat: stat, ...labels}, value});
    const instant = ['gateway', 'query'].flatMap((service) => [tag('desired', {service, region: 'us-east'}, 3), tag('ready', {service, region: 'us-east'}, 0)]);
    instant.push(tag('onset', {alertname: 'RegionOutage', region: 'us-east'}, onsetAt / 1000));
    const alert = evaluateAlerts({readings: {health: healthFromProm(instant, [])}, now: NOW}).alerts.find((a) => a.name === 'RegionOutage')!;
    expect(alert).toMatchObject({target: 'us-east', activeSince: onsetAt});
    expect(paneQueries({selector: '', sloSelector: '', rateWindow: '5m'}).health.instant).toMatch(/ALERTS_FOR_STATE\{alertname=~"[^"]*RegionOutage/);
  });

  it('ServiceDown takes its age from the Deployment condition, not from when the cockpit started', () => {
    const since = NOW - 3 * 60 * MIN;
    const deployment = {
      metadata: {name: 'query', annotations: {}},
      spec: {replicas: 3, selector: {matchLabels: {app: 'query'}}, template: {spec: {containers: [{name: 'query', image: 'atp/query:1.4.4'}]}}},
      status: {conditions: [{type: 'Available', status: 'False', lastTransitionTime: new Date(since).toISOString()}]},
    };
    const row = serviceHealth({
      service: 'query',
      region: 'us-east',
      namespace: 'atp-query-ns',
      deploymentName: 'query',
      deployments: [deployment],
      pods: [],
      events: [],
      now: NOW,
    });
    const alert = evaluateAlerts({readings: {health: {services: [row]}}, now: NOW}).alerts.find((a) => a.name === 'ServiceDown')!;
    expect(alert.activeSince).toBe(since);
    expect(alert.clocks.find((c) => c.what === 'respond')?.leftMs).toBeLessThan(0);
  });
});

describe('limits that fit the workload', () => {
  it('batch export has no interactive latency limit: the calm demo never shows export Degraded', async () => {
    const clock = new ManualClock(NOW);
    const source = createDemoSource({scenario: 'calm', seed: 1, clock});
    for (let minute = 0; minute < 20; minute++) {
      const health = await source.read('health', new AbortController().signal);
      for (const row of health.services.filter((s) => s.service === 'export')) {
        expect(rowStatus(row, DEFAULT_THRESHOLDS), `${row.service}@${row.region} P95 ${row.p95Ms}`).toMatchObject({status: 'Healthy'});
      }
      clock.advance(MIN);
    }
    const slowExport = {health: {services: [svc({service: 'export', p95Ms: 2500, p95Series: [{t: NOW - 20 * MIN, v: 2500}]})]}};
    expect(names(slowExport)).not.toContain('HighLatency');
  });
});

// The runbook, transcribed by hand (shared/reference, "ATP Alert Catalog" in Topic 6, "Severity Levels" and the
// "Severity Escalation Matrix" in Topic 9, "SLO Monitoring & Burn Rate Alerts" in Topic 10, "Escalation Matrix" in
// Topic 43), checked against what the cockpit evaluates, shows and ships. Any divergence fails here.
// Where the runbook contradicts itself, both readings are written down and the test pins the one the cockpit follows.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ALERT_RULES, DEFAULT_THRESHOLDS} from '../../../src/data/alerts/catalog.js';
import {escalationFor, responseClocks, SEVERITY_POLICY, type Severity} from '../../../src/data/alerts/escalation.js';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {MIN_REGION_SERVICES} from '../../../src/data/alerts/region-rules.js';
import {DEFAULT_POLICY} from '../../../src/data/slo/burn.js';

const MIN = 60_000;

/** Topic 6, "ATP Alert Catalog": | Alert | Severity | Threshold | Runbook Section | (transcribed, not imported). */
const CATALOG = [
  {alert: 'ServiceDown', severity: 1, threshold: '0 healthy pods', section: '6.1 (Service Restart)', forMin: 0},
  {alert: 'HighErrorRate', severity: 2, threshold: '>5% errors, 5min', section: '6.2 (Error Investigation)', forMin: 5},
  {alert: 'HighLatency', severity: 2, threshold: 'P95 >1s, 10min', section: '6.3 (Performance Tuning)', forMin: 10},
  {alert: 'DatabaseConnectionFailure', severity: 1, threshold: 'All connections fail', section: '8.1 (Database Recovery)', forMin: 0},
  {alert: 'MessageBusDown', severity: 1, threshold: 'Service Bus unreachable', section: '9.1 (Message Bus Recovery)', forMin: 0},
  {alert: 'ProjectionLagHigh', severity: 2, threshold: 'Lag >30s, 10min', section: '10.1 (Projection Catchup)', forMin: 10},
  {alert: 'DLQBacklog', severity: 3, threshold: '>100 msgs, 30min', section: '10.2 (DLQ Triage)', forMin: 30},
  {alert: 'DiskSpaceLow', severity: 2, threshold: '<10% free', section: '15.1 (Capacity Expansion)', forMin: 0},
  {alert: 'CertificateExpiring', severity: 3, threshold: '<30 days', section: '14.1 (Certificate Renewal)', forMin: 0},
  {alert: 'KeyRotationOverdue', severity: 2, threshold: '>90 days', section: '14.2 (Emergency Key Rotation)', forMin: 0},
  {alert: 'TamperDetected', severity: 1, threshold: 'Any tamper alert', section: '17.1 (Tamper Investigation)', forMin: 0},
  {alert: 'ComplianceViolation', severity: 1, threshold: 'Retention/residency breach', section: '19.1 (Compliance Emergency)', forMin: 0},
] as const;

/** Topic 9, "Severity Levels": Response Time, Resolution Time, Escalation (minutes). */
const SEVERITIES = {
  1: {
    respondMin: 5,
    resolveMin: 4 * 60,
    definitionEscalation: 'Immediate (Manager + VP Engineering)',
    pages: ['Primary on-call', 'Secondary on-call', 'Manager on-call'],
  },
  2: {respondMin: 15, resolveMin: 8 * 60, definitionEscalation: 'After 1 hour if unresolved', pages: ['Primary on-call']},
  3: {respondMin: 60, resolveMin: 24 * 60, definitionEscalation: 'After 4 hours if unresolved', pages: []},
  4: {respondMin: undefined, resolveMin: 7 * 24 * 60, definitionEscalation: 'None', pages: []},
} as const;

/** Topic 9, "Severity Escalation Matrix": | Time Elapsed | SEV-1 | SEV-2 | SEV-3 |, cumulative. */
const TIME_MATRIX: Readonly<Record<1 | 2 | 3, readonly [fromMin: number, who: string][]>> = {
  1: [
    [0, 'Primary on-call'],
    [30, 'Secondary on-call'],
    [60, 'Manager on-call'],
    [120, 'VP Engineering'],
  ],
  2: [
    [0, 'Primary on-call'],
    [60, 'Secondary on-call'],
    [120, 'Manager on-call'],
  ],
  3: [[120, 'Secondary on-call']],
};

/** Topic 43, "Escalation Matrix": L5 CTO, "Customer-impacting, 4h+". */
const CTO_AFTER_MIN = 4 * 60;

/** Topic 10: SLO targets and the error budget policy. */
const SLO_POLICY = [
  {consumed: 0.1, action: 'Freeze feature releases'},
  {consumed: 0.25, action: 'Emergency freeze, focus on stability'},
  {consumed: 0.5, action: 'Incident declared, all hands'},
  {consumed: 1, action: 'Postmortem, process review'},
];
const TOPIC10 = {queryP95AlertMs: 500, ingestionP95AlertMs: 1000, projectionP95AlertSeconds: 30, availabilityBudgetShareIn1h: 0.1};

describe('the alert catalog', () => {
  it('evaluates every catalog alert with the runbook severity, section and `for` duration, in catalog order', () => {
    const catalog = ALERT_RULES.filter((r) => r.catalog);
    expect(catalog.map((r) => r.name)).toEqual(CATALOG.map((c) => c.alert));
    for (const c of CATALOG) {
      const rule = catalog.find((r) => r.name === c.alert)!;
      expect({severity: rule.severity, section: rule.runbook, forMin: rule.forMs / MIN}, c.alert).toEqual({
        severity: c.severity,
        section: c.section,
        forMin: c.forMin,
      });
      // The cockpit states the runbook's condition in the runbook's words (it may add what else the runbook says).
      expect(rule.threshold, c.alert).toContain(c.threshold.replace(', 5min', '').replace(', 10min', '').replace(', 30min', ''));
    }
  });

  it('ships a Prometheus rule for every catalog alert, with the same severity and section', () => {
    const rules = readFileSync(join(import.meta.dirname, '..', '..', '..', 'deploy', 'prometheus', 'rules', 'atp-alerts.rules.yml'), 'utf8');
    for (const c of CATALOG) {
      const block = rules.split('  - alert: ').find((b) => b.startsWith(`${c.alert}\n`) && b.includes(`severity: SEV-${c.severity}`));
      expect(block, `${c.alert} SEV-${c.severity} in atp-alerts.rules.yml`).toBeDefined();
      expect(block).toContain(`runbook_section: "${c.section}"`);
      if (c.forMin) expect(block).toContain(`for: ${c.forMin}m`);
    }
  });

  it('labels the Topic 10 burn alerts the same in the cockpit and in the shipped rules', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'deploy', 'prometheus', 'rules');
    const slos = readFileSync(join(dir, 'atp-slos.rules.yml'), 'utf8');
    const alerts = readFileSync(join(dir, 'atp-alerts.rules.yml'), 'utf8');
    const rule = (name: string) => ALERT_RULES.find((r) => r.name === name)!;
    expect(slos).toContain(`runbook_section: "${rule('ErrorBudgetBurn').runbook}"`);
    expect(alerts).toContain(`runbook_section: "${rule('AvailabilityBudget1h').runbook}"`);
  });

  it("ships the emergency procedure's RegionOutage (Topic 41) as the cockpit evaluates it: SEV-1, its section, at least 2 services", () => {
    const rules = readFileSync(join(import.meta.dirname, '..', '..', '..', 'deploy', 'prometheus', 'rules', 'atp-alerts.rules.yml'), 'utf8');
    const rule = ALERT_RULES.find((r) => r.name === 'RegionOutage')!;
    expect(rule).toMatchObject({severity: 1, catalog: false, forMs: 0});
    const block = rules.split('  - alert: ').find((b) => b.startsWith('RegionOutage\n'));
    expect(block, 'RegionOutage in atp-alerts.rules.yml').toBeDefined();
    expect(block).toContain('severity: SEV-1');
    expect(block).toContain(`runbook_section: "${rule.runbook}"`);
    expect(block).toContain(`>= ${MIN_REGION_SERVICES}\n`);
    expect(block).not.toContain('for: ');
  });

  it('uses the thresholds the runbook sets by default', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      errorRatio: 0.05,
      p95Ms: TOPIC10.ingestionP95AlertMs,
      lagSeconds: TOPIC10.projectionP95AlertSeconds,
      dlqMessages: 100,
    });
    expect(DEFAULT_THRESHOLDS.p95MsByService.query).toBe(TOPIC10.queryP95AlertMs);
    expect(DEFAULT_POLICY).toEqual(SLO_POLICY);
  });

  it("evaluates the runbook's availability alert: 10% of the budget in 1 hour", () => {
    const objective = 0.999;
    // 10% of a 30-day budget in one hour is an hourly error ratio of 0.1 x 720 x 0.001 = 7.2%.
    const at = (ratio: number) =>
      evaluateAlerts({readings: {burn: {slos: [{slo: 'atp-availability', objective, periodDays: 30, errorRatio: {'1h': ratio}}]}}, now: 0}).alerts.map(
        (a) => a.name,
      );
    expect(at(0.0721)).toContain('AvailabilityBudget1h');
    expect(at(0.0719)).not.toContain('AvailabilityBudget1h');
    expect(TOPIC10.availabilityBudgetShareIn1h * 30 * 24 * (1 - objective)).toBeCloseTo(0.072);
  });
});

describe('severities and escalation', () => {
  it('response and resolution clocks follow the severity definitions', () => {
    for (const sev of [1, 2, 3, 4] as Severity[]) {
      const def = SEVERITIES[sev];
      const clocks = responseClocks(sev, 0);
      expect(clocks.find((c) => c.what === 'respond')?.withinMs, `SEV-${sev} respond`).toBe(def.respondMin === undefined ? undefined : def.respondMin * MIN);
      expect(clocks.find((c) => c.what === 'resolve')?.withinMs, `SEV-${sev} resolve`).toBe(def.resolveMin * MIN);
    }
  });

  it('never pages fewer people than any part of the runbook asks for, at any minute', () => {
    for (const sev of [1, 2, 3] as const) {
      for (let minute = 0; minute <= 300; minute += 5) {
        const engaged = escalationFor(sev, minute * MIN).engaged.map((w) => w.replace(/ \(.*\)$/, ''));
        const byMatrix = TIME_MATRIX[sev].filter(([from]) => minute >= from).map(([, who]) => who);
        for (const who of [...byMatrix, ...SEVERITIES[sev].pages]) expect(engaged, `SEV-${sev} at ${minute}m`).toContain(who);
        if (sev === 1) expect(engaged, 'SEV-1 definition: VP Engineering at once').toContain('VP Engineering');
        if (sev <= 2 && minute >= CTO_AFTER_MIN) expect(engaged, `SEV-${sev} at ${minute}m: L5 CTO`).toContain('CTO');
      }
    }
  });

  it('says where the runbook contradicts itself', () => {
    expect(SEVERITY_POLICY[1].note).toMatch(/SEV-1 definition.*time matrix/);
    expect(SEVERITY_POLICY[3].note).toMatch(/SEV-3 definition.*4h.*time matrix.*120m/);
    expect(escalationFor(4, 600 * MIN)).toMatchObject({engaged: [], next: undefined});
  });
});

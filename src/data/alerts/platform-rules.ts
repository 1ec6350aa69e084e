// Catalog alerts read from platform signals rather than service rows: DiskSpaceLow (15.1), CertificateExpiring (14.1),
// KeyRotationOverdue (14.2), TamperDetected (17.1) and ComplianceViolation (19.1). Each is evaluated only where a source
// reports its signal; a source that reports none leaves it "not evaluated", never silently clear.
import {reportsTamper} from '../health/checks.js';
import type {PlatformSignals, TargetValue} from '../readings/types.js';
import {duration, percent} from '../text/units.js';
import {collect, DAY, type AlertRule, type Candidate, type Readings} from './rule.js';

const signal = (r: Readings, key: keyof PlatformSignals) => r.health?.platform?.[key];

function platformRule(
  rule: Omit<AlertRule, 'evaluates' | 'evaluate' | 'catalog' | 'forMs' | 'pane'>,
  key: keyof PlatformSignals,
  find: (v: TargetValue, now: number) => Omit<Candidate, 'key' | 'target'> | undefined,
): AlertRule {
  return {
    ...rule,
    catalog: true,
    forMs: 0,
    pane: 'health',
    evaluates: (r) => signal(r, key) !== undefined,
    evaluate: (r, _t, now) =>
      collect(signal(r, key), (v) => {
        const found = find(v, now);
        return found ? {key: `${rule.name}:${v.target}`, target: v.target, ...found} : undefined;
      }),
  };
}

const tamperCounter = platformRule(
  {name: 'TamperDetected', severity: 1, threshold: 'Any tamper alert', runbook: '17.1 (Tamper Investigation)'},
  'tamperEvents',
  (v) => (v.value > 0 ? {summary: `${v.value} tamper alert(s) in the last 15m`} : undefined),
);

export const PLATFORM_RULES: readonly AlertRule[] = [
  platformRule({name: 'DiskSpaceLow', severity: 2, threshold: '<10% free', runbook: '15.1 (Capacity Expansion)'}, 'diskFree', (v) =>
    v.value < 0.1 ? {summary: `${percent(v.value)} free < 10%`} : undefined,
  ),
  // The catalog says SEV-3 under 30 days; the SEV-2 definition lists "Certificate expiring <7 days". Both apply.
  platformRule(
    {name: 'CertificateExpiring', severity: 3, threshold: '<30 days (SEV-2 under 7 days)', runbook: '14.1 (Certificate Renewal)'},
    'certExpiry',
    (v, now) => {
      const left = v.value - now;
      if (!(left < 30 * DAY)) return undefined;
      return {summary: left <= 0 ? 'certificate expired' : `expires in ${duration(left)}`, severity: left < 7 * DAY ? 2 : 3};
    },
  ),
  platformRule({name: 'KeyRotationOverdue', severity: 2, threshold: '>90 days', runbook: '14.2 (Emergency Key Rotation)'}, 'keyRotated', (v, now) =>
    now - v.value > 90 * DAY ? {summary: `last rotated ${duration(now - v.value)} ago > 90d`, heldSince: v.value + 90 * DAY} : undefined,
  ),
  {
    ...tamperCounter,
    // A health entry that itself reports tampering counts too; a failing hash-chain *store* check does not.
    evaluate: (r, t, now) => [
      ...tamperCounter.evaluate(r, t, now),
      ...collect(r.health?.services, (row) => {
        const check = (row.checks ?? []).find(reportsTamper);
        const target = `${row.service}@${row.region}`;
        return check ? {key: `TamperDetected:${target}`, target, summary: `${check.name}: ${check.description ?? check.status}`} : undefined;
      }),
    ],
  },
  platformRule(
    {name: 'ComplianceViolation', severity: 1, threshold: 'Retention/residency breach', runbook: '19.1 (Compliance Emergency)'},
    'complianceEvents',
    (v) => (v.value > 0 ? {summary: `${v.value} retention/residency violation(s) in the last 15m`} : undefined),
  ),
];

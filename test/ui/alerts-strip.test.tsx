// Issue 12 on screen: "No firing alerts" only when every alert was evaluated; one severity vocabulary in the strip,
// the pane titles and the rows; who to page now and the response clock on the alert.
import {afterEach, describe, expect, it} from 'vitest';
import {createDemoSource} from '../../src/data/demo/source.js';
import type {SourceFactory} from '../../src/data/sources/registry.js';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** The demo, but its health reading carries no platform signals (as a health-endpoint or Kubernetes source). */
const withoutPlatform: SourceFactory = async (_config, {clock}) => {
  const demo = createDemoSource({scenario: 'calm', seed: 1, clock});
  return {
    ...demo,
    read: async (pane, signal) => {
      const reading = await demo.read(pane, signal);
      if (pane !== 'health') return reading;
      const {platform: _dropped, ...rest} = reading as Awaited<ReturnType<typeof demo.read<'health'>>>;
      return rest as typeof reading;
    },
  };
};

describe('the alert strip tells the truth about coverage', () => {
  it('says "No firing alerts" on the calm demo, where every catalog alert is evaluated', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 160, rows: 40});
    const frame = await app.waitFor('No firing alerts');
    expect(frame).not.toContain('not evaluated');
  });

  it('names the catalog alerts no source can evaluate, and never claims all clear', async () => {
    app = await renderCockpit({session: {createSource: withoutPlatform}, columns: 250, rows: 40});
    const frame = await app.waitFor('not evaluated');
    expect(frame).toContain(
      '5 catalog alerts not evaluated: no source (DiskSpaceLow, CertificateExpiring, KeyRotationOverdue, TamperDetected, ComplianceViolation)',
    );
    expect(frame).not.toMatch(/No firing alerts(?! among)/);
  });
});

describe('one severity vocabulary', () => {
  it('dlq-storm: the DLQ title counts SEV-3 alerts as the strip shows them, never "critical"', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 250, rows: 70});
    const frame = await app.waitFor('DLQBacklog');
    expect(frame).toMatch(/DLQ depth · 12 entities · 3 SEV-3 firing/);
    expect(frame).not.toMatch(/\d+ critical/);
    // The entity is spelt the same in its alert and in its row.
    expect(frame).toContain('DLQBacklog audit.appended.v1/search-indexer');
    const row = frame.split('\n').find((l) => l.includes('audit.appended.v1/search-indexer') && !l.includes('DLQBacklog'));
    expect(row).toMatch(/SEV-3 \d+m/);
  });

  it('bad-deploy: the row of a service with a SEV-2 alert says so; the strip says who to page and the clock', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 250, rows: 70});
    const frame = await app.waitFor('HighErrorRate');
    const row = frame.split('\n').find((l) => /ingestion@us-east/.test(l) && /Degraded|Unhealthy/.test(l));
    expect(row).toMatch(/SEV-2/);
    // The cause leads the incident summary (issue 14); the strip lists the rest, each with its page and clock.
    expect(frame).toMatch(/SEV-2 HighErrorRate ingestion@us-east \(\+2 more\) — page Primary on-call/);
    const alert = frame.split('\n').find((l) => l.includes('HighLatency ingestion@us-east'));
    expect(alert).toContain('page Primary on-call');
    expect(alert).toMatch(/respond (within 15m: \d+m left|overdue by \d+m)|resolve within 8h: \d+h\d*m? left/);
    expect(alert).toContain('next Secondary on-call in');
    // A P95 reads alike in its row and in its alert: seconds with one decimal over 1 s.
    const p95 = /HighLatency ingestion@us-east · P95 (\d+\.\ds) > 1\.0s/.exec(frame);
    expect(p95, 'HighLatency ingestion@us-east on screen').not.toBeNull();
    expect(row).toContain(p95![1]);
  });
});

describe('the alert view', () => {
  it("shows since when, the condition, escalation now and next, the clocks and the runbook section's procedure", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 160, rows: 60});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    // The cause leads the list (issue 14): Enter opens its account.
    await app.waitFor('Alerts: 3 firing');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('procedure 6.2');
    expect(frame).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\dZ \(\d+m ago\) · firing for \d+m/);
    expect(frame).toContain('condition: >5% errors, 5min');
    expect(frame).toMatch(/escalation now: page Primary on-call\s+escalation next: Secondary on-call in \d+m/);
    expect(frame).toMatch(/clock: respond (within 15m: \d+m left|overdue by \d+m) · resolve within 8h/);
    expect(frame).toContain('A bad release: roll back (r)');
  });
});

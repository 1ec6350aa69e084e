// The status update: composed from the firing alerts and the journal, and due every 15 (SEV-1) or 30 (SEV-2) minutes.
import {describe, expect, it} from 'vitest';
import {evaluateAlerts, type ActiveAlert} from '../../src/data/alerts/evaluate.js';
import type {ServiceHealth} from '../../src/data/readings/types.js';
import type {JournalEntry} from '../../src/actions/journal.js';
import {composeUpdate, incidentStart, lastUpdateAt, updateDue} from '../../src/actions/status-update.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 6, 14, 32, 0);
const down = (service: string, region: string): ServiceHealth => ({service, region, podsReady: 0, podsDesired: 3});
const erroring = (service: string, region: string): ServiceHealth => ({service, region, podsReady: 3, podsDesired: 3, errorRatio: 0.12});

/** The alerts of `services`, as if they had fired `agoMin` minutes before NOW. */
function alertsOf(services: ServiceHealth[], agoMin: number): ActiveAlert[] {
  const {alerts} = evaluateAlerts({readings: {health: {services}}, now: NOW});
  return alerts.map((a) => ({...a, state: 'firing', activeSince: NOW - agoMin * MIN - a.forMs, firingSince: NOW - agoMin * MIN}));
}

let seq = 0;
function entry(at: number, action: string, phase: JournalEntry['phase'], target: string, message?: string, params?: Record<string, unknown>): JournalEntry {
  seq++;
  return {
    seq,
    at: new Date(at).toISOString(),
    prev: '',
    hash: '',
    actionId: `a${seq}`,
    action,
    phase,
    who: {user: 'alice', host: 'jump1'},
    context: 'prod',
    environment: 'prod',
    target,
    message,
    params,
  };
}

describe('updateDue', () => {
  it('is due 15 minutes after a SEV-1 began, and 15 minutes after the last update', () => {
    const alerts = alertsOf([down('ingestion', 'us-east')], 20);
    expect(incidentStart(alerts)).toBe(NOW - 20 * MIN);
    expect(updateDue(alerts, undefined, NOW)).toMatchObject({severity: 1, everyMin: 15, dueAt: NOW - 5 * MIN, leftMs: -5 * MIN});
    expect(updateDue(alerts, NOW - 3 * MIN, NOW)).toMatchObject({dueAt: NOW + 12 * MIN, leftMs: 12 * MIN});
  });

  it('is due every 30 minutes while the worst is a SEV-2, and not at all for a SEV-3 or when nothing fires', () => {
    const sev2 = alertsOf([erroring('query', 'eu-west')], 10);
    expect(sev2[0]?.severity).toBe(2);
    expect(updateDue(sev2, undefined, NOW)).toMatchObject({severity: 2, everyMin: 30, leftMs: 20 * MIN});
    const sev3 = sev2.map((a) => ({...a, severity: 3 as const}));
    expect(updateDue(sev3, undefined, NOW)).toBeUndefined();
    expect(updateDue([], NOW - MIN, NOW)).toBeUndefined();
  });

  it('ignores an update from before the incident began (a previous incident)', () => {
    const alerts = alertsOf([down('ingestion', 'us-east')], 5);
    expect(updateDue(alerts, NOW - 60 * MIN, NOW)).toMatchObject({from: NOW - 5 * MIN, leftMs: 10 * MIN});
  });

  it('counts from the last update the journal records as finished (copied or posted)', () => {
    const journal = [
      entry(NOW - 30 * MIN, 'update', 'finished', '#atp-incidents'),
      entry(NOW - 10 * MIN, 'update', 'finished', 'clipboard'),
      entry(NOW - 5 * MIN, 'update', 'failed', '#atp-incidents'),
      entry(NOW - 2 * MIN, 'rollback', 'finished', 'ingestion@us-east'),
    ];
    expect(lastUpdateAt(journal, 'prod')).toBe(NOW - 10 * MIN);
    expect(lastUpdateAt([], 'prod')).toBeUndefined();
  });

  it("counts only this context's updates: an update copied in the demo does not restart production's countdown", () => {
    const demo = {...entry(NOW - 3 * MIN, 'update', 'finished', 'clipboard'), context: 'demo', environment: 'demo'};
    expect(lastUpdateAt([entry(NOW - 20 * MIN, 'update', 'finished', 'clipboard'), demo], 'prod')).toBe(NOW - 20 * MIN);
  });
});

describe('composeUpdate', () => {
  it("lists only this context's actions: a rollback played in the demo never reaches production's update", () => {
    const alerts = alertsOf([erroring('query', 'eu-west')], 30);
    const demo = {...entry(NOW - 10 * MIN, 'rollback', 'finished', 'ingestion@us-east', 'demo rollback'), context: 'demo', environment: 'demo'};
    const journal = [entry(NOW - 20 * MIN, 'restart', 'finished', 'query@eu-west', 'restarted query'), demo];
    const {text} = composeUpdate({alerts, journal, now: NOW, context: {name: 'prod', environment: 'prod'}});
    expect(text).toContain('restarted query');
    expect(text).not.toContain('demo rollback');
    const closing = composeUpdate({alerts: [], journal, now: NOW, context: {name: 'prod', environment: 'prod'}}).text;
    expect(closing).not.toContain('demo rollback');
  });

  it('says what is wrong, impact and regions, what was done and when, and the next update time', () => {
    const alerts = alertsOf([down('ingestion', 'us-east'), erroring('query', 'eu-west')], 30);
    const journal = [
      entry(NOW - 60 * MIN, 'freeze', 'finished', 'deployments', 'an older incident'),
      entry(NOW - 20 * MIN, 'rollback', 'planned', 'ingestion@us-east', 'planned only'),
      entry(NOW - 18 * MIN, 'rollback', 'finished', 'ingestion@us-east', 'ingestion@us-east rolled back to 1.4.2'),
      entry(NOW - 8 * MIN, 'replay', 'failed', 'audit-events', 'replay stopped: target refused'),
    ].map((e) => ({...e, context: 'prod-weu'}));
    const {text, severity, nextAt} = composeUpdate({alerts, journal, now: NOW, context: {name: 'prod-weu', environment: 'prod'}});
    expect(severity).toBe(1);
    expect(nextAt).toBe(NOW + 15 * MIN);
    expect(text.split('\n')).toEqual([
      '[SEV-1] ingestion ServiceDown (+1 more) · status update 14:32 UTC · context prod-weu (prod)',
      'Status: Investigating',
      'What is wrong:',
      `- SEV-1 ServiceDown ingestion@us-east: ${alerts[0]!.summary} (since 14:02 UTC)`,
      `- SEV-2 HighErrorRate query@eu-west: ${alerts[1]!.summary} (since 14:02 UTC)`,
      'Impact: ingestion, query in eu-west, us-east; firing since 14:02 UTC (30m)',
      'Regions: eu-west, us-east',
      'What was done:',
      '- 14:14 UTC ingestion@us-east rolled back to 1.4.2 (alice)',
      '- 14:24 UTC FAILED: replay stopped: target refused (alice)',
      'Escalation: page Primary on-call, Secondary on-call, Manager on-call, VP Engineering',
      'Next update: by 14:47 UTC (every 15 min for SEV-1)',
    ]);
  });

  it('promises the next update in 30 minutes for a SEV-2, and says when nothing was done yet', () => {
    const alerts = alertsOf([erroring('query', 'eu-west')], 3);
    const {text, nextAt} = composeUpdate({alerts, journal: [], now: NOW, context: {name: 'prod', environment: 'prod'}});
    expect(nextAt).toBe(NOW + 30 * MIN);
    expect(text).toContain('- nothing recorded in the journal yet');
    expect(text).toContain('Next update: by 15:02 UTC (every 30 min for SEV-2)');
    expect(text.split('\n')[0]).toBe('[SEV-2] query HighErrorRate · status update 14:32 UTC · context prod');
  });

  it('strips terminal controls from every outside string it quotes (targets, summaries, journal messages)', () => {
    const alerts = alertsOf([down('ingestion', 'us-east')], 5).map((a) => ({...a, summary: 'pods \u001b]52;c;cm0gLXJmIH4=\u0007gone\u001b[2J'}));
    const journal = [entry(NOW - MIN, 'rollback', 'finished', 'x', 'done \u001b]52;c;aGk=\u001b\\ok\u202e')];
    const {text} = composeUpdate({alerts, journal, now: NOW, context: {name: 'prod', environment: 'prod'}});
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('pods gone');
    expect(text).toContain('done ok');
  });

  it('lists at most the newest actions and counts the rest', () => {
    const alerts = alertsOf([down('ingestion', 'us-east')], 30);
    const journal = Array.from({length: 5}, (_, i) => entry(NOW - (20 - i) * MIN, 'restart', 'finished', `svc${i}`, `restarted svc${i}`));
    const {text} = composeUpdate({alerts, journal, now: NOW, context: {name: 'prod', environment: 'prod'}, maxDone: 2});
    expect(text).toContain('- (3 earlier actions in the journal)\n- 14:15 UTC restarted svc3 (alice)\n- 14:16 UTC restarted svc4 (alice)');
  });

  it('with nothing firing, offers a closing update with what was done lately', () => {
    const journal = [entry(NOW - 10 * MIN, 'rollback', 'finished', 'ingestion@us-east', 'ingestion@us-east rolled back')];
    const {text, nextAt} = composeUpdate({alerts: [], journal, now: NOW, context: {name: 'prod', environment: 'prod'}});
    expect(nextAt).toBeUndefined();
    expect(text).toBe(
      'Status update 14:32 UTC · context prod\nStatus: Mitigated (no alert is firing now)\nWhat was done:\n- 14:22 UTC ingestion@us-east rolled back (alice)',
    );
  });
});

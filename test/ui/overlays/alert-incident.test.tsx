// The demo's PagerDuty on screen: bad-deploy's HighErrorRate page is triggered and unacknowledged; the alert view
// shows its incident (state, assignee, level, since when); acknowledging it (an ActionRecord on the demo pager) stops
// the respond clock in the strip and the view. And the matching rule, by dedup key and by title words.
import {afterEach, describe, expect, it} from 'vitest';
import {acknowledgePlan} from '../../../src/actions/paging.js';
import {ActionRecord} from '../../../src/actions/runner.js';
import {incidentFor, titleMatches} from '../../../src/data/pagerduty/match.js';
import {pagingStatus} from '../../../src/ui/overlays/alert-incident.js';
import type {PagingIncident} from '../../../src/data/pagerduty/types.js';
import type {PaneId} from '../../../src/data/readings/types.js';
import {flush, KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;

/** The dialog's text, its wrapped lines joined: what a person reads inside the frame. */
const dialogText = (frame: string) =>
  frame
    .split('\n')
    .flatMap((l) => /║(.*)║/.exec(l)?.[1] ?? [])
    .join(' ')
    .replace(/\s+/g, ' ');
afterEach(() => app?.unmount());

describe("the alert view shows each alert's PagerDuty incident", () => {
  it('bad-deploy: the HighErrorRate page is triggered and unacknowledged; acknowledging it stops the respond clock', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 200, rows: 60});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    const frame = await app.waitFor('PagerDuty #');
    expect(frame).toMatch(/paging: 2 open incidents \(2 unacknowledged\), 2 matched to alerts · read \d+s ago/);
    expect(frame).toMatch(/PagerDuty #1042 triggered 14m \(since 02:46:00Z\) · assigned Dana Primary · level 1 \(ATP\)/);
    expect(frame).toMatch(/HighErrorRate ingestion@us-east.*respond (within 15m: \d+m left|overdue by)/);

    const incident = app.session.paging!.poller.snapshot().value!.incidents.find((i) => i.number === 1042)!;
    const env = {
      session: app.session,
      identity: {user: 'tester', host: 'h'},
      now: () => app!.clock.now(),
      freezes: () => [],
      snapshot: <P extends PaneId>(p: P) => app!.session.feeds[p].snapshot(),
    };
    const record = new ActionRecord(acknowledgePlan(env, incident), {journal: app.journal, identity: env.identity, context: 'demo', environment: 'demo'});
    expect(await record.confirm({})).toBeUndefined();
    let done = false;
    const running = record.execute(new AbortController().signal, () => undefined).finally(() => (done = true));
    // The demo's change takes 300 ms on the cockpit clock, after the journal's "started" entry is written.
    for (let i = 0; i < 50 && !done; i++) await app.tick(100);
    expect(await running).toMatchObject({ok: true, message: 'PD#1042 acknowledged by You (demo on-call) at 03:00:00Z'});
    await app.tick(1000);
    await flush(20);
    const after = await app.waitFor('acknowledged by You');
    expect(after).toMatch(/HighErrorRate ingestion@us-east.*acknowledged by You \(demo on-call\) at 03:00:00Z/);
    expect(after).toMatch(/paging: 2 open incidents \(1 unacknowledged\)/);
    expect(app.journal.read().map((e) => `${e.action}:${e.phase}`)).toEqual(['acknowledge:confirmed', 'acknowledge:started', 'acknowledge:finished']);
  });

  it('keys: A picks among the unacknowledged incidents, confirms with the curl line, acknowledges; E on a selected alert acts on its incident', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 200, rows: 60});
    await app.waitFor('HighErrorRate');
    await app.press('A');
    await app.waitFor('2 open; choose one');
    await app.press(KEYS.down, KEYS.enter);
    const confirm = dialogText(await app.waitFor('Acknowledge PagerDuty incident #1042 (HighErrorRate ingestion@us-east)'));
    expect(confirm).toContain('-H "Authorization: Token token=$ATP_PAGERDUTY_TOKEN"');
    expect(confirm).toContain('\'{"incident":{"type":"incident_reference","status":"acknowledged"}}\'');
    expect(confirm).toMatch(/stops notifying Dana Primary; the alert's respond clock stops/);
    await app.press(KEYS.right, KEYS.enter);
    for (let i = 0; i < 20 && !app.lastFrame().includes('PD#1042 acknowledged'); i++) await app.tick(200);
    await app.waitFor('PD#1042 acknowledged by You (demo on-call)');
    expect(app.journal.read().map((e) => `${e.action}:${e.phase}:${e.target}`)).toEqual([
      'acknowledge:planned:PD#1042',
      'acknowledge:confirmed:PD#1042',
      'acknowledge:started:PD#1042',
      'acknowledge:finished:PD#1042',
    ]);
    // In the alert view, E on the selected alert (HighErrorRate, first) escalates its own incident: no pick.
    await app.press(KEYS.escape, 'a');
    await app.tick(1000);
    await app.waitFor('paging: 2 open incidents (1 unacknowledged)');
    expect(app.lastFrame()).toMatch(/PagerDuty #1042 acknowledged by You \(demo on-call\) at 03:00:0\dZ · assigned Dana Primary · level 1 \(ATP\)/);
    await app.press('E');
    const escalate = dialogText(await app.waitFor('Escalate PagerDuty incident #1042 to level 2'));
    expect(escalate).toMatch(/pages ATP Secondary \(runbook: Secondary on-call\)/);
    expect(escalate).toMatch(/Secondary on-call is due in \d+m; escalating now is earlier than it asks/);
  });

  it('read-only: A and :resolve explain read-only; nothing is journaled', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, columns: 160, rows: 40});
    await app.waitFor('READ-ONLY');
    for (const keys of [['A'], [':', 'resolve PD#1042', KEYS.enter]]) {
      await app.press(...keys);
      await app.waitFor('This cockpit is read-only');
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('This cockpit is read-only'), 'notice closed');
    }
    expect(app.journal.read()).toEqual([]);
    expect((await app.session.paging!.pager.list(new AbortController().signal)).incidents.every((i) => i.status === 'triggered')).toBe(true);
  });

  it('calm: no incidents, and the paging line says so', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 160, rows: 40});
    await app.press('a');
    expect(await app.waitFor('paging:')).toMatch(/paging: 0 open incidents \(0 unacknowledged\), 0 matched to alerts/);
  });
});

const incident = (over: Partial<PagingIncident>): PagingIncident => ({
  id: 'P1',
  number: 1,
  title: '',
  status: 'triggered',
  urgency: 'high',
  service: {id: 'S', name: 'S'},
  escalationPolicy: {id: 'E', name: 'E'},
  assignees: [],
  createdAt: 0,
  statusSince: 0,
  ...over,
});

describe('matching an alert to its incident', () => {
  it('by title: the alert name and the target, as written or as separate words', () => {
    expect(titleMatches('[FIRING:1] ServiceDown ingestion@us-east', 'ServiceDown', 'ingestion@us-east')).toBe(true);
    expect(titleMatches('[FIRING:1] ServiceDown (ingestion us-east critical)', 'ServiceDown', 'ingestion@us-east')).toBe(true);
    expect(titleMatches('ServiceDown ingestion-worker@us-east', 'ServiceDown', 'ingestion@us-east')).toBe(false);
    expect(titleMatches('ServiceDown ingestion@eu-west', 'ServiceDown', 'ingestion@us-east')).toBe(false);
    expect(titleMatches('HighLatency ingestion@us-east', 'ServiceDown', 'ingestion@us-east')).toBe(false);
    expect(titleMatches('ErrorBudgetBurn atp-availability burning', 'ErrorBudgetBurn', 'atp-availability')).toBe(true);
  });

  it('a dedup key equal to the alert key wins over titles; resolved incidents never match; the rest are counted', () => {
    const alert = {key: 'ServiceDown:query@eu-west', name: 'ServiceDown', target: 'query@eu-west'};
    const found = incidentFor(alert, [
      incident({id: 'A', title: 'ServiceDown query@eu-west', createdAt: 5}),
      incident({id: 'B', title: 'anything', incidentKey: 'ServiceDown:query@eu-west', createdAt: 1}),
      incident({id: 'C', title: 'ServiceDown query@eu-west', status: 'resolved', createdAt: 9}),
    ]);
    expect(found).toMatchObject({incident: {id: 'B'}, by: 'key', others: 1});
    expect(incidentFor(alert, [incident({title: 'ServiceDown query@us-east'})])).toBeUndefined();
  });
});

describe('the paging line', () => {
  const reading = {incidents: [incident({status: 'triggered'}), incident({id: 'P2', status: 'acknowledged'})], at: 0, pages: 1};
  it('says how many are open and unacknowledged, and how old the reading is', () => {
    expect(pagingStatus({value: reading, lastSuccessAt: 0, failures: 0, inFlight: false, polls: 1}, [], 5_000, 90_000, 'PagerDuty')).toEqual({
      tone: 'muted',
      text: 'paging: 2 open incidents (1 unacknowledged), 0 matched to alerts · read 5s ago',
    });
  });
  it('a dead PagerDuty keeps its last list, marked stale with the error; never read, it says why', () => {
    const dead = pagingStatus(
      {value: reading, lastSuccessAt: 0, error: 'connection refused by 127.0.0.1:1', errorAt: 60_000, failures: 3, inFlight: false, polls: 4},
      [],
      100_000,
      90_000,
      'PagerDuty',
    );
    expect(dead).toEqual({
      tone: 'warn',
      text: 'paging: 2 open incidents (1 unacknowledged), 0 matched to alerts · read 1m ago (stale) · error: connection refused by 127.0.0.1:1',
    });
    const never = pagingStatus(
      {error: '$ATP_PAGERDUTY_TOKEN is not set', errorAt: 1, failures: 1, inFlight: false, polls: 1},
      [],
      2,
      90_000,
      'PagerDuty (not started)',
    );
    expect(never).toEqual({tone: 'crit', text: 'paging: PagerDuty (not started): $ATP_PAGERDUTY_TOKEN is not set'});
  });
});

// The demo's PagerDuty on screen: bad-deploy's HighErrorRate page is triggered and unacknowledged; the alert view
// shows its incident (state, assignee, level, since when); acknowledging it (an ActionRecord on the demo pager) stops
// the respond clock in the strip and the view. And the matching rule, by dedup key and by title words.
import {afterEach, describe, expect, it} from 'vitest';
import {acknowledgePlan} from '../../src/actions/paging.js';
import {ActionRecord} from '../../src/actions/runner.js';
import {incidentFor, titleMatches} from '../../src/data/pagerduty/match.js';
import type {PagingIncident} from '../../src/data/pagerduty/types.js';
import type {PaneId} from '../../src/data/readings/types.js';
import {flush, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('the alert view shows each alert\'s PagerDuty incident', () => {
  it('bad-deploy: the HighErrorRate page is triggered and unacknowledged; acknowledging it stops the respond clock', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 200, rows: 60});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    const frame = await app.waitFor('PagerDuty #');
    expect(frame).toMatch(/paging: 2 open incidents \(2 unacknowledged\), 2 matched to alerts · read \d+s ago/);
    expect(frame).toMatch(/PagerDuty #1042 triggered 14m \(since 02:46:00Z\) · assigned Dana Primary · level 1 \(ATP\)/);
    expect(frame).toMatch(/HighErrorRate ingestion@us-east.*respond (within 15m: \d+m left|overdue by)/);

    const incident = app.session.paging!.poller.snapshot().value!.incidents.find((i) => i.number === 1042)!;
    const env = {session: app.session, identity: {user: 'tester', host: 'h'}, now: () => app!.clock.now(), freezes: () => [], snapshot: <P extends PaneId>(p: P) => app!.session.feeds[p].snapshot()};
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

  it('calm: no incidents, and the paging line says so', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 160, rows: 40});
    await app.press('a');
    expect(await app.waitFor('paging:')).toMatch(/paging: 0 open incidents \(0 unacknowledged\), 0 matched to alerts/);
  });
});

const incident = (over: Partial<PagingIncident>): PagingIncident => ({
  id: 'P1', number: 1, title: '', status: 'triggered', urgency: 'high', service: {id: 'S', name: 'S'}, escalationPolicy: {id: 'E', name: 'E'},
  assignees: [], createdAt: 0, statusSince: 0, ...over,
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

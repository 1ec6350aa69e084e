// Acknowledge, escalate and resolve as planned actions, carried out through ActionRecord against the PagerDuty double:
// what the plan says (curl with $ATP_PAGERDUTY_TOKEN, whom escalation pages), what reaches PagerDuty, what the journal
// keeps, and the refusals (already acknowledged, last level, read-only below the UI).
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {PlanEnv} from '../../src/actions/env.js';
import {Journal} from '../../src/actions/journal.js';
import {acknowledgePlan, escalatePlan, resolvePlan} from '../../src/actions/paging.js';
import {ActionRecord, type ActionScope} from '../../src/actions/runner.js';
import {escalationFor, responseClocks, type Severity} from '../../src/data/alerts/escalation.js';
import type {ActiveAlert} from '../../src/data/alerts/evaluate.js';
import {ManualClock} from '../../src/data/clock.js';
import {resolveContext} from '../../src/data/config/context.js';
import {ReadOnlyError} from '../../src/data/errors.js';
import {withIncidents} from '../../src/data/pagerduty/match.js';
import {createSession, type Session} from '../../src/data/session.js';
import {clockText, currentClock} from '../../src/ui/alert-text.js';
import {startPagerDutyDouble, type PagerDutyDouble} from '../doubles/pagerduty-double.js';

const MIN = 60_000;
let pd: PagerDutyDouble;
let clock: ManualClock;
let sessions: Session[];

async function setup(options: {readOnly?: boolean; token?: string} = {}) {
  const config = {
    contexts: {
      prod: {
        environment: 'prod',
        readOnly: options.readOnly,
        panes: {health: 'demo'},
        sources: {demo: {kind: 'demo' as const, scenario: 'bad-deploy'}},
        paging: {url: pd.url, from: 'oncall@connectsoft.com', services: ['PSVC001']},
      },
    },
  };
  const context = resolveContext(config, {context: 'prod'}, 'test.json');
  const session = await createSession(context, {clock, env: {ATP_PAGERDUTY_TOKEN: options.token ?? pd.tokens.full}});
  sessions.push(session);
  const env: PlanEnv = {
    session,
    identity: {user: 'tester', host: 'jump-1'},
    now: () => clock.now(),
    freezes: () => [],
    snapshot: (pane) => session.feeds[pane].snapshot(),
  };
  const path = join(mkdtempSync(join(tmpdir(), 'atp-pd-journal-')), 'journal.jsonl');
  const scope: ActionScope = {journal: new Journal(path, () => clock.now()), identity: env.identity, context: 'prod', environment: 'prod'};
  return {session, env, scope, path};
}

/** An alert as the evaluator makes it, firing for `firedMs`. */
function alert(name: string, target: string, severity: Severity, firedMs: number): ActiveAlert {
  const firingSince = clock.now() - firedMs;
  return {
    key: `${name}:${target}`,
    name,
    severity,
    target,
    summary: '',
    threshold: '',
    runbook: '6.2',
    pane: 'health',
    state: 'firing',
    activeSince: firingSince,
    firingSince,
    forMs: 0,
    escalation: escalationFor(severity, firedMs),
    clocks: responseClocks(severity, firedMs),
    stale: false,
  };
}

const phases = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as {phase: string; message?: string; after?: Record<string, unknown>});
const control = () => ({signal: new AbortController().signal, progress: () => undefined});

beforeEach(async () => {
  clock = new ManualClock();
  sessions = [];
  pd = await startPagerDutyDouble(() => clock.now());
});
afterEach(async () => {
  for (const s of sessions) await s.close();
  await pd.close();
});

describe('acknowledge', () => {
  it('acknowledges through ActionRecord: curl shown with $ATP_PAGERDUTY_TOKEN, journaled, and the respond clock stops', async () => {
    const i = pd.addIncident({
      title: '[FIRING:1] HighErrorRate ingestion@us-east',
      service_id: 'PSVC001',
      created_at: new Date(clock.now() - 3 * MIN).toISOString(),
    });
    const {session, env, scope, path} = await setup();
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    const a = alert('HighErrorRate', 'ingestion@us-east', 2, 3 * MIN);
    const plan = acknowledgePlan(env, incident!, a);
    expect(plan.command).toBe(
      `curl -X PUT '${pd.url}/incidents/${i.id}' -H "Authorization: Token token=$ATP_PAGERDUTY_TOKEN" -H 'Accept: application/vnd.pagerduty+json;version=2' ` +
        `-H 'Content-Type: application/json' -H 'From: oncall@connectsoft.com' -d '{"incident":{"type":"incident_reference","status":"acknowledged"}}'`,
    );
    expect(plan.effect).toContain(
      'PD#1 goes from triggered to acknowledged as oncall@connectsoft.com: ' +
        "PagerDuty stops notifying Ana Primary; the alert's respond clock stops (SEV-2: respond within 15m, 12m left)",
    );
    const record = new ActionRecord(plan, scope);
    await record.planned();
    expect(await record.confirm({incident: 'INC-7'})).toBeUndefined();
    const result = await record.execute(new AbortController().signal, () => undefined);
    expect(result).toMatchObject({ok: true, message: expect.stringMatching(/^PD#1 acknowledged by On Call at 03:00:00Z$/)});
    expect(pd.incidents.get(i.id)!.status).toBe('acknowledged');
    expect(phases(path).map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(readFileSync(path, 'utf8')).not.toContain(pd.tokens.full);
    // The next poll joins the acknowledged incident to the alert: the respond clock says who and when.
    const polled = (await session.paging!.poller.pollOnce()).value!.incidents;
    const [joined] = withIncidents([a], polled);
    expect(clockText(currentClock(joined!)!)).toBe('acknowledged by On Call at 03:00:00Z');
  });

  it('refuses an incident someone already acknowledged, and journals the refusal', async () => {
    pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001'});
    const {session, env, scope, path} = await setup();
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    await session.paging!.pager.acknowledge(incident!.id, control());
    const record = new ActionRecord(acknowledgePlan(env, incident!), scope);
    await record.planned();
    expect(await record.confirm({})).toBe('refused: PD#1 is already acknowledged by On Call at 03:00:00Z');
    expect(phases(path).map((e) => e.phase)).toEqual(['planned', 'refused']);
  });
});

describe('escalate', () => {
  it("says whom it pages (the policy's next level, the runbook role) and what the matrix asks, then reassigns", async () => {
    const i = pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001'});
    const {session, env, scope} = await setup();
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    const plan = await escalatePlan(env, incident!, alert('HighErrorRate', 'ingestion@us-east', 2, 20 * MIN));
    expect(plan.title).toBe('Escalate PagerDuty incident #1 to level 2 (HighErrorRate ingestion@us-east): pages ATP Secondary (runbook: Secondary on-call)');
    expect(plan.notes).toContain('runbook matrix (SEV-2 firing 20m): Secondary on-call is due in 40m; escalating now is earlier than it asks');
    expect(plan.command).toContain(`-d '{"incident":{"type":"incident_reference","escalation_level":2}}'`);
    const record = new ActionRecord(plan, scope);
    expect(await record.confirm({})).toBeUndefined();
    const result = await record.execute(new AbortController().signal, () => undefined);
    expect(result).toMatchObject({ok: true, message: 'PD#1 escalated to level 2: assigned Sam Secondary', after: {level: 2, assignees: ['Sam Secondary']}});
    expect(pd.incidents.get(i.id)!.level).toBe(2);
  });

  it('for a SEV-1 the matrix has everyone due at once; past the last level it is refused', async () => {
    pd.addIncident({title: 'ServiceDown gateway@us-east', service_id: 'PSVC001', level: 3});
    const {session, env, scope} = await setup();
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    expect(incident!.level).toBe(3);
    const plan = await escalatePlan(env, incident!, alert('ServiceDown', 'gateway@us-east', 1, 2 * MIN));
    expect(plan.notes?.join('\n')).toMatch(/VP Engineering at once, by phone \+ e-mail/);
    expect(await new ActionRecord(plan, scope).confirm({})).toMatch(
      /^refused: level 3 is the last level of ATP; beyond it the runbook escalates by phone \+ e-mail/,
    );
    const early = await escalatePlan(env, {...incident!, level: 1}, alert('ServiceDown', 'gateway@us-east', 1, 2 * MIN));
    expect(early.notes).toContain('runbook matrix (SEV-1 firing 2m): Secondary on-call is due now');
  });
});

describe('resolve', () => {
  it('resolves, and warns when the alert is still firing', async () => {
    const i = pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001', status: 'acknowledged'});
    const {session, env, scope, path} = await setup();
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    const plan = resolvePlan(env, incident!, alert('HighErrorRate', 'ingestion@us-east', 2, 30 * MIN));
    expect(plan.notes).toEqual(['HighErrorRate ingestion@us-east is still firing: the alert integration may trigger a new incident at once']);
    const record = new ActionRecord(plan, scope);
    expect(await record.confirm({})).toBeUndefined();
    expect(await record.execute(new AbortController().signal, () => undefined)).toMatchObject({ok: true, message: 'PD#1 resolved'});
    expect(pd.incidents.get(i.id)!.status).toBe('resolved');
    expect(phases(path).at(-1)).toMatchObject({phase: 'finished', after: {status: 'resolved'}});
    expect(await new ActionRecord(resolvePlan(env, incident!), scope).confirm({})).toBe('refused: PD#1 is already resolved');
  });

  it('a key that may not change incidents fails the run with the 403 sentence, journaled as failed', async () => {
    pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001'});
    const {session, env, scope, path} = await setup({token: pd.tokens.readOnly});
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    const record = new ActionRecord(resolvePlan(env, incident!), scope);
    expect(await record.confirm({})).toBeUndefined();
    const result = await record.execute(new AbortController().signal, () => undefined);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/403 Forbidden: Access Denied.*full-access API key/);
    expect(phases(path).at(-1)!.phase).toBe('failed');
  });
});

describe('read-only', () => {
  it('refuses every paging action in the plan and below the UI: no PUT reaches PagerDuty', async () => {
    pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001'});
    const {session, env, scope} = await setup({readOnly: true});
    const [incident] = (await session.paging!.poller.pollOnce()).value!.incidents;
    for (const plan of [acknowledgePlan(env, incident!), await escalatePlan(env, incident!), resolvePlan(env, incident!)]) {
      expect(await new ActionRecord(plan, scope).confirm({})).toMatch(/read-only/);
      await expect(plan.run(control(), {})).rejects.toBeInstanceOf(ReadOnlyError);
    }
    await expect(session.paging!.pager.acknowledge(incident!.id, control())).rejects.toThrow(/read-only: acknowledging a PagerDuty incident is refused/);
    expect(pd.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

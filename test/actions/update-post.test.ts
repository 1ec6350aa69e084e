// The Slack post as an action, through ActionRecord: planned, confirmed, run against the webhook double, journaled
// with the text and never the URL; refused in read-only by the rules and again below them.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {PlanEnv} from '../../src/actions/env.js';
import {Journal} from '../../src/actions/journal.js';
import {ActionRecord} from '../../src/actions/runner.js';
import {curlEquivalent, updatePostPlan} from '../../src/actions/update-post.js';
import {ManualClock} from '../../src/data/clock.js';
import {resolveContext} from '../../src/data/config/context.js';
import {ReadOnlyError} from '../../src/data/errors.js';
import {createSession, type Session} from '../../src/data/session.js';
import {startSlackWebhookDouble, type SlackWebhookDouble} from '../doubles/slack-webhook-double.js';

let slack: SlackWebhookDouble;
const sessions: Session[] = [];
beforeAll(async () => {
  slack = await startSlackWebhookDouble();
});
afterAll(async () => {
  await slack.close();
  await Promise.all(sessions.map((s) => s.close()));
});

const SETTINGS = {webhookEnv: 'ATP_SLACK_WEBHOOK', channel: '#atp-incidents'};
const TEXT = "[SEV-1] ingestion ServiceDown · status update 14:32 UTC\nStatus: Investigating\nit's <!here> & done";

async function setup(readOnly: boolean) {
  const clock = new ManualClock();
  const config = {
    contexts: {
      prod: {environment: 'prod', readOnly, panes: {health: 'demo'}, sources: {demo: {kind: 'demo' as const}}, slack: {webhookEnv: 'ATP_SLACK_WEBHOOK'}},
    },
  };
  const session = await createSession(resolveContext(config, {context: 'prod'}, 'test.json'), {clock});
  sessions.push(session);
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'atp-update-')), 'journal.jsonl'), () => clock.now());
  const env: PlanEnv = {
    session,
    identity: {user: 'alice', host: 'jump1'},
    now: () => clock.now(),
    freezes: () => [],
    snapshot: (p) => session.feeds[p].snapshot(),
  };
  const scope = {journal, identity: env.identity, context: 'prod', environment: 'prod'};
  return {clock, env, journal, scope};
}

const run = () => ({signal: new AbortController().signal, progress: () => undefined});

describe('posting a status update (plan as data)', () => {
  it('plans, confirms, posts and journals the text; the URL appears nowhere', async () => {
    const {env, journal, scope, clock} = await setup(false);
    const posted: number[] = [];
    const plan = updatePostPlan(env, TEXT, {slack: SETTINGS, vars: {ATP_SLACK_WEBHOOK: slack.url}, clock, onPosted: (t) => posted.push(t)});
    expect(plan).toMatchObject({kind: 'update', target: '#atp-incidents', requireReason: false});
    expect(plan.command).toContain('"$ATP_SLACK_WEBHOOK"');
    expect(plan.where).toContain('$ATP_SLACK_WEBHOOK → #atp-incidents');
    const record = new ActionRecord(plan, scope);
    await record.planned();
    expect(await record.confirm({incident: 'INC-2041'})).toBeUndefined();
    slack.posts.length = 0;
    const result = await record.execute(new AbortController().signal, () => undefined);
    expect(result).toMatchObject({ok: true, message: 'status update posted to #atp-incidents'});
    expect(slack.posts.map((p) => p.text)).toEqual([
      "[SEV-1] ingestion ServiceDown · status update 14:32 UTC\nStatus: Investigating\nit's &lt;!here&gt; &amp; done",
    ]);
    expect(posted).toEqual([clock.now()]);
    const entries = journal.read();
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries.every((e) => (e.params as {text?: string}).text === TEXT)).toBe(true);
    expect(entries[3]).toMatchObject({action: 'update', incident: 'INC-2041', params: {webhookEnv: 'ATP_SLACK_WEBHOOK', via: 'slack-webhook'}});
    expect(readFileSync(journal.path, 'utf8')).not.toContain('/services/');
  });

  it('read-only: the rules refuse it (journaled as refused) and its run refuses below them, with no request', async () => {
    const {env, journal, scope, clock} = await setup(true);
    const plan = updatePostPlan(env, TEXT, {slack: SETTINGS, vars: {ATP_SLACK_WEBHOOK: slack.url}, clock});
    const record = new ActionRecord(plan, scope);
    expect(await record.confirm({})).toMatch(/^This cockpit is read-only/);
    expect(journal.read().map((e) => e.phase)).toEqual(['refused']);
    slack.posts.length = 0;
    await expect(plan.run(run(), {})).rejects.toBeInstanceOf(ReadOnlyError);
    expect(slack.posts).toHaveLength(0);
  });

  it('an unset variable refuses with the fix', async () => {
    const {env, clock} = await setup(false);
    const plan = updatePostPlan(env, TEXT, {slack: SETTINGS, vars: {}, clock});
    expect(await plan.preconditions()).toMatch(/^refused: ATP_SLACK_WEBHOOK is not set: export ATP_SLACK_WEBHOOK=/);
  });

  it('the full curl equivalent is one shell word per argument, whatever quotes the text holds', () => {
    const command = curlEquivalent(TEXT, 'ATP_SLACK_WEBHOOK');
    const data = /--data ('(?:[^']|'\\'')*')/.exec(command)?.[1];
    expect(data).toBeDefined();
    const printed = execFileSync('sh', ['-c', `printf '%s' ${data}`], {encoding: 'utf8'});
    expect(JSON.parse(printed)).toEqual({
      text: "[SEV-1] ingestion ServiceDown · status update 14:32 UTC\nStatus: Investigating\nit's &lt;!here&gt; &amp; done",
    });
    expect(command.endsWith('"$ATP_SLACK_WEBHOOK"')).toBe(true);
  });
});

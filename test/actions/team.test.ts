// Actions the whole team can see (issue 16): a confirmed rollback carries who, why and the incident to the backend,
// and a plan says when a colleague changed the same object recently.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {PlanEnv} from '../../src/actions/env.js';
import {Journal} from '../../src/actions/journal.js';
import {restartPlan} from '../../src/actions/restart.js';
import {defaultRevision, rollbackPlan} from '../../src/actions/rollback.js';
import {scalePlan} from '../../src/actions/scale.js';
import {ActionRecord} from '../../src/actions/runner.js';
import {freezePlan} from '../../src/actions/freeze.js';
import {colleagueNotes, RECENT_MS} from '../../src/actions/team.js';
import {ManualClock} from '../../src/data/clock.js';
import type {ScenarioName} from '../../src/data/demo/scenarios.js';
import {resolveContext} from '../../src/data/config/context.js';
import {createSession, type Session} from '../../src/data/session.js';
import type {ServiceRef, TeamAction} from '../../src/data/sources/types.js';

const identity = {user: 'tester', host: 'testhost'};
const ingestion: ServiceRef = {service: 'ingestion', region: 'us-east'};
let session: Session | undefined;
afterEach(() => session?.close());

async function demoEnv(scenario: ScenarioName): Promise<{env: PlanEnv; clock: ManualClock; session: Session}> {
  const clock = new ManualClock();
  session = await createSession(resolveContext({}, {demo: scenario}, 'test-config.json'), {clock});
  await session.feeds.health.entries[0]!.poller.pollOnce();
  await session.team.pollOnce();
  const s = session;
  const env: PlanEnv = {
    session: s,
    identity,
    now: () => clock.now(),
    freezes: () => [],
    snapshot: (pane) => s.feeds[pane].snapshot(),
    teamActions: () => s.team.snapshot().value ?? [],
  };
  return {env, clock, session: s};
}

async function plan(env: PlanEnv, s: Session, ref: ServiceRef) {
  const cap = s.sources.get('demo')!.capabilities.rollback!;
  const history = await cap.history(ref, AbortSignal.timeout(5_000));
  return rollbackPlan(env, ref, history, defaultRevision(history)!);
}

describe('a confirmed rollback is recorded where the team looks', () => {
  it('the backend gets who (the identity), why and the incident from the confirmation, and the journal action id', async () => {
    const {env, session: s} = await demoEnv('bad-deploy');
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'atp-team-')), 'journal.jsonl'), () => env.now());
    const record = new ActionRecord(await plan(env, s, ingestion), {journal, identity, context: 'demo', environment: 'demo'});
    expect(await record.confirm({reason: 'bad release 1.2.5', incident: 'INC-2041'})).toBeUndefined();
    // Stop following at once: the change is made before the rollout is followed.
    await record.execute(AbortSignal.abort(), () => undefined);
    const [latest] = await s.sources.get('demo')!.capabilities.teamActions!.recent(AbortSignal.timeout(5_000));
    expect(latest).toMatchObject({action: 'rollback', by: 'tester', host: 'testhost', reason: 'bad release 1.2.5', incident: 'INC-2041', id: record.actionId});
    expect(latest?.message).toBe('tester@testhost via atp-cockpit: rollback deployment/ingestion to revision 2; reason: bad release 1.2.5; incident INC-2041');
  });
});

describe('a colleague acted on the same object recently', () => {
  const action = (over: Partial<TeamAction>): TeamAction => ({
    at: Date.UTC(2026, 10, 28, 2, 58),
    by: 'bob',
    host: 'jump-3',
    action: 'rollback',
    object: 'deployment/ingestion -n atp-ingest-ns',
    region: 'us-east',
    service: 'ingestion',
    reason: 'bad release',
    message: '',
    ...over,
  });
  const env = (list: readonly TeamAction[]) => ({identity, now: () => Date.UTC(2026, 10, 28, 3, 0), teamActions: () => list});

  it('says who, what, how long ago, from where and why; newest first; only the same service and region', () => {
    const list = [
      action({incident: 'INC-7'}),
      action({by: 'carol', host: 'jump-1', action: 'scale', at: Date.UTC(2026, 10, 28, 2, 50), reason: ''}),
      action({region: 'eu-west'}),
      action({service: 'query'}),
    ];
    expect(colleagueNotes(env(list), ingestion)).toEqual([
      'bob rolled back ingestion@us-east 2 min ago from jump-3: bad release (INC-7)',
      'carol scaled ingestion@us-east 10 min ago from jump-1',
    ]);
  });

  it('forgets changes older than the window, and names this cockpit\'s own user as "you"', () => {
    expect(colleagueNotes(env([action({at: Date.UTC(2026, 10, 28, 3, 0) - RECENT_MS - 1})]), ingestion)).toEqual([]);
    expect(colleagueNotes(env([action({by: 'tester', host: 'testhost', at: Date.UTC(2026, 10, 28, 3, 0) - 20_000})]), ingestion)).toEqual([
      'you (tester@testhost) rolled back ingestion@us-east just now: bad release',
    ]);
  });

  it("the demo bad-deploy has a colleague's change on ingestion@us-east; the rollback plan says so, until it is too old", async () => {
    const {env, clock, session: s} = await demoEnv('bad-deploy');
    expect((await plan(env, s, ingestion)).notes).toContain(
      'bob restarted ingestion@us-east 3 min ago from jump-3: pods crash-looping since 1.2.5; a restart first, to rule out bad nodes (INC-2041)',
    );
    expect((await plan(env, s, {service: 'ingestion', region: 'eu-west'})).notes ?? []).not.toContainEqual(expect.stringMatching(/bob/));
    clock.advance(13 * 60_000);
    expect((await plan(env, s, ingestion)).notes ?? []).not.toContainEqual(expect.stringMatching(/bob/));
  });

  it('a restart or a scale of the same service says so too', async () => {
    const {env, session: s} = await demoEnv('bad-deploy');
    const bob = expect.stringMatching(/^bob restarted ingestion@us-east 3 min ago from jump-3/);
    expect(restartPlan(env, ingestion).notes).toContainEqual(bob);
    const info = await s.sources.get('demo')!.capabilities.scale!.info(ingestion, AbortSignal.timeout(5_000));
    expect(scalePlan(env, ingestion, info, info.replicas + 1).notes).toContainEqual(bob);
  });
});

describe("a colleague's freeze of the same kind", () => {
  const at = (min: number) => Date.UTC(2026, 10, 28, 3, 0) - min * 60_000;
  const held = (over: Partial<TeamAction>): TeamAction => ({
    at: at(2),
    by: 'bob',
    host: 'jump-3',
    action: 'freeze',
    freeze: 'integrity',
    object: 'cronjob/atp-purge -n atp-system',
    region: 'us-east',
    reason: 'tamper alert',
    incident: 'INC-9',
    message: '',
    id: 'b1',
    ...over,
  });

  it('the freeze and unfreeze confirmations name it once (not once per object or region), newest first, only for that kind', async () => {
    const {env} = await demoEnv('calm');
    const list = [
      held({}),
      held({object: 'cronjob/atp-export -n atp-system'}),
      held({region: 'eu-west'}),
      held({action: 'unfreeze', at: at(1), reason: 'false positive', incident: undefined, id: 'b2'}),
      held({by: 'carol', host: 'jump-1', freeze: 'deployments', object: 'kustomization/atp -n flux-system', reason: 'release window', id: 'c1'}),
      held({at: at(16), reason: 'too old', id: 'b0'}),
      held({action: 'rollback', freeze: undefined, service: 'ingestion', reason: 'not a freeze', id: 'b3'}),
    ];
    const team = {...env, now: () => at(0), teamActions: () => list};
    const integrity = ['bob unfroze integrity 1 min ago from jump-3: false positive', 'bob froze integrity 2 min ago from jump-3: tamper alert (INC-9)'];
    expect(freezePlan(team, 'integrity', true).notes).toEqual(integrity);
    expect(freezePlan(team, 'integrity', false).notes).toEqual(integrity);
    expect(freezePlan(team, 'deployments', true).notes).toEqual(['carol froze deployments 2 min ago from jump-1: release window (INC-9)']);
    expect(freezePlan(team, 'writes', true).notes).toBeUndefined();
  });
});

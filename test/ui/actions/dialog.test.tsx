import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const prodConfig = {
  contexts: {
    prod: {
      environment: 'prod',
      production: true,
      panes: {health: 'demo', lag: 'demo', dlq: 'demo', outbox: 'demo', burn: 'demo'},
      sources: {demo: {kind: 'demo' as const, scenario: 'bad-deploy'}},
    },
  },
};

async function openRollbackConfirm(a: AppHarness) {
  await a.press('r');
  await a.waitFor('choose a revision');
  await a.press(KEYS.enter);
  return a.waitFor('Blast radius');
}

describe('confirmation dialog', () => {
  it('Cancel is focused by default and Enter on it cancels (journaled)', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    const frame = await openRollbackConfirm(app);
    expect(frame).toContain('[ Cancel ]');
    expect(frame).toContain('kubectl rollout undo deployment/ingestion -n atp-ingest-ns --to-revision=2');
    await app.press(KEYS.enter);
    await app.waitFor('cancelled');
    expect(calls).toEqual([]);
    expect(app.journal.read().map((e) => e.phase)).toEqual(['planned', 'cancelled']);
  });

  it('Esc cancels', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    await openRollbackConfirm(app);
    await app.press(KEYS.right, KEYS.escape);
    await app.waitUntil((f) => !f.includes('Blast radius'), 'dialog closed');
    expect(calls).toEqual([]);
  });

  it('production requires typing the target exactly; a wrong name is refused', async () => {
    const calls: string[] = [];
    app = await renderCockpit({config: prodConfig, flags: {context: 'prod'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('ingestion@us-east');
    const frame = await openRollbackConfirm(app);
    expect(frame).toContain('type ingestion@us-east to confirm');
    // From Cancel, Shift-Tab passes the incident id and the (required) reason to reach the typed target.
    await app.press(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, 'ingest', KEYS.tab, 'bad release', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitFor('type ingestion@us-east exactly');
    expect(calls).toEqual([]);
    await app.press('ion@us-east', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => calls.length > 0, 'rollback started');
    expect(calls).toEqual(['rollback']);
  });

  it('a freeze requires a reason; the incident id is optional and journaled', async () => {
    const calls: string[] = [];
    app = await renderCockpit({session: {createSource: recordingDemoFactory(calls)}});
    await app.press('f');
    await app.waitFor('choose what to freeze');
    await app.press(KEYS.enter);
    await app.waitFor('reason (required)');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('a reason is required');
    expect(calls).toEqual([]);
    await app.press('SEV-1 bad deploy', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => calls.includes('freeze'), 'freeze called');
    for (let i = 0; i < 3; i++) await app.tick(500);
    await app.waitFor('FROZEN: deployments');
    const confirmed = app.journal.read().find((e) => e.phase === 'confirmed');
    expect(confirmed).toMatchObject({reason: 'SEV-1 bad deploy', incident: 'INC-2041', action: 'freeze', target: 'deployments'});
  });

  it("a rollback requires a reason, as restart and scale do; it reaches the backend's change note and the journal", async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    const frame = await openRollbackConfirm(app);
    expect(frame).toContain('reason (required)');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('a reason is required');
    expect(calls).toEqual([]);
    await app.press('1.2.5 breaks ingestion', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => calls.includes('rollback'), 'rollback called');
    const confirmed = app.journal.read().find((e) => e.phase === 'confirmed');
    expect(confirmed).toMatchObject({reason: '1.2.5 breaks ingestion', incident: 'INC-2041', action: 'rollback', target: 'ingestion@us-east'});
    const [latest] = await app.session.sources.get('demo')!.capabilities.teamActions!.recent(AbortSignal.timeout(5_000));
    expect(latest).toMatchObject({action: 'rollback', by: 'tester', host: 'testhost', reason: '1.2.5 breaks ingestion', incident: 'INC-2041'});
    expect(latest?.message).toContain('; reason: 1.2.5 breaks ingestion; incident INC-2041');
  });
});

// Issue 13, "Targets are exact": an ambiguous target asks, an unknown one lists every known one, production
// confirms with the full SERVICE@REGION, and a confirmation is never cut, down to 80x24.
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

/** The dialog's inside, its lines joined: what a person reads across the wrapped lines. */
function dialogText(frame: string): string {
  return frame
    .split('\n')
    .flatMap((l) => {
      const m = /[║|](.*)[║|]/.exec(l);
      return m ? [m[1]!.trim()] : [];
    })
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('exact targets', () => {
  it(':rollback query asks which region (query runs in us-east and eu-west); nothing is guessed', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('query@eu-west');
    await app.press(':', 'rollback query', KEYS.enter);
    const frame = await app.waitFor('choose a region');
    expect(frame).toContain('query@us-east');
    expect(frame).toContain('query@eu-west');
    expect(frame).not.toContain('choose a revision');
    await app.press(KEYS.down, KEYS.enter);
    await app.waitFor('Roll back query@eu-west: choose a revision');
    expect(calls).toEqual([]);
  });

  it(':rollback query@eu-west goes straight to that deployment', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.waitFor('query@eu-west');
    await app.press(':', 'rollback query@eu-west', KEYS.enter);
    await app.waitFor('Roll back query@eu-west: choose a revision');
  });

  it('an unknown service lists every known one; an unknown region lists where the service runs', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.waitFor('query@eu-west');
    await app.press(':', 'rollback nope', KEYS.enter);
    let frame = await app.waitFor('Unknown service');
    const text = dialogText(frame);
    for (const s of ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search']) {
      for (const r of ['us-east', 'eu-west']) expect(text).toContain(`${s}@${r}`);
    }
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('Unknown service'), 'notice closed');
    await app.press(':', 'rollback query@mars', KEYS.enter);
    frame = await app.waitFor('Unknown region');
    expect(dialogText(frame)).toContain('query runs in us-east, eu-west');
    expect(app.journal.read()).toEqual([]);
  });

  it('production: the typed confirmation is the full target; the bare service name is refused', async () => {
    const calls: string[] = [];
    app = await renderCockpit({config: prodConfig, flags: {context: 'prod'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('ingestion@us-east');
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('Blast radius');
    expect(frame).toContain('ingestion@us-east');
    expect(frame).toMatch(/type ingestion@us-east/i);
    // From Cancel, Shift-Tab passes the incident id and the (required) reason to reach the typed target.
    await app.press(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, 'ingestion', KEYS.tab, 'bad release', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitFor('exactly to confirm');
    expect(calls).toEqual([]);
    await app.press('@us-east', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => calls.length > 0, 'rollback started');
    expect(calls).toEqual(['rollback']);
    expect(app.journal.read().find((e) => e.phase === 'confirmed')).toMatchObject({target: 'ingestion@us-east'});
  });

  it('80x24: a production confirmation shows its target, region, namespace and command uncut, with its buttons', async () => {
    app = await renderCockpit({config: prodConfig, flags: {context: 'prod'}, columns: 80, rows: 24});
    await app.waitFor('ingestion@us-east');
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('Blast radius');
    const text = dialogText(frame);
    expect(text).toContain('Roll back ingestion@us-east to revision 2 (1.2.4)');
    expect(text).toContain('context prod [prod] PRODUCTION');
    expect(text).toContain('deployment/ingestion -n atp-ingest-ns (us-east)');
    expect(text).toContain('kubectl rollout undo deployment/ingestion -n atp-ingest-ns --to-revision=2 --context us-east');
    expect(text).toContain('type ingestion@us-east');
    expect(text).not.toContain('…');
    expect(frame).toContain('[ Cancel ]');
    expect(frame).toContain('Esc cancel');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('80x24: a confirmation too long for the screen scrolls (PgDn) and keeps its fields and buttons; it cannot be confirmed unread', async () => {
    const calls: string[] = [];
    const config = {contexts: {prod: {...prodConfig.contexts.prod, sources: {demo: {kind: 'demo' as const, scenario: 'calm'}}}}};
    app = await renderCockpit({config, flags: {context: 'prod'}, columns: 80, rows: 24, session: {createSource: recordingDemoFactory(calls)}});
    const entity = 'audit.appended.v1/Subscriptions/search-indexer';
    await app.waitFor('export@us-east');
    await app.press(':', `replay ${entity}`, KEYS.enter);
    await app.waitFor('Max count');
    // Choose the two reasons that are not preselected as well: four command lines, two notes.
    await app.press(KEYS.down, KEYS.down, ' ', KEYS.down, ' ', KEYS.enter);
    await app.waitFor('Dry run');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('more below · PgDn to read on');
    expect(frame).toContain('[ Cancel ]');
    expect(frame).toContain(`type ${entity} to`);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    const seen = new Set(dialogText(frame).split(' '));
    // Confirming before reading it all is refused.
    await app.press(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, entity, KEYS.tab, 'INC-1 triage', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitFor('read the whole plan first');
    for (let i = 0; i < 5 && !app.lastFrame().includes('end of the plan'); i++) {
      await app.press('\u001b[6~');
      for (const w of dialogText(app.lastFrame()).split(' ')) seen.add(w);
    }
    await app.waitFor('end of the plan');
    for (const w of ['Blast', '--filter', '"reason=MessageLockLostException"', '"reason=UnauthorizedException"', 'EVERY', 'subscription'])
      expect(seen).toContain(w);
    expect(calls).toEqual([]);
    await app.press(KEYS.enter);
    await app.waitUntil(() => calls.length > 0, 'replay started');
    expect(
      app.journal
        .read()
        .map((e) => e.phase)
        .slice(0, 3),
    ).toEqual(['planned', 'confirmed', 'started']);
  });
});

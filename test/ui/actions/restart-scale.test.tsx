// Issue 16: restart and scale on the demo, the whole cockpit driven by keys as a terminal sends them: the form, the
// confirmation (kubectl equivalent, blast radius, reason), the rollout followed, the backend's calls (with who, host,
// reason and incident) and the journal; and refused in read-only, in the UI and below it.
import {afterEach, describe, expect, it} from 'vitest';
import {createDemoSource} from '../../../src/data/demo/source.js';
import {ReadOnlyError} from '../../../src/data/errors.js';
import type {SourceFactory} from '../../../src/data/sources/registry.js';
import type {Capabilities, ChangeNote, ServiceRef} from '../../../src/data/sources/types.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

interface Call {
  readonly what: 'restart' | 'scale';
  readonly ref: ServiceRef;
  readonly replicas?: number;
  readonly note: ChangeNote;
}

/** The calm demo, recording every restart and scale with its arguments (and still performing them). */
function recording(calls: Call[]): SourceFactory {
  return async (_config, {clock}) => {
    const demo = createDemoSource({scenario: 'calm', seed: 1, clock});
    const c = demo.capabilities;
    const capabilities: Capabilities = {
      ...c,
      restart: c.restart && {...c.restart, restart: (ref, note, run) => (calls.push({what: 'restart', ref, note}), c.restart!.restart(ref, note, run))},
      scale: c.scale && {
        ...c.scale,
        scale: (ref, replicas, note, run) => (calls.push({what: 'scale', ref, replicas, note}), c.scale!.scale(ref, replicas, note, run)),
      },
    };
    return {...demo, capabilities, read: demo.read.bind(demo)};
  };
}

/** Confirms the open confirmation with a reason and an incident id (Cancel is focused; the reason comes first). */
async function confirmWithReason(a: AppHarness, reason: string, incident: string) {
  await a.press(KEYS.right, KEYS.enter);
  await a.waitFor('a reason is required');
  await a.press(reason, KEYS.tab, incident, KEYS.tab, KEYS.tab, KEYS.enter);
}

/** Lets the demo's rollout run until the flash line says `text`. */
async function followUntil(a: AppHarness, text: string) {
  for (let i = 0; i < 120 && !a.lastFrame().includes(text); i++) await a.tick(1000);
  return a.waitFor(text);
}

describe('restart', () => {
  it(':restart SERVICE@REGION: kubectl equivalent, reason required, the rollout followed, who and why sent to the backend, journaled', async () => {
    const calls: Call[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: recording(calls)}});
    await app.waitFor('ingestion@us-east');
    await app.press(':', 'restart ingestion@us-east', KEYS.enter);
    const confirm = await app.waitFor('Restart ingestion@us-east?');
    expect(confirm).toContain('kubectl rollout restart deployment/ingestion -n atp-ingest-ns --context us-east');
    expect(confirm).toMatch(/Blast radius +ingestion in us-east: 3 pods restart in turn/);
    expect(confirm).toContain('reason (required)');
    expect(confirm).toContain('[ Cancel ]');
    await confirmWithReason(app, 'consumers stuck', 'INC-7');
    await app.waitFor('Restart ingestion@us-east…');
    await followUntil(app, 'ingestion@us-east restarted');
    const entries = app.journal.read();
    // the note carries the journal's action id: a cockpit knows its own change among the team's Events
    const id = entries[0]!.actionId;
    expect(calls).toEqual([
      {
        what: 'restart',
        ref: {service: 'ingestion', region: 'us-east'},
        note: {by: 'tester', host: 'testhost', reason: 'consumers stuck', incident: 'INC-7', id},
      },
    ]);
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({action: 'restart', target: 'ingestion@us-east', reason: 'consumers stuck', incident: 'INC-7', result: {ok: true}});
  });

  it('x on the health pane restarts the selected service; away from it, says where to go', async () => {
    const calls: Call[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: recording(calls)}});
    await app.waitFor('ingestion@us-east');
    await app.press('3', 'x');
    await app.waitFor('restart: focus the health pane (1) and select a service');
    await app.press(KEYS.escape, '1');
    await app.waitUntil((f) => f.split('\n').at(-1)!.includes('x restart'), 'the footer offers x on the health pane');
    await app.press('x');
    const frame = await app.waitFor(/Restart \S+@\S+\?/);
    const target = /Restart (\S+)@(\S+)\?/.exec(frame)!;
    await app.press(KEYS.escape);
    await app.waitFor('cancelled');
    expect(calls).toEqual([]);
    expect(app.journal.read()).toMatchObject([{phase: 'planned', action: 'restart', target: `${target[1]}@${target[2]}`}, {phase: 'cancelled'}]);
  });
});

describe('scale', () => {
  it(':scale SERVICE@REGION N: the form shows current, HPA range and override warning, checks bounds; then confirm, follow, journal', async () => {
    const calls: Call[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: recording(calls)}});
    await app.waitFor('ingestion@us-east');
    await app.press(':', 'scale ingestion@us-east 12', KEYS.enter);
    const form = await app.waitFor('Scale ingestion@us-east: how many replicas?');
    expect(form).toMatch(/Current +3 replicas, 3 ready/);
    expect(form).toMatch(/Autoscaler +HPA ingestion keeps 3\.\.9 replicas/);
    expect(form).toMatch(/Bounds +0\.\.50/);
    expect(form).toContain('HPA ingestion keeps 3..9 replicas: it will scale back down to 9');
    await app.press(KEYS.backspace, KEYS.backspace, '99');
    await app.waitFor('the replica count must be between 0 and 50');
    await app.press(KEYS.enter);
    expect(app.lastFrame()).not.toContain('Blast radius');
    await app.press(KEYS.backspace, KEYS.backspace, '3', KEYS.enter);
    await app.waitFor('ingestion@us-east already has 3 replicas');
    await app.press(KEYS.backspace, '5');
    await app.waitFor('manages the replica count and may change 5');
    await app.press(KEYS.enter);
    const confirm = await app.waitFor('Scale ingestion@us-east from 3 to 5 replicas?');
    expect(confirm).toContain('kubectl scale deployment/ingestion -n atp-ingest-ns --replicas=5 --context us-east');
    expect(confirm).toMatch(/Blast radius +ingestion in us-east: 2 new pods start/);
    expect(confirm).toMatch(/Note +HPA ingestion \(3\.\.9\) manages the replica count/);
    await confirmWithReason(app, 'ingest backlog', 'INC-8');
    await followUntil(app, 'ingestion@us-east scaled from 3 to 5');
    const entries = app.journal.read();
    const id = entries[0]!.actionId;
    expect(calls).toEqual([
      {
        what: 'scale',
        ref: {service: 'ingestion', region: 'us-east'},
        replicas: 5,
        note: {by: 'tester', host: 'testhost', reason: 'ingest backlog', incident: 'INC-8', id},
      },
    ]);
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({action: 'scale', target: 'ingestion@us-east', params: {from: 3, to: 5}, after: {replicas: 5}, reason: 'ingest backlog'});
  });

  it(':scale without a count starts from the current one; a bad count is a usage line', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.waitFor('ingestion@us-east');
    await app.press(':', 'scale ingestion@us-east many', KEYS.enter);
    await app.waitFor('usage: scale SERVICE@REGION N (N: a whole number of replicas, got "many")');
    await app.press(':', 'scale ingestion@us-east', KEYS.enter);
    const form = await app.waitFor('how many replicas?');
    expect(form).toMatch(/Replicas: +3 +from 3/);
  });
});

describe('restart and scale in read-only', () => {
  it('keys and commands explain read-only; nothing reaches the backend or the journal; the backend refuses below the UI', async () => {
    const calls: Call[] = [];
    app = await renderCockpit({flags: {demo: 'calm', readOnly: true}, session: {createSource: recording(calls)}});
    await app.waitFor('READ-ONLY');
    for (const keys of [
      ['1', 'x'],
      ['1', 's'],
      [':', 'restart ingestion@us-east', KEYS.enter],
      [':', 'scale ingestion@us-east 5', KEYS.enter],
    ]) {
      await app.press(...keys);
      const frame = await app.waitFor('This cockpit is read-only');
      expect(frame).toContain('every action that changes something is');
      await app.press(KEYS.escape);
      await app.waitUntil((f) => !f.includes('This cockpit is read-only'), 'notice closed');
    }
    expect(calls).toEqual([]);
    expect(app.journal.read()).toEqual([]);
    const caps = app.session.sources.get('demo')!.capabilities;
    const run = {signal: new AbortController().signal, progress: () => undefined};
    const note = {by: 'x', host: 'y', reason: 'z'};
    await expect(caps.restart!.restart({service: 'ingestion', region: 'us-east'}, note, run)).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(caps.scale!.scale({service: 'ingestion', region: 'us-east'}, 5, note, run)).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(caps.scale!.info({service: 'ingestion', region: 'us-east'}, run.signal)).resolves.toMatchObject({replicas: 3});
    expect(calls).toEqual([]);
  });
});

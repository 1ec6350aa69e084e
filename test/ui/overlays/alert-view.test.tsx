// Issue 14, "`a` is an alert view you can act from": alerts are selected with the movement keys of every list, Enter
// shows the whole account (since when, condition and value, procedure, escalation now and next, the clock), Esc goes
// back, and the actions that fit the alert begin through the normal flow with the exact target.
import {afterEach, describe, expect, it} from 'vitest';
import type {SourceFactory} from '../../../src/data/sources/registry.js';
import type {ReadingByPane} from '../../../src/data/readings/types.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';
import {selectAlert, selectedLine} from '../../helpers/alert-view.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** The row a dialog's list marks as selected (the pane behind the dialog has its own marker). */
const pickedLine = (frame: string) => frame.split('\n').find((l) => /║ ▶ /.test(l)) ?? '';

/** The demo, with the integrity service of us-east reporting tamper alerts (runbook 17.1). */
function tamperDemoFactory(calls: string[]): SourceFactory {
  const recording = recordingDemoFactory(calls);
  return async (config, env) => {
    const source = await recording(config, env);
    return {
      ...source,
      read: async (pane, signal) => {
        const reading = await source.read(pane, signal);
        if (pane !== 'health') return reading;
        const health = reading as ReadingByPane['health'];
        const platform = {...health.platform, tamperEvents: [{target: 'integrity@us-east', value: 3}]};
        return {...health, platform} as unknown as typeof reading;
      },
    };
  };
}

describe('the alert view: select, read, act', () => {
  it('bad-deploy at 80x24: j/k/G/g select, Enter shows procedure and escalation, Esc returns, r rolls back exactly ingestion@us-east', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    let frame = await app.waitFor('Alerts: 3 firing');
    const first = selectedLine(frame);
    expect(first, 'the first alert is selected').toMatch(/SEV-2/);
    await app.press('j');
    await app.waitUntil((f) => selectedLine(f) !== first, 'j moved the selection');
    await app.press('k');
    await app.waitUntil((f) => selectedLine(f) === first, 'k moved it back');
    await app.press('G');
    frame = await app.waitUntil((f) => selectedLine(f) !== first, 'G selected the last alert');
    const last = selectedLine(frame);
    await app.press('g');
    await app.waitUntil((f) => selectedLine(f) === first, 'g selected the first alert');
    expect(last).not.toBe(first);

    await selectAlert(app, /HighErrorRate ingestion@us-east/);
    await app.press(KEYS.enter);
    frame = await app.waitFor('procedure 6.2');
    expect(frame).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\dZ/);
    expect(frame).toContain('condition: >5% errors, 5min');
    expect(frame).toMatch(/errors \d+\.\d% > 5\.0%/);
    expect(frame).toContain('now: page Primary on-call');
    expect(frame).toMatch(/next: Secondary on-call in \d+m/);
    expect(frame).toMatch(/respond (within 15m: \d+m left|overdue by \d+m)/);
    expect(frame).toMatch(/r +roll back ingestion@us-east/);
    // Every line fits 80 columns, and the detail scrolls to its procedure's last step.
    expect(frame.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    await app.press('G');
    await app.waitFor('No release: search the logs');
    await app.press(KEYS.escape);
    frame = await app.waitFor('Alerts: 3 firing');
    expect(selectedLine(frame)).toMatch(/HighErrorRate ingestion@us-east/);

    await app.press('r');
    frame = await app.waitFor('choose a revision');
    expect(frame).toContain('Roll back ingestion@us-east');
    expect(calls).toEqual([]);
    // The same confirmation as from the health pane: a reason is required.
    await app.press(KEYS.enter);
    frame = await app.waitFor('reason (required)');
    expect(frame).toContain('Blast radius');
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('Blast radius'), 'confirmation closed');
    expect(calls).toEqual([]);
  });

  it('read-only: the offered rollback takes the normal refusal path, and nothing reaches the source', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await selectAlert(app, /HighErrorRate ingestion@us-east/);
    await app.waitFor('r roll back ingestion@us-east');
    await app.press('r');
    await app.waitFor('This cockpit is read-only');
    expect(calls).toEqual([]);
  });

  it('bad-deploy: the burn alert offers no rollback, and r there opens nothing', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('ErrorBudgetBurn');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await selectAlert(app, /ErrorBudgetBurn/);
    await app.press(KEYS.enter);
    const frame = await app.waitFor('procedure Topic 10');
    expect(frame).not.toMatch(/r +roll back/);
    await app.press('r');
    await app.waitFor('no rollback fits');
    expect(app.lastFrame()).not.toContain('choose a revision');
  });

  it('dlq-storm: a DLQ backlog offers the replay of its exact entity, and p opens it', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 120, rows: 40});
    await app.waitFor('DLQBacklog');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await selectAlert(app, /DLQBacklog audit\.appended\.v1\/export-feed/);
    // Room the short list leaves previews the selected alert's account.
    await app.waitUntil((f) => /── DLQBacklog audit\.appended\.v1\/export-feed ─+/.test(f) && f.includes('value: '), 'the preview');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('procedure 10.2');
    expect(frame).toMatch(/p +replay audit\.appended\.v1\/Subscriptions\/export-feed/);
    await app.press('p');
    await app.waitFor('Replay dead letters: audit.appended.v1/Subscriptions/export-feed');
  });

  it('a tamper alert offers freeze integrity, and f opens its confirmation (reason required)', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 120, rows: 40, session: {createSource: tamperDemoFactory(calls)}});
    await app.waitFor('TamperDetected');
    await app.press('a');
    await app.waitFor('Alerts: 1 firing');
    expect(selectedLine(app.lastFrame())).toMatch(/TamperDetected integrity@us-east/);
    await app.press(KEYS.enter);
    const frame = await app.waitFor('procedure 17.1');
    expect(frame).toMatch(/f +freeze integrity/);
    await app.press('f');
    await app.waitFor('Freeze integrity');
    await app.waitFor('reason (required)');
    expect(calls).toEqual([]);
  });

  // Inverse itself is asserted in a real terminal (test/e2e/alert-view.e2e.test.ts): Ink writes no SGR codes here.
  it('without colour, and in ASCII, the selected alert keeps a marker', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24, color: false, ascii: true});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    const frame = await app.waitFor('Alerts: 3 firing');
    expect(selectedLine(frame, '>')).toMatch(/SEV-2/);
    await app.press('j');
    await app.waitUntil((f) => selectedLine(f, '>') !== selectedLine(frame, '>'), 'the marker moved');
  });

  it('the rollback picker and the target picker take G/g and End/Home like every list', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('ingestion@us-east');
    await app.press('r');
    let frame = await app.waitFor('choose a revision');
    const initial = pickedLine(frame);
    await app.press('G');
    frame = await app.waitUntil((f) => pickedLine(f) !== initial, 'G moved the revision');
    expect(pickedLine(frame)).toMatch(/║ ▶ 1 /);
    await app.press('g');
    await app.waitUntil((f) => /ACTIVE/.test(pickedLine(f)), 'g selected the newest revision');
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('choose a revision'), 'picker closed');
    await app.press(':', 'rollback ingestion', KEYS.enter);
    frame = await app.waitFor('choose a region');
    const firstRegion = pickedLine(frame);
    await app.press('\u001b[F');
    await app.waitUntil((f) => pickedLine(f) !== firstRegion, 'End moved the region');
    await app.press('\u001b[H');
    await app.waitUntil((f) => pickedLine(f) === firstRegion, 'Home moved it back');
  });
});

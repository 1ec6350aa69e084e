// The cockpit offers the runbook's action for the incident in front of it: in `projection-stall` the catalog says
// "Scale workers (KEDA)" (runbook 10.1), so the footer at 80x24 offers `s scale` before `r rollback`, the alert view
// offers the scale of the projection workers, and the demo heals when they are scaled: lag falls, the alert clears.
import {afterEach, describe, expect, it} from 'vitest';
import {fitHints, footerHints} from '../../../src/ui/footer.js';
import {KEYMAP} from '../../../src/ui/keys/keymap.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {selectAlert} from '../../helpers/alert-view.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const footer = (frame: string) => frame.split('\n').at(-1) ?? '';
/** The timeline projection's lag in us-east as the lag pane's source last read it. */
const timelineLag = (a: AppHarness) =>
  a.session.feeds.lag.snapshot().value?.projections.find((p) => p.projection === 'timeline' && p.region === 'us-east')?.lagSeconds ?? NaN;

describe('the footer offers the actions that fit the firing alerts first, within its width', () => {
  it('footerHints: the fitting actions first in their order, kept last when the width is short', () => {
    const available = new Set(['rollback', 'scale', 'restart', 'logs']);
    const hints = footerHints('panes', 'health', available, false, false, KEYMAP, ['scale', 'restart']);
    expect(hints.slice(0, 3).map((h) => h.text)).toEqual(['s scale', 'x restart', 'r rollback']);
    expect(fitHints(hints, 35)).toBe(' s scale  x restart  ? help  q quit');
    expect(fitHints(hints, 34)).toBe(' s scale  ? help  q quit');
    expect(footerHints('panes', 'health', available, false).map((h) => h.text)).not.toContain('s scale');
  });

  it('projection-stall at 80x24: s scale comes before r rollback, and ? help and q quit stay', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 80, rows: 24});
    const frame = await app.waitFor('ProjectionLagHigh');
    const line = footer(frame);
    expect(line).toContain('s scale');
    expect(line.indexOf('s scale')).toBeLessThan(line.indexOf('r rollback') < 0 ? Infinity : line.indexOf('r rollback'));
    expect(line).toContain('? help');
    expect(line).toContain('q quit');
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it('bad-deploy at 80x24: r rollback still comes first', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    const frame = await app.waitFor('HighErrorRate');
    expect(footer(frame)).toMatch(/^ r rollback {2}/);
    expect(footer(frame)).toContain('q quit');
  });
});

describe('projection-stall can be played to the end', () => {
  it('a → ProjectionLagHigh → s (prefilled) → confirm with a reason → the workers scale, lag falls, the alert clears; journaled', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 80, rows: 24});
    await app.waitFor('ProjectionLagHigh');
    const before = timelineLag(app);
    expect(before).toBeGreaterThan(30 * 60);
    await app.press('a');
    await app.waitFor('Alerts: 1 firing');
    await selectAlert(app, /ProjectionLagHigh/);
    await app.press(KEYS.enter);
    const account = await app.waitFor('Scale workers (KEDA)');
    expect(account).toContain('s  scale projection@us-east to 4 replicas');
    await app.press('s');
    const form = await app.waitFor('Scale projection@us-east: how many replicas?');
    expect(form).toMatch(/Current +2 replicas/);
    await app.press(KEYS.enter);
    await app.waitFor('Scale projection@us-east from 2 to 4 replicas?');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('a reason is required');
    await app.press('timeline lags 40m: scale the workers (10.1)', KEYS.tab, 'INC-88', KEYS.tab, KEYS.tab, KEYS.enter);
    for (let i = 0; i < 60 && !app.lastFrame().includes('projection@us-east scaled from 2 to 4'); i++) await app.tick(1000);
    await app.waitFor('projection@us-east scaled from 2 to 4');
    const lags: number[] = [];
    for (let i = 0; i < 40 && !(lags.at(-1)! < 30); i++) {
      await app.tick(5000);
      lags.push(timelineLag(app));
    }
    expect(lags.at(-1)).toBeLessThan(30);
    expect(lags.every((l, i) => i === 0 || l <= lags[i - 1]!)).toBe(true);
    expect(lags[0]).toBeLessThan(before);
    await app.tick(5000);
    await app.waitUntil((f) => !f.includes('ProjectionLagHigh'), 'the alert cleared');
    const entries = app.journal.read().filter((e) => e.action === 'scale');
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries.at(-1)).toMatchObject({
      target: 'projection@us-east',
      reason: 'timeline lags 40m: scale the workers (10.1)',
      incident: 'INC-88',
      result: {ok: true},
    });
  });

  it('a restart of the stalled workers also unsticks the projection (runbook 10.1: restart a stalled one), more slowly', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 120, rows: 40});
    await app.waitFor('ProjectionLagHigh');
    await app.press(':', 'restart projection@us-east', KEYS.enter);
    await app.waitFor('Restart projection@us-east?');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('a reason is required');
    await app.press('stalled consumer', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    for (let i = 0; i < 120 && !app.lastFrame().includes('projection@us-east restarted'); i++) await app.tick(1000);
    await app.waitFor('projection@us-east restarted');
    const first = timelineLag(app);
    for (let i = 0; i < 6; i++) await app.tick(5000);
    // about 10 s of lag drained per second with the usual two workers (the scale drains faster)
    expect(timelineLag(app)).toBeLessThan(first - 60);
    expect(timelineLag(app)).toBeGreaterThan(30);
  });

  it('in the alert view s acts on the selected alert: on one that calls for no scale it says why and opens nothing', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('HighLatency');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await selectAlert(app, /HighLatency/);
    await app.press('s');
    await app.waitFor('no scale fits HighLatency ingestion@us-east: no scale offered: the runbook scales out only saturated pods');
    expect(app.lastFrame()).not.toContain('how many replicas?');
    expect(app.journal.read()).toEqual([]);
  });

  it('in the alert view an action key never falls through to the pane row hidden behind it: x there says why and opens nothing', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('HighErrorRate');
    // The health pane's selected row is another service than the alert's.
    await app.press('j');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await selectAlert(app, /HighErrorRate/);
    await app.press('x');
    await app.waitFor('no restart fits HighErrorRate ingestion@us-east');
    expect(app.lastFrame()).not.toContain('Restart');
    expect(app.journal.read()).toEqual([]);
  });
});

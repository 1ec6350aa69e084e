// The header counts down to the next status update (15 min for a SEV-1, 30 for a SEV-2) and says when it is overdue.
import {afterEach, describe, expect, it} from 'vitest';
import {lastUpdateOf} from '../../src/ui/hooks/use-last-update.js';
import {updateDueText} from '../../src/ui/update-due.js';
import {renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const header = (a: AppHarness) => a.lastFrame().split('\n')[0] ?? '';
const MIN = 60_000;

describe('updateDueText', () => {
  it('counts whole minutes up, and says overdue with the minutes late', () => {
    const due = (leftMs: number) => ({severity: 1 as const, everyMin: 15, from: 0, dueAt: leftMs, leftMs});
    expect(updateDueText(undefined)).toBeUndefined();
    expect(updateDueText(due(12 * MIN + 1))).toEqual({long: 'update in 13m', short: 'upd 13m', overdue: false});
    expect(updateDueText(due(1))).toMatchObject({long: 'update in 1m', overdue: false});
    expect(updateDueText(due(0))).toEqual({long: 'UPDATE OVERDUE', short: 'UPD LATE', overdue: true});
    expect(updateDueText(due(-3 * MIN - 5))).toEqual({long: 'UPDATE OVERDUE 3m', short: 'UPD LATE 3m', overdue: true});
  });
});

describe('update countdown in the header', () => {
  it('at 80 columns counts down on the cockpit clock, then says it is overdue', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    await app.tick(1000);
    const before = header(app);
    const m = /update in (\d+)m/.exec(before);
    expect(m, before).not.toBeNull();
    expect(before.length).toBeLessThanOrEqual(80);
    const left = Number(m![1]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(30);
    await app.tick(left * MIN);
    await app.waitUntil((f) => /UPDATE OVERDUE/.test(f.split('\n')[0] ?? ''), 'overdue in the header');
  });

  it('restarts from the last update copied or posted', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.tick(1000);
    lastUpdateOf(app.journal, app.session.context.name).record(app.clock.now());
    await app.tick(1000);
    // The worst firing alert of bad-deploy is a SEV-2: every 30 minutes.
    expect(header(app)).toContain('update in 30m');
  });

  it('shows nothing when no SEV-1 or SEV-2 fires', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 120, rows: 40});
    await app.tick(1000);
    expect(header(app)).not.toMatch(/update in|OVERDUE/);
  });

  it('keeps the short words when badges leave no room at 80 columns', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, columns: 80, rows: 24});
    await app.tick(1000);
    expect(header(app)).toMatch(/upd \d+m .*READ-ONLY/);
  });
});

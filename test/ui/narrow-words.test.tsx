// At 80 columns a cell, the alerts strip and a view's title choose a shorter form that fits, chosen by the width they
// have, instead of cutting the fact that matters mid-word ("pending …", "1 pending (condition met, waitin…").
import {afterEach, describe, expect, it} from 'vitest';
import {alertCell} from '../../src/panes/alert-cell.js';
import type {ActiveAlert} from '../../src/data/alerts/evaluate.js';
import {cellText} from '../../src/ui/components/table-model.js';
import {fitParts} from '../../src/data/text/width.js';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const MIN = 60_000;
const lineOf = (frame: string, text: string) => frame.split('\n').find((l) => l.includes(text)) ?? '';

describe('pending alert cells', () => {
  const pending = {state: 'pending', activeSince: 0, forMs: 30 * MIN, severity: 3} as ActiveAlert;
  it('say pending and for how long in the width they have, shortest last, never "pending …"', () => {
    const cell = alertCell(pending, 29 * MIN);
    expect(cellText(cell, 16)).toBe('pending 29m/30m');
    expect(cellText(cell, 11)).toBe('pending 29m');
    expect(cellText(cell, 9)).toBe('pend 29m');
    expect(cellText(cell, 7)).toBe('pending');
  });

  it('projection-stall at 80x24: the DLQ row of the lock-lost backlog says pending with its time', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 80, rows: 24});
    const frame = await app.waitFor('audit.appended.v1/projection');
    const row = lineOf(frame, 'audit.appended.v1/projection');
    expect(row).not.toContain('pending …');
    expect(row).toMatch(/ pend \d+m /);
  });
});

describe('the alerts strip and the alert view title at 80 columns', () => {
  it('projection-stall: the pending count is told in a form that fits, not cut mid-word', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 80, rows: 24});
    const frame = await app.waitFor('1 pending');
    const line = lineOf(frame, '1 pending').trimEnd();
    expect(line).not.toContain('…');
    expect(line).toMatch(/1 pending( \(waiting for its duration\))?$/);
  });

  it('at 120 columns the whole sentence still shows', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 120, rows: 40});
    await app.waitFor('1 pending (condition met, waiting for its duration)');
  });

  it("an alert's account at 80 columns says how to go back in words that fit", async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 80, rows: 24});
    await app.waitFor('DLQBacklog');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('value: ');
    const title = frame.split('\n').find((l) => l.startsWith(' SEV-3 DLQBacklog')) ?? '';
    expect(title).not.toMatch(/Esc back to…|Esc back to the l…/);
    expect(title).toMatch(/Esc back( to the list)? /);
  });
});

describe('alert lines keep whole facts at 80 columns', () => {
  it('fitParts keeps the leading parts that fit whole and says more follows; cuts only a first part too long alone', () => {
    const parts = ['SEV-3 DLQBacklog x', '170 dead letters > 100', 'condition held 17m of 30m'];
    expect(fitParts(parts, 80)).toBe('SEV-3 DLQBacklog x · 170 dead letters > 100 · condition held 17m of 30m');
    expect(fitParts(parts, 50)).toBe('SEV-3 DLQBacklog x · 170 dead letters > 100 · …');
    expect(fitParts(parts, 30)).toBe('SEV-3 DLQBacklog x · …');
    expect(fitParts(parts, 10)).toBe('SEV-3 DLQ…');
  });

  it('projection-stall, a: the pending DLQ row shows its value whole ("> 100") or not at all, never "> 1…"', async () => {
    app = await renderCockpit({flags: {demo: 'projection-stall'}, columns: 80, rows: 24});
    await app.waitFor('ProjectionLagHigh');
    await app.press('a');
    const frame = await app.waitFor('Alerts: 1 firing');
    const row = lineOf(frame, 'pending SEV-3 DLQBacklog');
    expect(row).not.toMatch(/> 1…|> 10…/);
    expect(row.trimEnd()).toMatch(/audit\.appended\.v1\/projection · (…|\d+ dead letters > 100)/);
    const firing = lineOf(frame, 'SEV-2 ProjectionLagHigh timeline@us-east ·');
    expect(firing).toMatch(/lag P95 \d+m > 30s · /);
    for (const l of [row, firing]) expect(l.trimEnd()).toMatch(/(· …|[^…])$/);
  });

  it("bad-deploy: the strip's burn line keeps its threshold whole", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    const frame = await app.waitFor('ErrorBudgetBurn');
    const line = lineOf(frame, 'ErrorBudgetBurn atp-availability');
    expect(line.trimEnd()).toMatch(/(· …|[^…])$/);
  });
});

describe('the rollback picker at 80 columns', () => {
  it("keeps the running revision's status whole, under its header", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    await app.waitFor('ingestion@us-east');
    await app.press('r');
    const frame = await app.waitFor('choose a revision');
    const header = lineOf(frame, 'REVISION');
    const active = lineOf(frame, 'ACTIVE');
    expect(active).toContain('ACTIVE (current)');
    expect(header.indexOf('STATUS')).toBe(active.indexOf('ACTIVE'));
    expect(header.indexOf('AGE')).toBe(active.search(/\d+m +ACTIVE/));
  });
});

describe('the alert view at 80 columns', () => {
  it('a refusal says its whole reason, wrapped, not cut', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    await app.waitFor('HighErrorRate');
    await app.press('a');
    await app.waitFor('Alerts: 3 firing');
    await app.press('x');
    const frame = await app.waitFor('no restart fits');
    const text = frame
      .split('\n')
      .map((l) => l.trim())
      .join(' ');
    expect(text).toMatch(/no restart fits .*\(Esc closes this view\)/);
    expect(frame.split('\n').every((l) => [...l].length <= 80)).toBe(true);
  });
});

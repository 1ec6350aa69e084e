import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';
import {flakyDemoFactory} from '../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('the cockpit screen', () => {
  it('shows the header, alerts and all five panes at 80x24, each with its most important column', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    const frame = await app.waitFor('Error-budget burn');
    const lines = frame.split('\n');
    expect(lines).toHaveLength(24);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    for (const title of ['Service health', 'Projection lag', 'DLQ depth', 'Outbox backlog', 'Error-budget burn']) expect(frame).toContain(title);
    expect(frame).toContain('ATP COCKPIT');
    expect(frame).toContain('SEV-2');
    expect(frame).toMatch(/ingestion@us-east +▲ Degraded/);
    // The troubled panes show their tables; the healthy ones fold to their title and summary.
    for (const header of ['STATUS', 'PENDING', 'BUDGET']) expect(frame).toContain(header);
    expect(frame).toMatch(/3 DLQ depth · 12 entities ─+ /);
    // Time to exhaustion names the burn it assumes: at 80x24 the 5m burn (57x) is three times the 1h (17x).
    expect(frame).toContain(' EXH @1h');
    expect(frame).toMatch(/Availability 99\.9% .* 3[0-9]h\d*m?\s*$/m);
  });

  it('dlq-storm at 80x24: the DLQ pane shows its critical rows with the reasons, and no range reads N-M with N > M', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 80, rows: 24});
    const frame = await app.waitFor('REASONS');
    const rows = frame.split('\n').filter((l) => /Serializ \d+/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const [, a, b] of frame.matchAll(/(\d+)-(\d+) of \d+/g)) expect(Number(a)).toBeLessThanOrEqual(Number(b));
    expect(frame).not.toMatch(/\d+-\d+\/\d+/);
  });

  it('wide screens show more columns, trend lines and the reason breakdown', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 250, rows: 70});
    const frame = await app.waitFor('REASONS');
    expect(frame).toContain('ERRORS 60m');
    expect(frame).toMatch(/Serializ \d+/);
    expect(frame).toMatch(/[▁▂▃▄▅▆▇█]{8}/);
    expect(frame.split('\n')).toHaveLength(70);
  });

  it('a pane with lines to spare charts its row against the line the row is judged by, named in the title', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 250, rows: 70});
    const frame = await app.waitFor('5m burn rate, last 60m');
    const title = frame.split('\n').find((l) => l.includes('5m burn rate, last 60m'));
    expect(title).toMatch(/Availability 99\.9% 5m burn rate, last 60m.* · now \d+\.\dx .*· page >14\.4x \(5m\/1h\) \(dotted\)/);
  });

  it('every pane shows its data age', async () => {
    app = await renderCockpit();
    const frame = await app.waitFor('ago');
    expect(frame.match(/ \d+s ago/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('a failing source keeps the last values, marks the pane stale, and shows the error and last success', async () => {
    const sw: {failWith?: string} = {};
    app = await renderCockpit({session: {createSource: flakyDemoFactory(sw)}});
    await app.waitFor('ingestion@us-east');
    sw.failWith = 'HTTP 503 Service Unavailable';
    for (let i = 0; i < 5; i++) await app.tick(1000);
    const frame = await app.waitFor('STALE');
    expect(frame).toContain('HTTP 503 Service Unavailable · last success');
    expect(frame).toContain('ingestion@us-east');
    sw.failWith = undefined;
    for (let i = 0; i < 2; i++) await app.tick(1000);
    expect(app.lastFrame()).not.toContain('STALE');
  });

  it('? shows help generated from the keymap; Esc closes it', async () => {
    app = await renderCockpit();
    await app.press('?');
    const frame = await app.waitFor('Keys (Esc or ? to close)');
    expect(frame).toContain('Roll back the selected service');
    expect(frame).toContain('Command line: ctx NAME');
    await app.press(KEYS.escape);
    await app.waitFor('Service health');
  });

  it('/ filters the focused pane; Esc clears the filter', async () => {
    app = await renderCockpit();
    await app.press('/', 'q', 'u', 'e', 'r', 'y');
    let frame = await app.waitFor('/query');
    const health = frame.split('Projection lag')[0]!;
    expect(health).toContain('query@us-east');
    expect(health).not.toContain('gateway@us-east');
    await app.press(KEYS.enter);
    frame = await app.waitUntil((f) => !f.includes('Enter keep'), 'filter line closed');
    expect(frame.split('Projection lag')[0]).not.toContain('gateway@');
    await app.press(KEYS.escape);
    await app.waitUntil((f) => (f.split('Projection lag')[0] ?? '').includes('gateway@'), 'filter cleared');
  });

  it(': focuses a pane by name and switches context', async () => {
    app = await renderCockpit({columns: 100, rows: 30});
    await app.press(':', 'p', 'a', 'n', 'e', ' ', 'd', 'l', 'q', KEYS.enter);
    let frame = app.lastFrame();
    expect(frame).toMatch(/ 3 DLQ depth/);
    const switched: string[] = [];
    await app.press(':', 'c', 't', 'x', ' ', 'p', 'r', 'o', 'd', KEYS.enter);
    frame = app.lastFrame();
    expect(frame).toContain('switching to context prod');
    expect(switched).toEqual([]);
  });

  it('Enter opens detail views: checks & pods, DLQ reasons & messages, SLO windows', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.press(KEYS.enter);
    await app.tick(0);
    let frame = await app.waitFor('ingestion-');
    expect(frame).toContain('READINESS CHECKS');
    expect(frame).toContain('PODS');
    await app.press(KEYS.escape);
    await app.waitFor('Service health');
    await app.press('3', KEYS.enter);
    frame = await app.waitFor('RUNBOOK ACTION');
    expect(frame).toMatch(/#\d+ +[0-9a-f-]{36}/);
    await app.press(KEYS.escape);
    await app.waitFor('Service health');
    await app.press('5', KEYS.enter);
    frame = await app.waitFor('ALERT PAIRS');
    expect(frame).toContain('ERROR-BUDGET POLICY');
    expect(frame).toContain('30d');
  });

  it('with colour off, severity still reads from symbols and words; SEV-1 is an inverse bar', async () => {
    app = await renderCockpit({flags: {demo: 'region-outage'}, color: false, columns: 200, rows: 50});
    const frame = await app.waitFor('SEV-1');
    expect(frame).toMatch(/✖ ‼ SEV-1 ‼ us-east: 8× ServiceDown/);
    expect(frame).toContain('✖ Unhealthy');
    // The SEV-1 definition pages everyone at once (docs/alerts-and-escalation.md).
    expect(frame).toContain('page Primary, Secondary, Manager, VP Engineering');
  });

  it('--ascii uses no box drawing or braille', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, ascii: true, columns: 250, rows: 70});
    const frame = await app.waitFor('Service health');
    expect(frame).not.toMatch(/[─│═║▁▂▃▄▅▆▇█✓✖▲‼\u2800-\u28ff]/);
  });

  it('wall layout: no key hints, a big banner, read-only', async () => {
    app = await renderCockpit({flags: {demo: 'region-outage', wall: true}, wall: true, columns: 160, rows: 50});
    const frame = await app.waitFor('READ-ONLY');
    expect(frame).not.toContain('Tab next pane');
    expect(frame).toMatch(/█████/);
    await app.press('r');
    expect(app.lastFrame()).toContain('read-only');
  });
});

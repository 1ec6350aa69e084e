// The real launcher in a real terminal: five panes, resize, help, hostile input, quit, and the terminal given back.
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const run = promisify(execFile);
const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

const PANES = ['Service health', 'Projection lag', 'DLQ depth', 'Outbox backlog', 'Error-budget burn'];

/** After the program exits: main screen, cursor shown, echo and canonical mode on. */
async function expectRestored(t: Tmux, code: RegExp) {
  const screen = await t.waitFor(/\[exited \d+\]/);
  expect(screen).toMatch(code);
  expect(await t.format('#{alternate_on}')).toBe('0');
  expect(await t.format('#{cursor_flag}')).toBe('1');
  expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
  expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
}

describe.runIf(enabled)('cockpit in a real terminal', () => {
  it('shows five panes at 80x24, re-lays out on resize, opens help, quits and restores the terminal', async () => {
    term = new Tmux();
    const journal = join(mkdtempSync(join(tmpdir(), 'atp-e2e-')), 'journal.jsonl');
    await term.start([LAUNCHER, '--demo', 'bad-deploy'], {columns: 80, rows: 24, env: {ATP_COCKPIT_JOURNAL: journal}});
    const title = await term.format('#{pane_title}');
    let screen = await term.waitFor((s) => PANES.every((p) => s.includes(p)) && s.includes('SEV-2'));
    expect(await term.format('#{alternate_on}')).toBe('1');
    expect(screen.split('\n').filter((l) => l.length > 80)).toEqual([]);
    await term.resize(250, 70);
    screen = await term.waitFor((s) => s.includes('ERRORS 60m') && s.includes('REASONS'));
    expect(screen).toMatch(/[▁▂▃▄▅▆▇█]{10}/);
    await term.resize(80, 24);
    for (let i = 0; i < 10; i++) await term.resize(100 + i * 7, 30 + i);
    await term.waitFor((s) => PANES.every((p) => s.includes(p)));
    await term.keys('?');
    await term.waitFor('Keys (Esc or ? to close)');
    await term.keys('Escape');
    await term.waitFor('Service health');
    // Hostile input: the webhook DLQ holds a message that tries to retitle the window and clear the screen.
    await term.keys('3', '/');
    await term.type('webhook');
    await term.keys('Enter', 'Enter');
    await term.waitFor('RUNBOOK ACTION');
    await term.keys('G', 'End');
    for (let i = 0; i < 25; i++) await term.keys('j');
    await term.keys('Enter');
    screen = await term.waitFor('Webhook 500 from');
    expect(await term.format('#{pane_title}')).toBe(title);
    expect(screen).toContain('ATP COCKPIT');
    await term.keys('Escape', 'q');
    await expectRestored(term, /\[exited 0\]/);
    expect(await term.format('#{pane_title}')).toBe(title);
  }, 60_000);

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`restores the terminal on ${signal}`, async () => {
      term = new Tmux();
      await term.start([LAUNCHER, '--demo']);
      await term.waitFor('Error-budget burn');
      process.kill(await term.programPid(), signal);
      await expectRestored(term, signal === 'SIGTERM' ? /\[exited 143\]/ : /\[exited 129\]/);
    }, 30_000);
  }

  it('restores the terminal after a crash', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo'], {env: {ATP_COCKPIT_TEST_CRASH_MS: '1500'}});
    await term.waitFor('Error-budget burn');
    const screen = await term.waitFor('crashed');
    expect(screen).toContain('test crash');
    await expectRestored(term, /\[exited 70\]/);
  }, 30_000);

  it('`status` works without a TTY and exits with the worst severity', async () => {
    const calm = await run(LAUNCHER, ['status', '--demo', 'calm']);
    expect(calm.stdout).toContain('no firing alerts');
    const outage = await run(LAUNCHER, ['status', '--demo', 'region-outage', '--json']).catch((e: {code: number; stdout: string}) => e);
    expect(outage).toMatchObject({code: 1});
    const json = JSON.parse((outage as {stdout: string}).stdout);
    expect(json.alerts.filter((a: {name: string; state: string}) => a.name === 'ServiceDown' && a.state === 'firing')).toHaveLength(8);
    // The runbook's emergency (Topic 41) leads: the whole region is down.
    expect(json.alerts[0]).toMatchObject({name: 'RegionOutage', target: 'us-east', severity: 1, state: 'firing'});
  }, 30_000);
});

// Every demo scenario at 80x24, 120x40 and 250x70 in a real terminal: the story's words are on screen, no range
// reads N-M with N > M, no line is wider than the terminal; help reaches its last key by scrolling; the modes.
// One terminal per scenario, resized, so the file stays quick on a 2-core CI machine.
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

const SIZES = [
  [80, 24],
  [120, 40],
  [250, 70],
] as const;

/** The words that tell each scenario's story, at every size. */
const STORY: Readonly<Record<string, readonly RegExp[]>> = {
  calm: [/1 Service health · 16 rows ─/, /3 DLQ depth · 12 entities ─/],
  // The incident summary says who to page now, even at 80x24.
  'bad-deploy': [/ingestion@us-east +▲ Degraded +SEV-2 .*errors \d+\.\d%/, /SEV-2 .*\(\+2 more\) —\s+page\s+Primary\s+on-call/],
  'projection-stall': [/timeline@us-east +\d+m +\d+m +\d+m +0 SEV-2/],
  'dlq-storm': [/REASONS/, /search-.* 4\d\d .*Serializ 4\d\d/, /3 SEV-3 firing/],
  'region-outage': [
    // The runbook's emergency leads (Topic 41: fail over), the region's ServiceDown group under it.
    /‼ SEV-1 ‼ RegionOutage us-east \(\+3 more\) —\s+page\s+Primary,\s+Secondary,\s+Manager,\s+VP/,
    /runbook\s+Topic\s+41:\s+Declare\s+SEV-1,\s+page\s+all\s+on-call\s+and\s+fail\s+over\s+to\s+the\s+healthy\s+region/,
    /‼ SEV-1 ‼ us-east: 8× ServiceDown/,
    /8 not healthy · 9 SEV-1 firing/,
    /export@us-east +✖ Unhealthy +SEV-1 .*0\/2/,
    /Pending: 0\/6 nodes/,
  ],
};

/** Waits until the terminal shows a frame painted at `columns` (a pane title reaches the right edge). */
const painted = (columns: number) => (s: string) => s.split('\n').some((l) => l.includes('Error-budget burn') && l.trimEnd().length >= columns - 2);

function expectSane(screen: string, columns: number) {
  for (const [range, a, b] of screen.matchAll(/(\d+)-(\d+) of \d+/g)) expect(Number(a), range).toBeLessThanOrEqual(Number(b));
  expect(screen).not.toMatch(/ \d+-\d+\/\d+/);
  expect(screen.split('\n').filter((l) => [...l].length > columns)).toEqual([]);
}

describe.runIf(enabled)('every scenario at every size', () => {
  for (const scenario of Object.keys(STORY)) {
    it(`${scenario}: the story at 80x24, 120x40 and 250x70`, async () => {
      term = new Tmux();
      await term.start([LAUNCHER, '--demo', scenario, '--seed', '7'], {columns: 80, rows: 24});
      for (const [columns, rows] of SIZES) {
        await term.resize(columns, rows);
        const screen = await term.waitFor((s) => painted(columns)(s) && STORY[scenario]!.every((re) => re.test(s)));
        expectSane(screen, columns);
        if (columns === 250) expect(screen).not.toMatch(/availab…/);
      }
    }, 60_000);
  }

  it('help at 80x24 reaches its last key by scrolling (j, PgDn, G) and comes back (g)', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'calm'], {columns: 80, rows: 24});
    await term.waitFor(painted(80));
    await term.keys('?');
    let screen = await term.waitFor('Keys (Esc or ? to close');
    expect(screen).not.toContain('Quit (--wall');
    await term.keys('j');
    await term.waitFor('lines 2-');
    await term.keys('NPage');
    await term.waitFor((s) => !s.includes('lines 2-'));
    // Down a page at a time: the last key of the keymap, then the last key of the dialogs, come on screen.
    let seen = '';
    for (let i = 0; i < 12 && !seen.includes('next replay target'); i++) {
      seen += await term.screen();
      await term.keys('NPage');
      await new Promise((r) => setTimeout(r, 150));
    }
    seen += await term.screen();
    expect(seen).toMatch(/ q Ctrl-C +Quit \(--wall/);
    expect(seen).toMatch(/ t +next replay target/);
    await term.keys('G');
    screen = await term.waitFor((s) => /lines \d+-(\d+) of \1\b/.test(s));
    expectSane(screen, 80);
    expect(screen.trimEnd().split('\n').at(-1)).toContain('q quit');
    await term.keys('g');
    await term.waitFor(' Navigate');
  }, 30_000);

  it('--ascii prints only ASCII, in the panes and in help', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'region-outage', '--ascii'], {columns: 120, rows: 40});
    let screen = await term.waitFor((s) => painted(120)(s) && s.includes('8 not healthy'));
    expect(screen.replace(/[\x20-\x7e\n]/g, '')).toBe('');
    await term.keys('?');
    screen = await term.waitFor('Keys (Esc or ? to close');
    // every page of the help, down to its last section
    for (let i = 0; i < 12 && !screen.includes('Words on screen'); i++) {
      expect(screen.replace(/[\x20-\x7e\n]/g, '')).toBe('');
      await term.keys('NPage');
      await new Promise((r) => setTimeout(r, 150));
      screen = await term.screen();
    }
    expect(screen).toContain('Words on screen');
    expect(screen.replace(/[\x20-\x7e\n]/g, '')).toBe('');
  }, 30_000);

  it('--no-color removes colour only: the SEV-1 bar, the focused pane and the selected row stay inverse', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'region-outage', '--no-color'], {columns: 120, rows: 40});
    await term.waitFor((s) => painted(120)(s) && s.includes('SEV-1'));
    const styled = await term.styledScreen();
    const params = [...styled.matchAll(/\u001b\[([\d;]*)m/g)].flatMap((m) => (m[1] ?? '').split(';'));
    // No foreground/background colour (30-37, 38, 90-97, 40-47, 48, 100-107); 39/49 only reset to the default.
    expect(params.filter((p) => /^(3[0-8]|4[0-8]|9\d|10\d)$/.test(p))).toEqual([]);
    expect(params).toContain('7');
    expect(params).toContain('1');
  }, 30_000);

  it('--wall: the worst alert once, in plain words; q and Ctrl-C do not quit, :quit does', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'region-outage', '--wall'], {columns: 250, rows: 70});
    // The region outage is the banner (runbook Topic 41); its eight ServiceDown alerts are one line under it.
    const screen = await term.waitFor((s) => painted(250)(s) && s.includes('us-east: whole region down, fail over'));
    expect(screen.match(/us-east: whole region down, fail over/g)).toHaveLength(1);
    expect(screen.match(/us-east: 8× ServiceDown/g)).toHaveLength(1);
    expect(screen).not.toMatch(/ServiceDown export@us-east/);
    await term.keys('q');
    await term.waitFor(':quit');
    await term.keys('C-c');
    await new Promise((r) => setTimeout(r, 300));
    expect(await term.screen()).not.toMatch(/\[exited/);
    await term.type(':quit');
    await term.keys('Enter');
    await term.waitFor(/\[exited 0\]/);
  }, 30_000);
});

// The log view in a real terminal at 80x24 (issue 16): a hostile log line (the demo gateway logs a User-Agent that
// tries to retitle the window and clear the screen) is shown harmlessly, and the window title stays.
import {join} from 'node:path';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

describe.runIf(enabled)('log view in a real terminal', () => {
  it('opens at 80x24, follows, and a hostile log line changes neither the window title nor the screen', async () => {
    term = new Tmux();
    const journal = join(mkdtempSync(join(tmpdir(), 'atp-e2e-')), 'journal.jsonl');
    await term.start([LAUNCHER, '--demo', 'calm', '--read-only'], {columns: 80, rows: 24, env: {ATP_COCKPIT_JOURNAL: journal}});
    const title = await term.format('#{pane_title}');
    await term.waitFor('Service health');
    await term.keys(':');
    await term.type('logs gateway@us-east');
    await term.keys('Enter');
    await term.waitFor(/LOGS gateway@us-east · following/);
    // Only the hostile lines: the filter keeps them on screen whatever else the pod logs.
    await term.keys('/');
    await term.type('ua=');
    await term.keys('Enter');
    const screen = await term.waitFor((s) => s.includes('filter "ua="') && /ua="curl\/8\.5 " path=/.test(s));
    expect(await term.format('#{pane_title}')).toBe(title);
    expect(await term.format('#{alternate_on}')).toBe('1');
    expect(screen).toContain('ATP COCKPIT');
    expect(screen).toContain('READ-ONLY');
    expect(screen).not.toContain('pwned\u0007');
    expect(screen.split('\n').filter((l) => l.length > 80)).toEqual([]);
    await term.keys('Escape', 'Escape', 'Escape', 'q');
    await term.waitFor(/\[exited 0\]/);
    expect(await term.format('#{pane_title}')).toBe(title);
  }, 60_000);
});

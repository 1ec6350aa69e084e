// Issue 14 in a real terminal at 80x24: the alert view selects with the list keys, opens an alert's account, reads
// its procedure to the last step by scrolling, and goes back; without colour the selected alert stays inverse.
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

const painted = (s: string) => s.split('\n').some((l) => l.includes('Error-budget burn') && l.trimEnd().length >= 78);
const fits = (screen: string) => expect(screen.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
/** The selected alert's line: it carries the selection marker. */
const selected = (screen: string, marker: string) => screen.split('\n').find((l) => l.trimStart().startsWith(`${marker} `)) ?? '';

describe.runIf(enabled)('the alert view at 80x24', () => {
  it('bad-deploy: select the HighErrorRate alert, Enter reads its procedure and escalation, G reaches the last step, Esc returns', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'bad-deploy', '--seed', '7'], {columns: 80, rows: 24});
    await term.waitFor((s) => painted(s) && s.includes('HighErrorRate'));
    await term.keys('a');
    let screen = await term.waitFor('Alerts: 3 firing');
    fits(screen);
    expect(selected(screen, '▶')).toMatch(/SEV-2 HighErrorRate ingestion@us-east/);
    await term.keys('j');
    await term.waitFor((s) => !/HighErrorRate/.test(selected(s, '▶')));
    await term.keys('g');
    await term.waitFor((s) => /HighErrorRate/.test(selected(s, '▶')));
    await term.keys('Enter');
    screen = await term.waitFor('procedure 6.2 (Error Investigation)');
    fits(screen);
    expect(screen).toContain('condition: >5% errors, 5min');
    expect(screen).toContain('escalation now: page Primary on-call');
    expect(screen).toMatch(/r +roll back ingestion@us-east/);
    expect(screen).toMatch(/1\. Compare the error start with the last deploy/);
    await term.keys('G');
    screen = await term.waitFor('No release: search the logs');
    fits(screen);
    await term.keys('Escape');
    await term.waitFor('Alerts: 3 firing');
    await term.keys('Escape');
    await term.waitFor((s) => !s.includes('Alerts: 3 firing') && painted(s));
  }, 60_000);

  it('--no-color --ascii: the selected alert is inverse and marked', async () => {
    term = new Tmux();
    await term.start([LAUNCHER, '--demo', 'bad-deploy', '--seed', '7', '--no-color', '--ascii'], {columns: 80, rows: 24});
    await term.waitFor((s) => painted(s) && s.includes('HighErrorRate'));
    await term.keys('a');
    const screen = await term.waitFor('Alerts: 3 firing');
    expect(selected(screen, '>')).toMatch(/SEV-2 HighErrorRate/);
    const styled = (await term.styledScreen()).split('\n').find((l) => l.includes('> SEV-2 HighErrorRate')) ?? '';
    const params = [...styled.matchAll(/\u001b\[([\d;]*)m/g)].flatMap((m) => (m[1] ?? '').split(';'));
    expect(params).toContain('7');
  }, 60_000);
});

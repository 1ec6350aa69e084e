// In a real terminal (tmux with `set-clipboard on`): the update `:update` copies with OSC 52 lands in tmux's paste
// buffer, exactly as journaled; the demo's hostile DLQ message, which carries an OSC 52 of its own, writes nothing.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

describe.runIf(enabled)('status update to the clipboard in tmux', () => {
  it('lands in the paste buffer; the hostile OSC 52 in a DLQ message does not', async () => {
    term = new Tmux();
    const journal = join(mkdtempSync(join(tmpdir(), 'atp-e2e-')), 'journal.jsonl');
    await term.start([LAUNCHER, '--demo', 'bad-deploy'], {columns: 120, rows: 40, env: {ATP_COCKPIT_JOURNAL: journal}});
    await term.setGlobal('set-clipboard', 'on');
    await term.waitFor((s) => s.includes('DLQ depth') && s.includes('update in'));
    // The webhook DLQ holds a message whose x-callback property is `ESC ] 52 ; c ; <base64> BEL` (src/data/demo/dlq-sim.ts).
    await term.keys('3', '/');
    await term.type('webhook');
    await term.keys('Enter', 'Enter');
    await term.waitFor('RUNBOOK ACTION');
    await term.keys('G', 'End');
    for (let i = 0; i < 25; i++) await term.keys('j');
    await term.keys('Enter');
    // Shown with its OSC 52 stripped (the sequence and its payload), and the buffer stays empty.
    const hostile = await term.waitFor('x-callback=');
    expect(hostile).toContain('x-callback=https://hooks.example.com');
    expect(hostile).not.toContain('cm0gLXJmIH4=');
    expect(await term.buffer()).toBeUndefined();

    await term.keys('Escape', 'Escape');
    await term.waitFor((s) => !s.includes('RUNBOOK ACTION'));
    await term.keys(':');
    await term.type('update');
    await term.keys('Enter');
    await term.waitFor('edit it in place');
    await term.type('Rolling back ingestion now');
    await term.keys('Tab', 'Enter');
    await term.waitFor('Copied the update');
    const buffer = await term.buffer();
    const copied = readFileSync(journal, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as {action: string; phase: string; params?: {text?: string}})
      .find((e) => e.action === 'update' && e.phase === 'finished');
    expect(copied?.params?.text).toMatch(/^\[SEV-2\] .*\nStatus: Investigating\n[\s\S]*Rolling back ingestion now$/);
    expect(buffer).toBe(copied?.params?.text);
    await term.keys('Enter');
    await term.waitFor((s) => s.includes('update in 30m'));
    await term.keys('q');
    await term.waitFor(/\[exited 0\]/);
  }, 60_000);
});

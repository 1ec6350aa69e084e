// Keys that arrive together in a real terminal (issue 13): `tmux send-keys r Enter` reaches the cockpit in one read
// and must act as if typed apart.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {requireTmux, Tmux} from './tmux.js';

const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

describe.runIf(enabled)('keys in one read, in a real terminal', () => {
  it('r Enter opens the rollback and reaches its confirmation; a command line and its Enter run the command', async () => {
    term = new Tmux();
    const journal = join(mkdtempSync(join(tmpdir(), 'atp-e2e-')), 'journal.jsonl');
    await term.start([LAUNCHER, '--demo', 'bad-deploy'], {columns: 120, rows: 40, env: {ATP_COCKPIT_JOURNAL: journal}});
    await term.waitFor('Error-budget burn');
    await term.keysTogether('r', 'Enter');
    const confirm = await term.waitFor('Blast radius');
    expect(confirm).toContain('kubectl rollout undo deployment/ingestion');
    await term.keysTogether('Escape');
    await term.waitFor((s) => !s.includes('Blast radius'));
    await term.keysTogether(':rollback query@eu-west', 'Enter');
    await term.waitFor('Roll back query@eu-west: choose a revision');
    await term.keysTogether('Escape', 'q');
    await term.waitFor(/\[exited 0\]/);
  });
});

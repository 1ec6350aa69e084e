// Issue 3 end to end: roll back the bad deploy through the dialog in a real terminal, see the alert clear,
// and the journal written and verified.
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

describe.runIf(enabled)('rollback in a real terminal', () => {
  it('--demo bad-deploy: roll back ingestion, the alert clears, the journal verifies', async () => {
    term = new Tmux();
    const journal = join(mkdtempSync(join(tmpdir(), 'atp-e2e-')), 'journal.jsonl');
    await term.start([LAUNCHER, '--demo', 'bad-deploy'], {columns: 140, rows: 45, env: {ATP_COCKPIT_JOURNAL: journal}});
    await term.waitFor((s) => s.includes('HighErrorRate ingestion@us-east') && s.includes('▶ ingestion@us-east'));
    await term.keys('r');
    let screen = await term.waitFor('choose a revision');
    expect(screen).toMatch(/▶ 2 +1\.2\.4/);
    await term.keys('Enter');
    screen = await term.waitFor('Blast radius');
    expect(screen).toContain('[ Cancel ]');
    expect(screen).toContain('kubectl rollout undo deployment/ingestion -n atp-ingest-ns --to-revision=2');
    expect(screen).toContain('reason (required)');
    // Confirm without a reason is refused and focuses the reason field; then the reason, Tab to Confirm, Enter.
    await term.keys('Right', 'Enter');
    await term.waitFor('a reason is required');
    await term.type('1.2.5 breaks ingestion');
    await term.keys('Tab', 'Tab', 'Tab', 'Enter');
    screen = await term.waitFor('rolled back to 1.2.4', 30_000);
    expect(screen).toContain('successfully rolled out');
    await term.waitFor((s) => !s.includes('HighErrorRate ingestion@us-east'), 15_000);
    // The alert clears as soon as no bad pod serves; the last new pod may still be starting (2/3) for a poll or two.
    screen = await term.waitFor(/ingestion@us-east +✓ Healthy .* 1\.2\.4 r4/, 15_000);
    expect(screen).toMatch(/ingestion@us-east +✓ Healthy .* 1\.2\.4 r4/);
    await term.keys('q');
    await term.waitFor('[exited 0]');
    const verify = await run(LAUNCHER, ['journal', 'verify', '--journal', journal]);
    expect(verify.stdout).toMatch(/OK, \d+ entries, chain intact/);
    const show = await run(LAUNCHER, ['journal', 'show', '--journal', journal, '--json']);
    const all = JSON.parse(show.stdout) as {
      phase: string;
      action: string;
      target: string;
      reason?: string;
      before?: {revision?: number};
      after?: {revision?: number};
    }[];
    // The incident record shares the chain (issue 19): the alerts that fired are journaled beside the action.
    expect(all.filter((e) => e.action === 'alert').map((e) => `${e.phase} ${e.target}`)).toContain('fired ingestion@us-east');
    const entries = all.filter((e) => e.action !== 'alert');
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({
      action: 'rollback',
      target: 'ingestion@us-east',
      reason: '1.2.5 breaks ingestion',
      before: {revision: 3},
      after: {revision: 4},
    });
    // The same journal read back as the incident record, by the launcher itself.
    const record = await run(LAUNCHER, ['incident', 'show', '--journal', journal]);
    expect(record.stdout).toMatch(/ALERT {2}fired {5}HighErrorRate ingestion@us-east · SEV-2 · errors \d+\.\d% > 5\.0%/);
    expect(record.stdout).toMatch(/ACTION finished {2}rollback ingestion@us-east · by \S+@\S+ · .*1\.2\.4/);
  }, 90_000);
});

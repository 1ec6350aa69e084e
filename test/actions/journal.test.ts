import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {Journal, type JournalRecord} from '../../src/actions/journal.js';
import {verifyJournal} from '../../src/actions/journal-verify.js';

const run = promisify(execFile);

const record = (i: number): JournalRecord => ({
  actionId: `a${i}`,
  action: 'rollback',
  phase: 'planned',
  who: {user: 'alice', host: 'jump1', sshClient: '10.0.0.5 53422 22'},
  context: 'prod',
  environment: 'prod',
  target: 'ingestion',
  params: {toRevision: 2},
  before: {revision: 3},
});

async function journalWith(n: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'atp-j-')), 'journal.jsonl');
  const j = new Journal(path);
  for (let i = 1; i <= n; i++) await j.append(record(i));
  return path;
}

const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');
const save = (path: string, ls: string[]) => writeFileSync(path, `${ls.join('\n')}\n`);

describe('journal', () => {
  it('chains entries with SHA-256 and verifies', async () => {
    const path = await journalWith(5);
    const entries = new Journal(path).read();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    expect(entries[0]!.who).toEqual({user: 'alice', host: 'jump1', sshClient: '10.0.0.5 53422 22'});
    expect(verifyJournal(path)).toMatchObject({ok: true, entries: 5});
  });

  it('finds an edited entry', async () => {
    const path = await journalWith(5);
    const ls = lines(path);
    ls[2] = ls[2]!.replace('"target":"ingestion"', '"target":"query"');
    save(path, ls);
    expect(verifyJournal(path)).toMatchObject({ok: false, badLine: 3, problem: expect.stringContaining('edited')});
  });

  it('finds a deleted entry', async () => {
    const path = await journalWith(5);
    const ls = lines(path);
    ls.splice(1, 1);
    save(path, ls);
    expect(verifyJournal(path)).toMatchObject({ok: false, badLine: 2, problem: expect.stringContaining('deleted')});
  });

  it('finds an inserted entry', async () => {
    const path = await journalWith(5);
    const ls = lines(path);
    ls.splice(3, 0, ls[3]!);
    save(path, ls);
    expect(verifyJournal(path)).toMatchObject({ok: false, badLine: 5});
  });

  it('finds reordered entries', async () => {
    const path = await journalWith(5);
    const ls = lines(path);
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    save(path, ls);
    expect(verifyJournal(path)).toMatchObject({ok: false, badLine: 2});
  });

  it('finds a truncated tail through the head record', async () => {
    const path = await journalWith(5);
    save(path, lines(path).slice(0, 3));
    expect(verifyJournal(path)).toMatchObject({ok: false, problem: expect.stringContaining('deleted')});
  });

  it('`journal verify` names the first bad line and exits non-zero', async () => {
    const path = await journalWith(3);
    const ok = await run('./bin/atp-cockpit', ['journal', 'verify', '--journal', path]);
    expect(ok.stdout).toContain('OK, 3 entries');
    const ls = lines(path);
    ls[1] = ls[1]!.replace('alice', 'mallory');
    save(path, ls);
    const bad = await run('./bin/atp-cockpit', ['journal', 'verify', '--journal', path]).catch((e: {code: number; stdout: string}) => e);
    expect(bad).toMatchObject({code: 1, stdout: expect.stringContaining('FAILED at line 2')});
    const show = await run('./bin/atp-cockpit', ['journal', 'show', '--journal', path]);
    expect(show.stdout).toContain('PLANNED');
  });

  it('two processes appending at once keep one valid chain', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atp-j-')), 'journal.jsonl');
    const script = `
      import {Journal} from './src/actions/journal.ts';
      const j = new Journal(process.argv[2]);
      const entry = {action: 'freeze', phase: 'planned', who: {user: 'u', host: 'h'}, context: 'c', environment: 'e', target: 't'};
      for (let i = 0; i < 40; i++) await j.append({...entry, actionId: process.argv[3] + i});
    `;
    const file = join(tmpdir(), `append-${process.pid}.mts`);
    writeFileSync(file, script.replace('./src/actions/journal.ts', join(process.cwd(), 'src/actions/journal.ts')));
    await Promise.all(['a', 'b', 'c'].map((who) => run(process.execPath, ['--import', 'tsx', file, path, who])));
    expect(verifyJournal(path)).toMatchObject({ok: true, entries: 120});
  }, 60_000);
});

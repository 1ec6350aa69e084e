// A journal check that cannot be fooled (issue 13): a real journal, written by real actions taken in the cockpit on
// the demo, is tampered with in every way, and the real `journal verify` command (the CLI entry) must fail each time.
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {entryHash, Journal, type JournalEntry} from '../../src/actions/journal.js';
import {runCli} from '../../src/app.js';
import {KEYS, renderCockpit} from '../helpers/render-app.js';

let source: string;
let original: string[];
const scratch = mkdtempSync(join(tmpdir(), 'atp-verify-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** Runs the real CLI entry; returns its exit code and what it wrote. */
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {out: (t) => void (out += t), err: (t) => void (err += t)});
  return {code, out, err};
}

const verify = (path: string) => cli('journal', 'verify', '--journal', path);

let copies = 0;
/** A fresh copy of the real journal (and its head), with `lines` written instead of the journal's own lines. */
function copy(lines?: readonly string[]): string {
  const dir = join(scratch, String(copies++));
  mkdirSync(dir);
  const path = join(dir, 'journal.jsonl');
  copyFileSync(`${source}.head`, `${path}.head`);
  writeFileSync(path, lines === undefined ? readFileSync(source) : lines.map((l) => `${l}\n`).join(''));
  return path;
}

/** Re-hashes an entry after editing it, as a forger who knows the format would. */
function forge(entry: Partial<JournalEntry> & JournalEntry): string {
  const {hash: _old, ...body} = entry;
  return JSON.stringify({...body, hash: entryHash(body)});
}

beforeAll(async () => {
  // Real actions through the whole cockpit: a rollback (its reason required) run to the end, a rollback cancelled, a
  // freeze with a reason.
  const app = await renderCockpit({flags: {demo: 'bad-deploy'}});
  try {
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    await app.waitFor('Blast radius');
    await app.press(KEYS.shiftTab, KEYS.shiftTab, 'bad release 1.2.5', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    for (let i = 0; i < 60 && !app.journal.read().some((e) => e.phase === 'finished'); i++) await app.tick(1000);
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    await app.waitFor('Blast radius');
    await app.press(KEYS.enter);
    await app.waitFor('cancelled');
    await app.press('f');
    await app.waitFor('choose what to freeze');
    await app.press(KEYS.enter);
    await app.waitFor('reason (required)');
    await app.press(KEYS.right, KEYS.enter);
    await app.waitFor('a reason is required');
    await app.press('SEV-1 bad deploy', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => app.journal.read().some((e) => e.action === 'freeze' && e.phase === 'started'), 'freeze started');
    for (let i = 0; i < 20 && app.journal.read().filter((e) => e.phase === 'finished').length < 2; i++) await app.tick(500);
    source = app.journal.path;
  } finally {
    app.unmount();
  }
  original = readFileSync(source, 'utf8').trimEnd().split('\n');
}, 60_000);

describe('journal verify on a journal written by real actions', () => {
  it('the real journal holds every phase of three actions and verifies', async () => {
    const phases = new Journal(source).read().map((e) => `${e.action}:${e.phase}`);
    expect(phases).toEqual([
      'rollback:planned',
      'rollback:confirmed',
      'rollback:started',
      'rollback:finished',
      'rollback:planned',
      'rollback:cancelled',
      'freeze:planned',
      'freeze:confirmed',
      'freeze:started',
      'freeze:finished',
    ]);
    const result = await verify(copy());
    expect(result).toMatchObject({code: 0, out: expect.stringContaining('OK, 10 entries')});
  });

  it('fails when the journal file is missing (no head either), or the path given does not exist', async () => {
    const dir = mkdtempSync(join(scratch, 'empty-'));
    expect(await verify(join(dir, 'journal.jsonl'))).toMatchObject({code: 66, out: expect.stringContaining('no journal at')});
    expect(await verify(join(scratch, 'no-such-dir', 'journal.jsonl'))).toMatchObject({code: 66, out: expect.stringContaining('does not exist')});
    expect(await verify(dir)).toMatchObject({code: 66, out: expect.stringContaining('is a directory')});
  });

  it('fails when the head file exists without the journal', async () => {
    const path = copy();
    rmSync(path);
    expect(await verify(path)).toMatchObject({code: 1, out: expect.stringMatching(/journal file is missing, but its head .* records entry 10/)});
  });

  it('fails when the head file is missing, or unreadable', async () => {
    const path = copy();
    rmSync(`${path}.head`);
    expect(await verify(path)).toMatchObject({code: 1, out: expect.stringContaining('head file')});
    const other = copy();
    writeFileSync(`${other}.head`, 'garbage');
    expect(await verify(other)).toMatchObject({code: 1, out: expect.stringContaining('unreadable')});
  });

  it('fails when any entry is edited, even re-hashed by a forger', async () => {
    for (let i = 0; i < original.length; i++) {
      const edited = [...original];
      edited[i] = edited[i]!.replace('"tester"', '"mallory"');
      expect(edited[i]).not.toBe(original[i]);
      const plain = await verify(copy(edited));
      expect(plain, `line ${i + 1}`).toMatchObject({code: 1, out: expect.stringContaining(`at line ${i + 1}: content does not match its hash`)});
      const forged = [...original];
      forged[i] = forge({...(JSON.parse(original[i]!) as JournalEntry), target: 'query'});
      expect((await verify(copy(forged))).code, `forged line ${i + 1}`).toBe(1);
    }
  });

  it('fails when any entry is deleted, the last one included', async () => {
    for (let i = 0; i < original.length; i++) {
      const result = await verify(copy(original.filter((_, j) => j !== i)));
      expect(result, `without line ${i + 1}`).toMatchObject({code: 1, out: expect.stringContaining('deleted')});
    }
  });

  it('fails when the end is cut off, down to an empty file', async () => {
    for (let keep = original.length - 1; keep >= 0; keep--) {
      const result = await verify(copy(original.slice(0, keep)));
      expect(result, `keeping ${keep}`).toMatchObject({code: 1, out: expect.stringMatching(/entr(y|ies) .*(was|were) deleted/)});
    }
  });

  it('fails when an entry is inserted anywhere, the end included', async () => {
    for (let i = 0; i <= original.length; i++) {
      const inserted = [...original];
      inserted.splice(i, 0, original[Math.max(0, i - 1)]!);
      expect((await verify(copy(inserted))).code, `copy inserted at ${i + 1}`).toBe(1);
    }
    // A well-formed entry appended at the end by someone who knows the format, without the head.
    const last = JSON.parse(original.at(-1)!) as JournalEntry;
    const appended = [...original, forge({...last, seq: last.seq + 1, prev: last.hash, phase: 'finished', message: 'nothing happened'})];
    expect(await verify(copy(appended))).toMatchObject({code: 1, out: expect.stringContaining('not recorded in the head')});
    expect(await verify(copy([...original, '']))).toMatchObject({code: 1});
  });

  it('fails when two entries are swapped anywhere, the last two included', async () => {
    for (let i = 0; i + 1 < original.length; i++) {
      const swapped = [...original];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      expect((await verify(copy(swapped))).code, `swap ${i + 1}/${i + 2}`).toBe(1);
    }
  });

  it('a gap stays visible after the cockpit journals another action: cutting the end, deleting the file or the head', async () => {
    const record = {
      actionId: 'x',
      action: 'freeze',
      phase: 'planned' as const,
      who: {user: 'tester', host: 'testhost'},
      context: 'demo',
      environment: 'demo',
      target: 'writes',
    };
    const cut = copy(original.slice(0, 7));
    await new Journal(cut).append(record);
    expect(await verify(cut)).toMatchObject({code: 1, out: expect.stringContaining('at line 8: entries 8–10 are missing (deleted)')});
    const deleted = copy();
    rmSync(deleted);
    await new Journal(deleted).append(record);
    expect(await verify(deleted)).toMatchObject({code: 1, out: expect.stringContaining('at line 1: entries 1–10 are missing')});
    const headless = copy(original.slice(0, 5));
    rmSync(`${headless}.head`);
    await new Journal(headless).append(record);
    expect(await verify(headless)).toMatchObject({code: 1, out: expect.stringContaining('at line 6: written after the journal was found tampered with')});
  });

  it('an append cut short (its line written, not its head) is reported, and the next append carries on the chain', async () => {
    const path = copy(original.slice(0, 9));
    // The head as it was before entry 10: the state a crash between the two writes leaves.
    const ninth = JSON.parse(original[8]!) as JournalEntry;
    writeFileSync(`${path}.head`, `${JSON.stringify({seq: 9, hash: ninth.hash})}\n`);
    writeFileSync(path, `${original.join('\n')}\n`);
    expect(await verify(path)).toMatchObject({code: 1, out: expect.stringContaining('entry 10 is not recorded in the head')});
    await new Journal(path).append({
      actionId: 'y',
      action: 'freeze',
      phase: 'planned',
      who: {user: 'tester', host: 'testhost'},
      context: 'demo',
      environment: 'demo',
      target: 'writes',
    });
    expect(await verify(path)).toMatchObject({code: 0, out: expect.stringContaining('OK, 11 entries')});
  });

  it('a torn last line fails, and the next append starts on a line of its own', async () => {
    const path = copy();
    writeFileSync(path, `${original.join('\n')}\n{"seq":11,"act`);
    expect((await verify(path)).code).toBe(1);
    await new Journal(path).append({
      actionId: 'z',
      action: 'freeze',
      phase: 'planned',
      who: {user: 'tester', host: 'testhost'},
      context: 'demo',
      environment: 'demo',
      target: 'writes',
    });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    expect(JSON.parse(lines[11]!)).toMatchObject({seq: 11, prev: (JSON.parse(original[9]!) as JournalEntry).hash});
    expect(await verify(path)).toMatchObject({code: 1, out: expect.stringContaining('at line 11: not valid JSON')});
  });

  it('journal show prints times as ISO UTC, never epoch numbers', async () => {
    const path = copy();
    const {code, out} = await cli('journal', 'show', '--journal', path);
    expect(code).toBe(0);
    expect(out).toMatch(/#1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ PLANNED/);
    expect(out).not.toMatch(/\b1\d{12}\b/);
    expect(existsSync(join(scratch, 'nothing.jsonl'))).toBe(false);
    expect(await cli('journal', 'show', '--journal', join(scratch, 'nothing.jsonl'))).toMatchObject({code: 66, err: expect.stringContaining('no journal at')});
  });
});

// `atp-cockpit incident show`: through the real CLI entry (runCli), on a journal written by the journal itself.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../../src/app.js';
import {Journal, type JournalRecord} from '../../src/actions/journal.js';
import {parseSince} from '../../src/cli/incident.js';

let dir: string;
let path: string;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atp-incident-'));
  process.env.ATP_COCKPIT_CONFIG_DIR = dir;
  path = join(dir, 'journal.jsonl');
  let at = now - 3 * 3_600_000;
  const journal = new Journal(path, () => at);
  const base = {who: {user: 'alice', host: 'jump1'}, context: 'demo', environment: 'demo', target: 'ingestion@us-east'};
  const write = (ms: number, r: Partial<JournalRecord>) => {
    at = ms;
    return journal.append({actionId: 'x', action: 'rollback', phase: 'finished', ...base, ...r} as JournalRecord);
  };
  const key = 'HighErrorRate:ingestion@us-east';
  await write(now - 3 * 3_600_000, {
    action: 'alert',
    phase: 'fired',
    params: {alert: 'HighErrorRate', key, severity: 2, value: 'errors 14.1% > 5.0%', since: iso(now - 3 * 3_600_000)},
  });
  await write(now - 50 * 60_000, {phase: 'confirmed', reason: 'bad | deploy', incident: 'INC-9'});
  await write(now - 45 * 60_000, {phase: 'finished', message: 'rolled back\u001b[2J to revision 2'});
  await write(now - 20 * 60_000, {
    action: 'alert',
    phase: 'cleared',
    params: {alert: 'HighErrorRate', key, severity: 2, value: 'errors 0.3% > 5.0%', clearedAt: iso(now - 21 * 60_000)},
  });
  // Another context's cockpit writing to the same journal file: not part of this context's record.
  await write(now - 10 * 60_000, {context: 'prod-eu', environment: 'prod', phase: 'confirmed', reason: 'eu failover drill'});
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {out: (t) => void (out += t), err: (t) => void (err += t)});
  return {code, out, err};
}

describe('incident show', () => {
  it('prints the timeline as text: alerts with their values, actions with who, reason and incident; sanitised', async () => {
    const {code, out, err} = await cli('incident', 'show', '--journal', path);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`Incident record from ${path}: 4 entries`);
    expect(lines.splice(1, 1)).toEqual(['note: 1 journal entry of other contexts left out (prod-eu 1); --context NAME for another']);
    expect(out).not.toContain('failover drill');
    expect(lines[1]).toMatch(/ALERT {2}fired {5}HighErrorRate ingestion@us-east · SEV-2 · errors 14\.1% > 5\.0%$/);
    expect(lines[2]).toMatch(/ACTION confirmed rollback ingestion@us-east · by alice@jump1 · reason: bad \| deploy · incident INC-9$/);
    expect(lines[4]).toMatch(/ALERT {2}cleared {3}HighErrorRate ingestion@us-east · SEV-2 · errors 0\.3% > 5\.0%$/);
    expect(out).not.toContain('\u001b');
  });

  it('--since takes a span back from now or an ISO 8601 time', async () => {
    const span = await cli('incident', 'show', '--journal', path, '--since', '1h');
    expect(span.out.split('\n')[0]).toContain(': 3 entries');
    const at = await cli('incident', 'show', '--journal', path, `--since=${iso(now - 30 * 60_000)}`);
    expect(at.out.split('\n')[0]).toContain(': 1 entry');
    expect(parseSince('1h30m', now)).toBe(now - 90 * 60_000);
    expect(parseSince('2026-12-06T02:30Z', now)).toBe(Date.UTC(2026, 11, 6, 2, 30));
    expect(parseSince('2026-12-06', now)).toBe(Date.UTC(2026, 11, 6));
  });

  it('--json is the documented document; --markdown a table for the review', async () => {
    const json = JSON.parse((await cli('incident', 'show', '--journal', path, '--json')).out) as {
      version: number;
      entries: Record<string, unknown>[];
      since: null;
    };
    expect(json.version).toBe(1);
    expect(json.since).toBeNull();
    expect(json.entries[0]).toEqual({
      at: iso(now - 3 * 3_600_000),
      kind: 'alert',
      what: 'fired',
      subject: 'HighErrorRate',
      target: 'ingestion@us-east',
      source: 'journal',
      severity: 2,
      value: 'errors 14.1% > 5.0%',
      who: 'alice@jump1',
      onset: iso(now - 3 * 3_600_000),
      seq: 1,
    });
    expect(json.entries[1]).toMatchObject({kind: 'action', what: 'confirmed', reason: 'bad | deploy', incident: 'INC-9', seq: 2});
    const md = (await cli('incident', 'show', '--journal', path, '--markdown')).out;
    expect(md).toContain('| Time (UTC) | Kind | Event | Target | Who | Details |');
    expect(md).toContain('| action | rollback confirmed | ingestion@us-east | alice@jump1 | reason: bad \\| deploy; incident INC-9 |');
  });

  it('a misspelt flag or verb exits 64 naming the closest word; bad TIME and both formats are refused', async () => {
    const cases: [string[], RegExp][] = [
      [['incident', 'show', '--sinse', '2h'], /unknown flag --sinse \(did you mean --since\?\)/],
      [['incident', 'show', '--markdwn'], /did you mean --markdown/],
      [['incident', 'shwo'], /unknown incident command "shwo" \(did you mean "show"\?\)/],
      [['incidnet', 'show'], /unknown command "incidnet" \(did you mean "incident"\?\)/],
      [['incident'], /incident needs one of: show/],
      [['incident', 'show', '--since', 'yesterday'], /--since needs a time/],
      [['incident', 'show', '--since', 'Dec 6'], /--since needs a time/],
      [['incident', 'show', '--json', '--markdown'], /--json and --markdown exclude each other/],
      [['incident', 'show', '--scenario', 'calm'], /--scenario does not apply to incident/],
      [['journal', 'show', '--markdown'], /--markdown does not apply to journal/],
    ];
    for (const [argv, reason] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(64);
      expect(r.out).toBe('');
      expect(r.err.split('\n')[0], argv.join(' ')).toMatch(reason);
    }
  });

  it('no journal at the path exits 66', async () => {
    const r = await cli('incident', 'show', '--journal', join(dir, 'none.jsonl'));
    expect(r.code).toBe(66);
    expect(r.err).toContain('no journal at');
  });
});

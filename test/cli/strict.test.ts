// Strict command line (issue 13): a typo never reads as "all clear". Every subcommand, through the real CLI entry
// (runCli, what main() runs), and the launcher itself for the case the issue names.
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../../src/app.js';
import {parseCli} from '../../src/cli/args.js';

const run = promisify(execFile);
let configDir: string;

beforeAll(() => {
  // An empty conf store of our own: "no configuration exists".
  configDir = mkdtempSync(join(tmpdir(), 'atp-cli-'));
  process.env.ATP_COCKPIT_CONFIG_DIR = configDir;
  process.env.ATP_COCKPIT_JOURNAL = join(configDir, 'journal.jsonl');
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {out: (t) => void (out += t), err: (t) => void (err += t)});
  return {code, out, err};
}

/** Exit 64, one line of reason (plus the pointer to --help), naming `word`. */
async function refused(argv: string[], ...words: (string | RegExp)[]) {
  const result = await cli(...argv);
  expect(result.code, argv.join(' ')).toBe(64);
  expect(result.out).toBe('');
  const [reason, pointer, ...more] = result.err.trimEnd().split('\n');
  expect(pointer).toContain('--help');
  expect(more).toEqual([]);
  for (const w of words) expect(reason, argv.join(' ')).toMatch(w);
  return reason ?? '';
}

describe('strict command line', () => {
  it('status --demo bad_deploy exits 64 naming bad-deploy (it used to print "no firing alerts" and exit 0)', async () => {
    await refused(['status', '--demo', 'bad_deploy'], 'unknown scenario "bad_deploy"', 'did you mean "bad-deploy"');
    await refused(['--demo', 'bad_deploy'], 'did you mean "bad-deploy"');
    await refused(['status', '--demo=dlq-strom'], 'did you mean "dlq-storm"');
    await refused(['simulate', '--scenario', 'region_outage'], 'did you mean "region-outage"');
  });

  it('a misspelt subcommand or verb names the closest one', async () => {
    await refused(['stauts'], 'unknown command "stauts"', 'did you mean "status"');
    await refused(['contxts'], 'did you mean "contexts"');
    await refused(['journal', 'verfy'], 'unknown journal command "verfy"', 'did you mean "verify"');
    await refused(['journal'], 'journal needs one of: show, verify');
    await refused(['config', 'shw'], 'did you mean "show"');
    await refused(['config', 'set', 'contexts.prod.readOnly'], 'config set needs KEY VALUE');
    await refused(['help', 'statsu'], 'did you mean "status"');
  });

  it('an unknown or misplaced flag names the closest one, or the commands that take it', async () => {
    await refused(['status', '--jsn'], 'unknown flag --jsn', 'did you mean --json');
    await refused(['--reffresh', '5'], 'did you mean --refresh');
    await refused(['--read-only=yes'], '--read-only takes no value');
    await refused(['status', '--read-only'], '--read-only does not apply to status', 'the cockpit');
    await refused(['simulate', '--demo', 'calm'], '--demo does not apply to simulate');
    await refused(['--json'], '--json does not apply to the cockpit', 'status');
    await refused(['status', '--context', 'a', '--context', 'b'], '--context is given twice');
    await refused(['status', '--context'], '--context needs a value: --context NAME');
    await refused(['status', '--context', 'prod', '--demo'], '--context and --demo exclude each other');
    await refused(['journal', 'verify', '--json'], '--json applies to journal show');
  });

  it('a stray word is refused, not ignored', async () => {
    await refused(['status', 'bad-deploy'], 'unexpected argument "bad-deploy" to status', 'did you mean --demo bad-deploy');
    await refused(['contexts', 'prod'], 'unexpected argument "prod" to contexts');
    await refused(['journal', 'verify', 'journal.jsonl'], 'unexpected argument "journal.jsonl"', '--journal FILE');
    await refused(['config', 'path', 'extra'], 'unexpected argument "extra"');
  });

  it('--refresh 0, -1 and abc each get a clear message', async () => {
    expect(await refused(['--refresh', '0'])).toMatch(/--refresh must be at least 0\.2 seconds \(got 0\)/);
    expect(await refused(['--refresh', '-1'])).toMatch(/--refresh must be at least 0\.2 seconds \(got -1\)/);
    expect(await refused(['--refresh=-1'])).toMatch(/at least 0\.2 seconds/);
    expect(await refused(['--refresh', 'abc'])).toMatch(/--refresh needs a number of seconds, e\.g\. --refresh 5 \(got "abc"\)/);
    expect(await refused(['--refresh', '1e3'])).toMatch(/needs a number of seconds/);
    expect(await refused(['--refresh', '7200'])).toMatch(/at most 3600/);
    expect(await refused(['status', '--seed', '1.5'])).toMatch(/--seed needs a whole number/);
    expect(parseCli(['--refresh', '2.5']).refresh).toBe(2.5);
  });

  it('--context nope with no configuration says none exists and how to make one', async () => {
    const reason = await refused(['status', '--context', 'nope'], 'unknown context "nope"', 'no configuration exists', 'config set contexts.nope');
    expect(reason).toContain(configDir);
    expect(reason).toContain('--demo');
  });

  it('--context with a typo names the closest configured context', async () => {
    const file = join(configDir, 'two.json');
    const ctx = {panes: {health: 'demo'}, sources: {demo: {kind: 'demo'}}};
    writeFileSync(file, JSON.stringify({contexts: {'prod-eu': ctx, staging: ctx}}));
    await refused(['status', '--config', file, '--context', 'prod-ue'], 'unknown context "prod-ue"', 'did you mean "prod-eu"');
  });

  it('config set checks the key before writing: a misspelt key names the closest valid one', async () => {
    await refused(['config', 'set', 'contexts.prod.readOnyl', 'true'], 'unknown config key "readOnyl"', 'did you mean "readOnly"');
    await refused(['config', 'set', 'defaultContxt', 'prod'], 'did you mean "defaultContext"');
    await refused(['config', 'set', 'contexts.prod.thresholds.p59Ms', '900'], 'did you mean "p95Ms"');
    await refused(['config', 'set', 'journal.path.x', 'y'], 'is a value');
    // Valid keys pass the check and reach the schema (a context needs panes).
    const ok = await cli('config', 'set', 'contexts.prod', '{"panes":{"health":"demo"},"sources":{"demo":{"kind":"demo"}}}');
    expect(ok).toMatchObject({code: 0, out: expect.stringContaining('set contexts.prod')});
    expect(await cli('config', 'set', 'contexts.prod.sources.demo.scenario', 'calm')).toMatchObject({code: 0});
  });

  it('valid command lines still work', async () => {
    expect(parseCli(['--demo'])).toMatchObject({command: 'run', demo: 'calm'});
    expect(parseCli(['--demo', 'status'])).toMatchObject({command: 'status', demo: 'calm'});
    expect(parseCli(['status', '--demo', 'bad-deploy', '--json'])).toMatchObject({command: 'status', demo: 'bad-deploy', json: true});
    expect(parseCli(['journal', 'verify', '--journal', 'x.jsonl'])).toMatchObject({command: 'journal', rest: ['verify'], journal: 'x.jsonl'});
    expect(parseCli(['status', '--help'])).toMatchObject({command: 'help'});
    expect(parseCli(['-V'])).toMatchObject({command: 'version'});
    expect(await cli('--help')).toMatchObject({code: 0, out: expect.stringContaining('Usage:')});
    const status = await cli('status', '--demo', 'bad-deploy');
    expect(status.code).toBe(2);
    expect(status.out).toContain('SEV-2');
  });

  it('the launcher exits 64 for `status --demo bad_deploy` and prints one line of reason', async () => {
    const result = await run('./bin/atp-cockpit', ['status', '--demo', 'bad_deploy'], {env: {...process.env}}).catch(
      (e: {code: number; stdout: string; stderr: string}) => e,
    );
    expect(result).toMatchObject({code: 64, stdout: ''});
    expect(result.stderr).toMatch(/^atp-cockpit: unknown scenario "bad_deploy" for --demo \(did you mean "bad-deploy"\?\)\n/);
  });
});

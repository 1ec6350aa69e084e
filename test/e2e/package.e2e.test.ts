// The single executable (`npm run package`, docs/single-executable.md) on a machine with nothing installed: built,
// copied alone into an empty directory and run there with a PATH that holds no Node (nor anything else), a HOME of
// its own and no other environment. Every subcommand, the backends' SDKs, the cockpit in a real terminal.
import {execFile, spawn} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {Journal} from '../../src/actions/journal.js';
import {startLogsDouble} from '../doubles/azure-monitor/logs-server.js';
import {success, table} from '../doubles/azure-monitor/shapes.js';
import {sampleDeadLetters} from '../doubles/servicebus/index.js';
import {startCluster} from '../data/kubernetes/helpers.js';
import {startBus} from '../data/servicebus/helpers.js';
import {requireTmux, Tmux} from './tmux.js';

const run = promisify(execFile);
const ROOT = process.cwd();
const NAME = `atp-cockpit-${process.platform}-${process.arch}`;
const ARTIFACT = join(ROOT, 'dist', NAME);
const PANES = ['Service health', 'Projection lag', 'DLQ depth', 'Outbox backlog', 'Error-budget burn'];

const dir = mkdtempSync(join(tmpdir(), 'atp-package-'));
/** The jump box: a directory holding the executable alone, an empty PATH directory, a home. */
const box = join(dir, 'box');
const EXE = join(box, NAME);
const emptyPath = join(dir, 'bin');
const home = join(dir, 'home');
const baseEnv = {PATH: emptyPath, HOME: home, TERM: 'xterm-256color'};
afterAll(() => rmSync(dir, {recursive: true, force: true}));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the executable in the box with only `env` (plus PATH and HOME); resolves with its exit code. */
async function exe(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const {stdout, stderr} = await run(EXE, args, {cwd: box, env: {...baseEnv, ...env}, timeout: 60_000});
    return {code: 0, stdout, stderr};
  } catch (error) {
    const e = error as {code?: unknown; stdout?: string; stderr?: string};
    if (typeof e.code !== 'number') throw error;
    return {code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? ''};
  }
}

beforeAll(async () => {
  // Built by the Node the executable is made of (the devDependency), as `npm run package` does.
  await run(join(ROOT, 'node_modules/node/bin/node'), ['scripts/package.mjs'], {cwd: ROOT, timeout: 280_000});
  for (const d of [box, emptyPath, home]) mkdirSync(d);
  copyFileSync(ARTIFACT, EXE);
}, 300_000);

describe('the single executable, alone in an empty directory', () => {
  it('is alone there, and no Node is reachable on its PATH', async () => {
    expect(readdirSync(box)).toEqual([NAME]);
    await expect(run('node', ['-e', '0'], {env: baseEnv})).rejects.toMatchObject({code: 'ENOENT'});
  });

  it('has a .sha256 beside the artifact that sha256sum -c accepts', async () => {
    expect(readFileSync(`${ARTIFACT}.sha256`, 'utf8')).toMatch(new RegExp(`^[0-9a-f]{64}  ${NAME}\\n$`));
    const {stdout} = await run('sha256sum', ['-c', `${NAME}.sha256`], {cwd: join(ROOT, 'dist')});
    expect(stdout).toBe(`${NAME}: OK\n`);
  });

  it('--version prints the program version, the Node inside and the commit', async () => {
    const {version} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string};
    const {stdout: head} = await run('git', ['rev-parse', '--short=12', 'HEAD'], {cwd: ROOT});
    const out = await exe(['--version']);
    expect(out).toMatchObject({code: 0, stderr: ''});
    expect(out.stdout).toMatch(new RegExp(`^atp-cockpit ${version} \\(commit ${head.trim()}(-dirty)?; Node v22\\.\\d+\\.\\d+ inside this executable\\)\\n$`));
  });

  it('`status --json --demo bad-deploy` exits with the worst firing severity (README) and reads every pane', async () => {
    const out = await exe(['status', '--json', '--demo', 'bad-deploy']);
    const doc = JSON.parse(out.stdout) as {
      exitCode: number;
      worstSeverity: number;
      panes: Record<string, {ok: boolean}>;
      alerts: Array<{name: string; state: string}>;
    };
    expect(out.code).toBe(2);
    expect(doc).toMatchObject({exitCode: 2, worstSeverity: 2});
    expect(Object.values(doc.panes).map((p) => p.ok)).toEqual([true, true, true, true, true]);
    expect(doc.alerts.filter((a) => a.state === 'firing').map((a) => a.name)).toEqual(expect.arrayContaining(['ErrorBudgetBurn', 'HighErrorRate']));
    expect(out.stderr).toBe('');
    // The code cache of a one-shot command was written under the home (src/code-cache.ts).
    expect(readdirSync(join(home, '.cache/atp-cockpit/code')).some((f) => f.startsWith('sea-app-command-'))).toBe(true);
  });

  it('`journal verify`: no journal yet (exit 66), one the cockpit wrote (OK), a tampered line (exit 1)', async () => {
    const path = join(dir, 'journal', 'journal.jsonl');
    const none = await exe(['journal', 'verify', '--journal', path]);
    expect(none.code).toBe(66);
    expect(none.stdout).toContain(`journal ${path}: NOT FOUND`);
    const journal = new Journal(path);
    const who = {user: 'alice', host: 'jump-1'};
    const record = {actionId: 'a1', action: 'rollback', who, context: 'prod', environment: 'prod', target: 'ingestion@us-east'};
    await journal.append({...record, phase: 'planned'});
    await journal.append({...record, phase: 'cancelled'});
    const ok = await exe(['journal', 'verify'], {ATP_COCKPIT_JOURNAL: path});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^journal ${path}: OK, 2 entries, chain intact; head: entry 2 sha256 [0-9a-f]{64}\\n$`));
    writeFileSync(path, readFileSync(path, 'utf8').replace('"alice"', '"mallory"'));
    const tampered = await exe(['journal', 'verify', '--journal', path]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAILED.*line 1/);
  });

  it('`contexts` and `config` read and write the configuration under the home', async () => {
    expect((await exe(['config', 'path'])).stdout).toBe(`${join(home, '.config/atp-cockpit/config.json')}\n`);
    const contexts = await exe(['contexts']);
    expect(contexts).toMatchObject({code: 0, stderr: ''});
    expect(contexts.stdout).toMatch(/demo {2}\[demo\] {2}\(default\)/);
    expect(await exe(['config', 'set', 'no.such.key', '1'])).toMatchObject({code: 64});
  });

  it('`simulate` serves the ATP metrics (prom-client from inside the executable)', async () => {
    const port = await freePort();
    const child = spawn(EXE, ['simulate', '--listen', `127.0.0.1:${port}`, '--scenario', 'bad-deploy'], {cwd: box, env: baseEnv, stdio: 'ignore'});
    try {
      const body = await poll(async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
      expect(body).toMatch(/^atp_outbox_oldest_pending_age_seconds\{service="ingestion",region="us-east"\} /m);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('reads Kubernetes, Service Bus and Azure Monitor through the SDKs inside it', async () => {
    const cluster = await startCluster();
    const bus = await startBus();
    const logs = await startLogsDouble({token: 'exe-token'});
    try {
      bus.sb.seed({queues: [{name: 'export-jobs', deadLetter: sampleDeadLetters().slice(0, 2)}]});
      logs.when(
        /atp_outbox_pending/,
        success(
          table(
            'PrimaryResult',
            [
              ['service', 'string'],
              ['region', 'string'],
              ['timestamp', 'datetime'],
              ['pending', 'real'],
              ['oldestAgeSeconds', 'real'],
              ['relayPerSecond', 'real'],
            ],
            [['Ingestion', 'us-east', new Date().toISOString(), 17, 2, 350]],
          ),
        ),
      );
      writeFileSync(join(dir, 'sb-ca.pem'), bus.sb.ca.caPem);
      writeFileSync(join(dir, 'logs-ca.pem'), logs.ca.caPem);
      const config = join(dir, 'backends.json');
      writeFileSync(
        config,
        JSON.stringify({
          defaultContext: 'c',
          contexts: {
            c: {
              environment: 'staging',
              regions: ['us-east'],
              panes: {health: 'k8s', lag: 'demo', dlq: 'sb', outbox: 'monitor', burn: 'demo'},
              sources: {
                demo: {kind: 'demo', scenario: 'calm'},
                k8s: {kind: 'kubernetes', kubeconfig: cluster.kubeconfig, kubeContexts: {'us-east': 'atp-double'}, namespaces: {ingestion: 'atp-ingest-ns'}},
                sb: {kind: 'servicebus', namespace: 'sb-atp-staging', caFile: join(dir, 'sb-ca.pem'), retries: 1, timeout: 20},
                monitor: {
                  kind: 'azure-monitor',
                  workspaceId: '11111111-2222-3333-4444-555555555555',
                  endpoint: logs.endpoint,
                  caFile: join(dir, 'logs-ca.pem'),
                  tokenEnv: 'ATP_TEST_EXE_TOKEN',
                  regionDimension: 'customDimensions.region',
                  retries: 0,
                },
              },
            },
          },
        }),
      );
      const secrets = {ATP_SERVICEBUS_CONNECTION_STRING: bus.sb.connectionString, ATP_TEST_EXE_TOKEN: 'exe-token'};
      const out = await exe(['status', '--json', '--config', config], secrets);
      const doc = JSON.parse(out.stdout) as {
        panes: Record<string, {ok: boolean; error?: string}>;
        health: Array<{service: string; podsReady?: number}>;
        dlq: Array<{entity: string; deadLetter: number}>;
        outbox: Array<{service: string; pending: number}>;
      };
      for (const pane of ['lag', 'dlq', 'outbox', 'burn']) expect(doc.panes[pane], `${pane}: ${doc.panes[pane]?.error}`).toMatchObject({ok: true});
      expect(doc.dlq).toEqual([expect.objectContaining({entity: 'export-jobs', deadLetter: 2})]);
      expect(doc.outbox).toEqual([expect.objectContaining({service: 'ingestion', pending: 17})]);
      // A one-shot `status` may poll before client-node's informers have listed (the launcher reports the same):
      // the pane is read or still listing, and the SDK has asked the runbook's deployments from the double.
      const health = doc.panes['health'];
      if (health?.ok) expect(doc.health.find((r) => r.service === 'ingestion')?.podsReady).toBeGreaterThan(0);
      else expect(health?.error).toMatch(/^us-east: still listing [a-z]+ -n atp-[a-z]+-ns from http:\/\/127\.0\.0\.1:\d+$/);
      const lists = cluster.double.requests.filter((r) => r.method === 'GET' && r.path === '/apis/apps/v1/namespaces/atp-ingest-ns/deployments');
      expect(lists.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([cluster.close(), bus.close(), logs.close()]);
    }
  }, 90_000);

  it('runs DefaultAzureCredential from inside it when a namespace has no connection string', async () => {
    const config = join(dir, 'credential.json');
    writeFileSync(
      config,
      JSON.stringify({
        defaultContext: 'c',
        contexts: {
          c: {
            environment: 'staging',
            regions: ['us-east'],
            panes: {health: 'demo', lag: 'demo', dlq: 'sb', outbox: 'demo', burn: 'demo'},
            sources: {demo: {kind: 'demo', scenario: 'calm'}, sb: {kind: 'servicebus', namespace: 'sb-atp-nowhere', retries: 0, timeout: 5}},
          },
        },
      }),
    );
    const out = await exe(['status', '--json', '--config', config]);
    const dlq = (JSON.parse(out.stdout) as {panes: Record<string, {ok: boolean; error?: string}>}).panes['dlq'];
    expect(dlq?.error).toMatch(/sb-atp-nowhere\.servicebus\.windows\.net: .*(ChainedTokenCredential|CredentialUnavailableError)/);
    expect(dlq?.error).not.toMatch(/Cannot find|not inside this executable|ERR_|is not a function/);
  }, 60_000);
});

describe('the launcher', () => {
  it('--version prints the program version, the commit of its build and the Node it found', async () => {
    const {stdout: head} = await run('git', ['rev-parse', '--short=12', 'HEAD'], {cwd: ROOT});
    const node = join(ROOT, 'node_modules/node/bin/node');
    const version = (file: string) => (JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as {version: string}).version;
    const {stdout} = await run(join(ROOT, 'bin/atp-cockpit'), ['--version'], {env: {...process.env, ATP_COCKPIT_NODE: node}});
    const dirty = stdout.includes('-dirty;') ? '-dirty' : '';
    const inside = `Node v${version('node_modules/node/package.json')} at ${node}`;
    expect(stdout).toBe(`atp-cockpit ${version('package.json')} (commit ${head.trim()}${dirty}; ${inside})\n`);
  });
});

const enabled = requireTmux();
let term: Tmux | undefined;
afterEach(async () => term?.stop());

describe.runIf(enabled)('the single executable in a real terminal', () => {
  it('shows the five panes, draws a braille chart, and gives the terminal back', async () => {
    term = new Tmux();
    const env = Object.entries({...baseEnv, ATP_COCKPIT_JOURNAL: join(dir, 'tty-journal.jsonl')}).map(([k, v]) => `${k}=${v}`);
    // `env -i`: nothing of the test's environment reaches the program.
    await term.start(['env', '-i', ...env, EXE, '--demo', 'bad-deploy'], {columns: 120, rows: 40, cwd: box});
    await term.waitFor((s) => PANES.every((p) => s.includes(p)) && s.includes('SEV-2'));
    expect(await term.format('#{alternate_on}')).toBe('1');
    await term.keys('5');
    await term.waitFor(/▶ Availability|Error-budget burn ·/);
    await term.keys('Enter');
    // The burn detail's chart: drawille's braille canvas, from inside the executable.
    const detail = await term.waitFor(/5m burn rate, last 60m[^\n]*\n[^\n]*[\u2801-\u28ff]/);
    expect(detail).toMatch(/[\u2801-\u28ff]{3}/);
    await term.keys('Escape');
    await term.waitFor((s) => PANES.every((p) => s.includes(p)));
    await term.keys('q');
    const screen = await term.waitFor(/\[exited \d+\]/);
    expect(screen).toMatch(/\[exited 0\]/);
    expect(await term.format('#{alternate_on}')).toBe('0');
    expect(await term.format('#{cursor_flag}')).toBe('1');
    expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
    expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function poll<T>(probe: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

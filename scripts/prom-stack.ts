// Starts and stops the proof stack: the ATP simulator plus a real (Debian) Prometheus on loopback that scrapes it,
// loads deploy/prometheus/rules, and holds 30 days of backfilled history. Usage: scripts/prom-stack.sh --help.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {slothRules, slothSpec} from '../src/data/simulator/sloth-rules.js';
import {alive, daemon, download, envLines, freePort, get, prometheusConfig, run, terminate, waitFor, type StackState} from './prom-stack-lib.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULES_DIR = join(ROOT, 'deploy', 'prometheus', 'rules');
const USAGE = `scripts/prom-stack.sh COMMAND [options]
  install                         install Debian's prometheus (and promtool) when missing
  start [--dir DIR] [--scenario NAME] [--seed N] [--scrape S] [--eval S]
                                  simulator + backfill + Prometheus; prints KEY=VALUE lines (also DIR/stack.env)
  stop --dir DIR [--keep]         stop both and remove DIR (unless --keep)
  stop-prometheus --dir DIR       stop Prometheus only (its data stays)
  start-prometheus --dir DIR      start Prometheus again on the same port and data
  check                           promtool check rules + promtool test rules on deploy/prometheus
  rules                           regenerate the SLO rules and Sloth spec in deploy/prometheus`;

function option(args: string[], name: string, fallback?: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
}

const log = (line: string): void => void process.stderr.write(`prom-stack: ${line}\n`);
const ruleFiles = () =>
  readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => join(RULES_DIR, f));
const load = (dir: string): StackState => JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as StackState;
const save = (s: StackState) => {
  writeFileSync(join(s.dir, 'stack.json'), `${JSON.stringify(s, null, 2)}\n`);
  writeFileSync(join(s.dir, 'stack.env'), `${envLines(s)}\n`);
};

async function has(binary: string): Promise<boolean> {
  try {
    await run(binary, ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function install(): Promise<void> {
  if ((await has('prometheus')) && (await has('promtool'))) return log('prometheus and promtool are installed');
  log('installing Debian package prometheus');
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  await run('apt-get', ['update', '-qq'], {env, maxBuffer: 1 << 26});
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'prometheus'], {env, maxBuffer: 1 << 26});
  if (!(await has('prometheus')) || !(await has('promtool'))) throw new Error('prometheus is still missing after apt-get install');
}

async function startPrometheus(s: StackState): Promise<void> {
  const args = [
    `--config.file=${join(s.dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(s.dir, 'data')}`,
    // Long enough to keep the 30 days of backfilled history.
    '--storage.tsdb.retention.time=60d',
    `--web.listen-address=127.0.0.1:${s.promPort}`,
  ];
  s.promPid = daemon('prometheus', args, join(s.dir, 'prometheus.log'), s.dir);
  save(s);
  await waitFor('Prometheus /-/ready', 60_000, async () => {
    if (!alive(s.promPid)) throw new Error(`Prometheus exited; see ${join(s.dir, 'prometheus.log')}`);
    return (await get(`${s.promUrl}/-/ready`)).status === 200 ? true : undefined;
  });
  // Ready means the TSDB is open; wait for a scrape of the simulator and a pass over the SLO rules too.
  const query = async (q: string) => JSON.parse((await get(`${s.promUrl}/api/v1/query?query=${encodeURIComponent(q)}`)).body) as {data?: {result?: unknown[]}};
  // Fresh samples only: after a restart the old ones are still visible for five minutes.
  await waitFor('the first scrape and rule evaluation', 90_000, async () => {
    const up = await query(`time() - timestamp(up{job="atp"} == 1) < ${3 * s.scrapeSeconds}`);
    const slo = await query(`time() - timestamp(slo:period_error_budget_remaining:ratio) < ${2 * s.evalSeconds}`);
    return (up.data?.result?.length ?? 0) > 0 && (slo.data?.result?.length ?? 0) >= 4 ? true : undefined;
  });
}

async function start(args: string[]): Promise<void> {
  const dir = resolve(option(args, 'dir') ?? mkdtempSync(join(tmpdir(), 'atp-prom-stack-')));
  mkdirSync(dir, {recursive: true});
  const scenario = option(args, 'scenario', 'calm')!;
  const seed = Number(option(args, 'seed', '1'));
  const scrapeSeconds = Number(option(args, 'scrape', '5'));
  const evalSeconds = Number(option(args, 'eval', '15'));
  const simLog = join(dir, 'simulator.log');
  const simPid = daemon(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'simulate', '--listen', '127.0.0.1:0', '--scenario', scenario, '--seed', String(seed)],
    simLog,
    ROOT,
  );
  const simUrl = await waitFor('the simulator to listen', 30_000, async () => {
    if (!alive(simPid)) throw new Error(`simulator exited: ${readFileSync(simLog, 'utf8')}`);
    return /listening on (http:\/\/\S+)/.exec(existsSync(simLog) ? readFileSync(simLog, 'utf8') : '')?.[1];
  });
  const simHostPort = new URL(simUrl).host;
  const promPort = await freePort();
  const state: StackState = {dir, scenario, seed, simUrl, simPid, promUrl: `http://127.0.0.1:${promPort}`, promPort, promPid: 0, scrapeSeconds, evalSeconds};
  save(state);
  try {
    const file = join(dir, 'backfill.om');
    await download(`${simUrl}/backfill?job=atp&instance=${encodeURIComponent(simHostPort)}&interval=${evalSeconds}`, file);
    // One block per 31 days makes 30 days of history a few blocks instead of hundreds of 2-hour ones.
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=744h', file, join(dir, 'data')], {maxBuffer: 1 << 26});
    rmSync(file, {force: true});
    writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(simHostPort, ruleFiles(), scrapeSeconds, evalSeconds));
    await startPrometheus(state);
  } catch (error) {
    // Leave nothing running; keep the directory (and its logs) for the post-mortem.
    await Promise.all([terminate(state.simPid), state.promPid ? terminate(state.promPid) : undefined]);
    throw new Error(`${error instanceof Error ? error.message : String(error)} (logs in ${dir})`, {cause: error});
  }
  process.stdout.write(`${envLines(state)}\n`);
}

async function stop(dir: string, keep: boolean): Promise<void> {
  const s = load(dir);
  await Promise.all([terminate(s.promPid), terminate(s.simPid)]);
  if (!keep) rmSync(dir, {recursive: true, force: true});
}

async function check(): Promise<void> {
  const files = ruleFiles();
  const checked = await run('promtool', ['check', 'rules', ...files]);
  process.stdout.write(checked.stdout);
  const tests = join(ROOT, 'deploy', 'prometheus', 'tests');
  const tested = await run(
    'promtool',
    [
      'test',
      'rules',
      ...readdirSync(tests)
        .filter((f) => f.endsWith('.yml'))
        .map((f) => join(tests, f)),
    ],
    {cwd: tests},
  );
  process.stdout.write(tested.stdout);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const dir = option(args, 'dir');
  const needDir = () => {
    if (!dir || !existsSync(join(dir, 'stack.json'))) throw new Error(`${command} needs --dir DIR of a started stack`);
    return resolve(dir);
  };
  switch (command) {
    case 'install':
      return install();
    case 'start':
      return start(args);
    case 'stop':
      return stop(needDir(), args.includes('--keep'));
    case 'stop-prometheus':
      return terminate(load(needDir()).promPid);
    case 'start-prometheus':
      return startPrometheus(load(needDir()));
    case 'check':
      return check();
    case 'rules':
      writeFileSync(join(RULES_DIR, 'atp-slos.rules.yml'), slothRules());
      writeFileSync(join(ROOT, 'deploy', 'prometheus', 'atp-slos.sloth.yml'), slothSpec());
      return;
    default:
      process.stdout.write(`${USAGE}\n`);
      if (command !== '--help' && command !== 'help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});

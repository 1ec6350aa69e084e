// Test side of scripts/prom-stack.sh: start/stop a simulator + real Prometheus stack and read its URLs.
import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A started stack, from the script's KEY=VALUE output. */
export interface Stack {
  readonly dir: string;
  readonly scenario: string;
  readonly simUrl: string;
  readonly promUrl: string;
}

function stack(args: readonly string[], timeout = 150_000) {
  return run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'prom-stack.ts'), ...args], {cwd: ROOT, timeout, maxBuffer: 1 << 24});
}

/** Whether Debian's prometheus and promtool are on PATH (and, if not, why). */
export function prometheusMissing(): string | undefined {
  for (const bin of ['prometheus', 'promtool']) {
    try {
      execFileSync(bin, ['--version'], {stdio: 'ignore'});
    } catch {
      return `${bin} is not installed (run scripts/prom-stack.sh install)`;
    }
  }
  return undefined;
}

/** Starts a stack for `scenario` in a fresh temporary directory. */
export async function startStack(scenario: string): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), `atp-e2e-${scenario}-`));
  const {stdout} = await stack(['start', '--dir', dir, '--scenario', scenario]);
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return {dir, scenario, simUrl: env.ATP_SIM_URL ?? '', promUrl: env.ATP_PROM_URL ?? ''};
}

/** Stops the simulator and Prometheus and removes the directory. */
export const stopStack = (s: Stack) => stack(['stop', '--dir', s.dir]);
/** Stops Prometheus only (for the outage test). */
export const stopPrometheus = (s: Stack) => stack(['stop-prometheus', '--dir', s.dir]);
/** Starts Prometheus again on the same port and data. */
export const startPrometheus = (s: Stack) => stack(['start-prometheus', '--dir', s.dir]);

/** A cockpit configuration whose context reads every pane from the stack (health also from the endpoints). */
export function stackConfig(s: Stack, refreshSeconds = 5): unknown {
  return {
    defaultContext: 'sim',
    contexts: {
      sim: {
        environment: `sim-${s.scenario}`,
        regions: ['us-east', 'eu-west'],
        refresh: refreshSeconds,
        panes: {health: ['prometheus', 'health'], lag: 'prometheus', dlq: 'prometheus', outbox: 'prometheus', burn: 'prometheus'},
        sources: {
          prometheus: {kind: 'prometheus', url: s.promUrl, timeout: 3},
          health: {kind: 'health', urlTemplate: `${s.simUrl}/health/{service}/{region}`, timeout: 2},
        },
      },
    },
  };
}

/** GET a JSON document. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

// `helm rollback RELEASE REV -n NS --wait` as a subprocess: an argument array (never a shell), and a plain
// message when helm is not installed.
import {execFile} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {delimiter, join} from 'node:path';
import {sanitizeLine} from '../text/sanitize.js';
import type {HelmConfig} from './config.js';
import type {RegionContext} from './kubeconfig.js';

/** helm's arguments for rolling `helm.release` back to `revision` in `region`'s cluster. */
export function helmRollbackArgs(helm: HelmConfig, revision: number, region: RegionContext, kubeconfig?: string): string[] {
  return [
    'rollback',
    helm.release,
    String(revision),
    '-n',
    helm.namespace,
    '--wait',
    ...(region.explicit ? ['--kube-context', region.kubeContext] : []),
    ...(kubeconfig ? ['--kubeconfig', kubeconfig] : []),
  ];
}

/** Quotes an argument for display only when a shell would need it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The path of the `helm` executable on `env.PATH`, if any. */
export function findHelm(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'helm');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** helm is not on PATH: says so, and what to run instead. */
export class HelmMissingError extends Error {
  constructor(commandLine: string) {
    super(
      `helm is not installed: no "helm" executable on PATH. Install Helm 3 (https://helm.sh/docs/intro/install/) or run the rollback by hand: ${commandLine}`,
    );
    this.name = 'HelmMissingError';
  }
}

/** helm's output. */
export interface HelmResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs helm with `args` (no shell); rejects with helm's own last error line on failure. */
export function runHelm(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 20 * 60_000): Promise<HelmResult> {
  const line = ['helm', ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    execFile('helm', [...args], {env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true}, (error, stdout, stderr) => {
      const out = String(stdout);
      const err = String(stderr);
      if (!error) return resolve({stdout: out, stderr: err});
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new HelmMissingError(line));
      const last = err.trim().split('\n').pop() || out.trim().split('\n').pop() || error.message;
      const code =
        typeof (error as {code?: unknown}).code === 'number' ? ` (exit ${String((error as {code?: unknown}).code)})` : error.killed ? ' (timed out)' : '';
      reject(new Error(sanitizeLine(`helm rollback failed${code}: ${last}`).slice(0, 500)));
    });
  });
}

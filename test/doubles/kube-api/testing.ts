// Test helpers around the double: polling with a deadline and running the real kubectl safely.
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';

/** Polls `probe` until it returns a truthy value (which is returned) or the deadline passes. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Path of the kubectl binary used by the tests (override with $KUBECTL). */
export const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';

/** Why the kubectl-as-oracle tests skip here, or undefined when kubectl is there. */
export const KUBECTL_MISSING = existsSync(KUBECTL) ? undefined : `kubectl not found at ${KUBECTL} (set $KUBECTL to run the kubectl-as-oracle tests)`;

/**
 * True if a kubectl binary is available. Under CI a missing kubectl fails the run instead (.ci/run installs it), as
 * a missing tmux or Prometheus does: the oracle tests must not skip unseen.
 */
export function haveKubectl(): boolean {
  if (KUBECTL_MISSING && process.env['CI'] === 'true') throw new Error(`${KUBECTL_MISSING}; under CI kubectl is required (.ci/run installs it)`);
  return KUBECTL_MISSING === undefined;
}

/** Outcome of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Returns a runner for kubectl bound to `kubeconfig`. HOME, KUBECONFIG and the discovery cache all
 * point into `dir`, so the developer's own ~/.kube is never read or written. Arguments are an array
 * (execFile, no shell).
 */
export function kubectlRunner(kubeconfig: string, dir: string): (args: string[]) => Promise<KubectlResult> {
  const home = join(dir, 'home');
  mkdirSync(home, {recursive: true});
  const env: NodeJS.ProcessEnv = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, NO_PROXY: '127.0.0.1,localhost'};
  return (args) =>
    new Promise((resolve) => {
      const argv = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args];
      execFile(KUBECTL, argv, {env, timeout: 60_000}, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({code, stdout: String(stdout), stderr: String(stderr)});
      });
    });
}

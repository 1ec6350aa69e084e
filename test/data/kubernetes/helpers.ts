// Shared set-up of the kubernetes source tests: the kube-api double(s), kubeconfigs and a source built from config.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {systemClock} from '../../../src/data/clock.js';
import {resolveContext, type ResolvedContext} from '../../../src/data/config/context.js';
import type {SourceConfig} from '../../../src/data/config/types.js';
import {createKubernetesSource, type KubernetesSource} from '../../../src/data/kubernetes/source.js';
import {seedAtp, startKubeApiDouble, type KubeApiDouble, type SeedOptions} from '../../doubles/kube-api/index.js';
import {kubectlRunner, type KubectlResult} from '../../doubles/kube-api/testing.js';

/** ATP's runbook namespace for ingestion is atp-ingest-ns; the rest follow atp-{service}-ns. */
export const namespaceOf = (s: string) => (s === 'ingestion' ? 'atp-ingest-ns' : `atp-${s}-ns`);

/** One simulated cluster (a region) and a kubectl bound to it. */
export interface Cluster {
  readonly double: KubeApiDouble;
  readonly dir: string;
  readonly kubeconfig: string;
  kubectl(args: string[]): Promise<KubectlResult>;
  close(): Promise<void>;
}

/** Starts the double, seeds ATP with the runbook's namespaces, and writes a kubeconfig for it. */
export async function startCluster(seed: SeedOptions = {}, rolloutStepMs = 20): Promise<Cluster> {
  const double = await startKubeApiDouble({rolloutStepMs, bookmarkIntervalMs: 200});
  seedAtp(double, {namespace: namespaceOf, ...seed});
  const dir = mkdtempSync(join(tmpdir(), 'atp-k8s-'));
  const kubeconfig = double.kubeconfigPath(dir);
  const kubectl = kubectlRunner(kubeconfig, dir);
  return {
    double,
    dir,
    kubeconfig,
    kubectl,
    async close() {
      await double.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** A kubeconfig with one context per entry (plain http, so insecure-skip-tls-verify as client-node requires). */
export function writeMultiKubeconfig(dir: string, entries: ReadonlyArray<{name: string; url: string}>): string {
  const path = join(dir, 'multi-kubeconfig');
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const e of entries) lines.push(`- name: ${e.name}`, '  cluster:', `    server: ${e.url}`, '    insecure-skip-tls-verify: true');
  lines.push('contexts:');
  for (const e of entries) lines.push(`- name: ${e.name}`, '  context:', `    cluster: ${e.name}`, `    user: ${e.name}`);
  lines.push(`current-context: ${entries[0]?.name ?? ''}`, 'users:');
  for (const e of entries) lines.push(`- name: ${e.name}`, '  user: {}');
  writeFileSync(path, `${lines.join('\n')}\n`, {mode: 0o600});
  return path;
}

/** The resolved context of a configuration whose health pane is served by the kubernetes source `settings`. */
export function kubeContext(settings: SourceConfig, options: {readOnly?: boolean; regions?: string[]} = {}): ResolvedContext {
  const config = {
    contexts: {
      test: {environment: 'test', regions: options.regions, refresh: 1, panes: {health: 'k8s'}, sources: {k8s: {kind: 'kubernetes' as const, ...settings}}},
    },
  };
  return resolveContext(config, {context: 'test', readOnly: options.readOnly}, 'test-config');
}

/** Builds the source as the registry would, for `settings` (the kubeconfig path included). */
export function makeSource(settings: SourceConfig, options: {readOnly?: boolean; env?: NodeJS.ProcessEnv; regions?: string[]} = {}): Promise<KubernetesSource> {
  const context = kubeContext({reconnect: {minSeconds: 0.05, maxSeconds: 0.4}, ...settings}, options);
  const config = context.sources['k8s']!;
  return createKubernetesSource(config, {clock: systemClock(), context, env: options.env ?? {...process.env, KUBECONFIG: ''}, readOnly: context.readOnly});
}

/** Every request that could change something. */
export function mutating(double: KubeApiDouble) {
  return double.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
}

// Kubeconfig loading (file, $KUBECONFIG, ~/.kube/config, in-cluster) and one KubeConfig per region's context.
import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import {delimiter, join} from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {SourceError} from '../errors.js';
import type {RegionConfig} from './config.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where the kubeconfig came from, for the source's description. */
export interface LoadedKubeConfig {
  readonly config: k8s.KubeConfig;
  readonly from: string;
}

const expand = (p: string, env: NodeJS.ProcessEnv) => p.replace(/^~(?=$|\/)/, env['HOME'] || homedir());

function fromFiles(files: readonly string[]): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  files.forEach((file, i) => {
    if (i === 0) return kc.loadFromFile(file);
    const more = new k8s.KubeConfig();
    more.loadFromFile(file);
    kc.mergeConfig(more, true);
  });
  return kc;
}

/** Loads the kubeconfig the way kubectl looks for it: `kubeconfig` setting, $KUBECONFIG, ~/.kube/config, in-cluster. */
export function loadKubeConfig(path: string | undefined, env: NodeJS.ProcessEnv): LoadedKubeConfig {
  try {
    if (path) return {config: fromFiles([expand(path, env)]), from: expand(path, env)};
    const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f !== '' && existsSync(f));
    if (list.length > 0) return {config: fromFiles(list), from: '$KUBECONFIG'};
    const home = join(env['HOME'] || homedir(), '.kube', 'config');
    if (existsSync(home)) return {config: fromFiles([home]), from: '~/.kube/config'};
    if (env['KUBERNETES_SERVICE_HOST'] && existsSync(SERVICE_ACCOUNT_TOKEN)) {
      const kc = new k8s.KubeConfig();
      kc.loadFromCluster();
      return {config: kc, from: 'in-cluster service account'};
    }
  } catch (error) {
    throw new SourceError('config', `cannot read the kubeconfig: ${error instanceof Error ? error.message : String(error)}`, {cause: error});
  }
  throw new SourceError('config', 'no kubeconfig found: set "kubeconfig" in the source, set $KUBECONFIG, create ~/.kube/config, or run inside the cluster');
}

/** A region bound to its kube context. */
export interface RegionContext {
  readonly region: string;
  /** The kube context name (also passed as --context / --kube-context in command lines when explicit). */
  readonly kubeContext: string;
  readonly explicit: boolean;
  readonly server: string;
}

/** Settles the regions: the configured region → context map, or the current context as the one region. */
export function regionContexts(loaded: LoadedKubeConfig, configured: readonly RegionConfig[], fallbackRegion: string | undefined): RegionContext[] {
  const kc = loaded.config;
  const known = kc.getContexts().map((c) => c.name);
  const list = configured.length > 0 ? configured : [{region: fallbackRegion ?? kc.getCurrentContext(), kubeContext: undefined}];
  return list.map(({region, kubeContext}) => {
    const name = kubeContext ?? kc.getCurrentContext();
    const ctx = kc.getContextObject(name);
    if (!name || !ctx) {
      throw new SourceError(
        'config',
        `kube context "${name || '(none)'}" for region ${region} is not in the kubeconfig (${loaded.from}); known contexts: ${known.join(', ') || 'none'}`,
      );
    }
    const cluster = kc.getCluster(ctx.cluster);
    if (!cluster) throw new SourceError('config', `kube context "${name}" names cluster "${ctx.cluster}", which is not in the kubeconfig`);
    return {region: region || name, kubeContext: name, explicit: kubeContext !== undefined, server: cluster.server};
  });
}

/** A KubeConfig whose current context is `kubeContext` (the clusters/users are shared with `base`). */
export function configFor<T extends k8s.KubeConfig>(base: k8s.KubeConfig, kubeContext: string, make: () => T): T {
  const kc = make();
  kc.loadFromOptions({clusters: base.getClusters(), contexts: base.getContexts(), users: base.getUsers(), currentContext: kubeContext});
  return kc;
}

// The deployment a service action acts on, shared by restart and scale: region, namespace, name, the watch-cache
// copy, the kubectl flags that address the same cluster, and following its rollout from the cache.
import type {RolloutStatus, RunControl, ServiceRef} from '../sources/types.js';
import {shellQuote} from './helm-cli.js';
import {nameOf, type KubeJson} from './json.js';
import type {RollbackDeps} from './rollback.js';
import type {RegionWatch} from './region.js';
import {followRollout} from './rollout.js';

/** What restart and scale need from the source (the same as rollback). */
export type ActionDeps = RollbackDeps;

export interface DeploymentTarget {
  readonly region: RegionWatch;
  readonly namespace: string;
  readonly name: string;
  cached(): KubeJson | undefined;
  /** `deployment/x -n ns (us-east: context c)`. */
  readonly where: string;
  /** ` --context c --kubeconfig path` when needed to reach the same cluster. */
  readonly flags: string;
  follow(generation: number, run: RunControl): Promise<RolloutStatus>;
}

/** Resolves `ref` to its deployment; throws for a service or region the source does not know. */
export function deploymentTarget(deps: ActionDeps, ref: ServiceRef): DeploymentTarget {
  const {config, clock} = deps;
  const region = deps.regions.get(ref.region);
  if (!region || !config.services.includes(ref.service)) throw new Error(`unknown service ${ref.service}@${ref.region}`);
  const namespace = config.namespaceOf(ref.service);
  const name = config.deploymentOf(ref.service);
  const cached = () =>
    region
      .namespace(namespace)
      .deployments.items()
      .find((d) => nameOf(d) === name);
  const r = region.client.region;
  return {
    region,
    namespace,
    name,
    cached,
    where: `deployment/${name} -n ${namespace} (${ref.region}: context ${r.kubeContext})`,
    flags: `${r.explicit ? ` --context ${shellQuote(r.kubeContext)}` : ''}${config.kubeconfig ? ` --kubeconfig ${shellQuote(config.kubeconfig)}` : ''}`,
    follow: (generation, run) =>
      followRollout({name, observe: cached, broken: () => region.broken(namespace), subscribe: (l) => region.subscribe(l, namespace), generation, clock}, run),
  };
}

// The /scale subresource (autoscaling/v1 Scale) of deployments and replicasets.
import {badRequest} from './errors.js';
import type {ResourceDef} from './resources.js';
import type {Store} from './store.js';
import {getPath, isObject, num, type KubeObject} from './types.js';

/** Renders the Scale view of a deployment or replicaset. */
export function scaleOf(o: KubeObject): KubeObject {
  const ml = getPath(o, 'spec.selector.matchLabels');
  const selector = isObject(ml)
    ? Object.entries(ml)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')
    : '';
  const {name, namespace, uid, resourceVersion, creationTimestamp} = o.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
    spec: {replicas: num(o['spec'], 'replicas')},
    status: {replicas: num(o['status'], 'replicas'), selector},
  };
}

/** Applies a Scale body (PUT or patched) to the owning object and returns the updated owner. */
export function withScale(store: Store, d: ResourceDef, ns: string | undefined, name: string, scale: unknown, dryRun: boolean): KubeObject {
  const replicas = getPath(scale, 'spec.replicas');
  if (typeof replicas !== 'number' || replicas < 0) throw badRequest('spec.replicas must be a non-negative integer');
  const current = store.get(d, ns, name);
  const rv = getPath(scale, 'metadata.resourceVersion');
  if (typeof rv === 'string' && rv !== '') current.metadata.resourceVersion = rv;
  const spec = isObject(current['spec']) ? current['spec'] : {};
  current['spec'] = {...spec, replicas};
  return store.update(d, current, {dryRun});
}

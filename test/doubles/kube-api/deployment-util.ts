// Helpers of the deployment controller (k8s.io/kubernetes/pkg/controller/deployment/util).
import {getPath, isObject, num, objects, str, type JsonObject, type KubeObject} from './types.js';

/** Annotation holding a ReplicaSet's (and its Deployment's) revision. */
export const REVISION = 'deployment.kubernetes.io/revision';
/** Annotation listing the revisions a reused ReplicaSet had before. */
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** Annotations never copied from a Deployment onto its ReplicaSets. */
export const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** Revision number of a ReplicaSet (0 if unset). */
export function revisionOf(o: KubeObject): number {
  return Number(o.metadata.annotations?.[REVISION] ?? 0) || 0;
}

function resolve(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? '25%'));
  const pct = m ? Number(m[1]) : 25;
  return roundUp ? Math.ceil((pct * total) / 100) : Math.floor((pct * total) / 100);
}

/** deploymentutil.ResolveFenceposts: [maxSurge, maxUnavailable] as pod counts. */
export function fenceposts(d: KubeObject): [number, number] {
  const replicas = num(d['spec'], 'replicas', 1);
  const ru = getPath(d, 'spec.strategy.rollingUpdate');
  const surge = resolve(isObject(ru) ? ru['maxSurge'] : undefined, replicas, true);
  let unavailable = resolve(isObject(ru) ? ru['maxUnavailable'] : undefined, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** maxUnavailable for the Available condition (0 for Recreate). */
export function maxUnavailable(d: KubeObject): number {
  return str(getPath(d, 'spec.strategy'), 'type') === 'Recreate' ? 0 : fenceposts(d)[1];
}

/** spec.replicas of a ReplicaSet or Deployment. */
export function specReplicas(o: KubeObject): number {
  return num(o['spec'], 'replicas');
}

/** status[field] of a ReplicaSet or Deployment. */
export function statusOf(o: KubeObject | undefined, field: string): number {
  return o ? num(o['status'], field) : 0;
}

/** Sums a per-ReplicaSet number. */
export function sum(rss: KubeObject[], f: (rs: KubeObject) => number): number {
  return rss.reduce((n, rs) => n + f(rs), 0);
}

/** Oldest first (controller.ReplicaSetsByCreationTimestamp). */
export function byCreation(rss: KubeObject[]): KubeObject[] {
  return [...rss].sort(
    (a, b) =>
      String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) ||
      String(a.metadata.name).localeCompare(String(b.metadata.name)),
  );
}

/** The Progressing/Available condition, if present. */
export function getCondition(d: KubeObject, type: string): JsonObject | undefined {
  return objects(getPath(d, 'status'), 'conditions').find((c) => c['type'] === type);
}

/** deploymentutil.SetDeploymentCondition: no-op when status and reason are unchanged. */
export function setCondition(status: JsonObject, c: JsonObject): void {
  const conds = objects(status, 'conditions');
  const cur = conds.find((x) => x['type'] === c['type']);
  if (cur && cur['status'] === c['status'] && cur['reason'] === c['reason']) return;
  if (cur && cur['status'] === c['status']) c['lastTransitionTime'] = cur['lastTransitionTime'];
  status['conditions'] = [...conds.filter((x) => x['type'] !== c['type']), c];
}

/** deploymentutil.NewDeploymentCondition. */
export function newCondition(type: string, status: string, reason: string, message: string, now: string): JsonObject {
  return {type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message};
}

/** deploymentutil.DeploymentComplete. */
export function deploymentComplete(d: KubeObject, status: JsonObject): boolean {
  const replicas = specReplicas(d);
  return (
    num(status, 'updatedReplicas') === replicas &&
    num(status, 'replicas') === replicas &&
    num(status, 'availableReplicas') === replicas &&
    num(status, 'observedGeneration') >= (d.metadata.generation ?? 0)
  );
}

/** deploymentutil.DeploymentProgressing: did the new status move forward compared to the old one? */
export function deploymentProgressing(d: KubeObject, next: JsonObject): boolean {
  const old = (d['status'] ?? {}) as JsonObject;
  const oldOld = num(old, 'replicas') - num(old, 'updatedReplicas');
  const newOld = num(next, 'replicas') - num(next, 'updatedReplicas');
  return (
    num(next, 'updatedReplicas') > num(old, 'updatedReplicas') ||
    newOld < oldOld ||
    num(next, 'readyReplicas') > num(old, 'readyReplicas') ||
    num(next, 'availableReplicas') > num(old, 'availableReplicas')
  );
}

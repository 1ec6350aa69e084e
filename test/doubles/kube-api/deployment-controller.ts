// Deployment controller: new ReplicaSet per template, revisions, rolling update, status and conditions.
import type {Clock} from './clock.js';
import * as u from './deployment-util.js';
import type {EventRecorder} from './events.js';
import {podTemplateHash, sameTemplate} from './hash.js';
import {resourceByName} from './resources.js';
import type {Store} from './store.js';
import {child, clone, getPath, isObject, num, str, type JsonObject, type KubeObject} from './types.js';

const deployments = resourceByName('deployments');
const replicasets = resourceByName('replicasets');
const SOURCE = {component: 'deployment-controller'};
const MAX_HISTORY_CHARS = 2000;

/** Reconciles Deployments into ReplicaSets, the way kube-controller-manager does for RollingUpdate/Recreate. */
export class DeploymentController {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  /** One reconcile pass over every Deployment. */
  sync(): void {
    for (const d of this.store.list(deployments)) this.syncOne(d);
  }

  private owned(d: KubeObject): KubeObject[] {
    return this.store
      .list(replicasets, d.metadata.namespace)
      .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === d.metadata.uid));
  }

  private syncOne(d: KubeObject): void {
    const now = this.clock.iso();
    const status: JsonObject = clone(isObject(d['status']) ? d['status'] : {});
    const paused = getPath(d, 'spec.paused') === true;
    this.checkPaused(status, paused, now);
    const all = this.owned(d);
    let newRS = all.find((rs) => sameTemplate(getPath(rs, 'spec.template'), getPath(d, 'spec.template')));
    const old = all.filter((rs) => rs !== newRS);
    const maxOld = Math.max(0, ...old.map(u.revisionOf));
    if (!newRS && !paused) {
      newRS = this.createReplicaSet(d, maxOld + 1);
      u.setCondition(status, u.newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${newRS.metadata.name}"`, now));
    } else if (newRS) this.syncRevision(d, newRS, maxOld + 1);
    if (newRS) child(d.metadata as JsonObject, 'annotations')[u.REVISION] = String(u.revisionOf(newRS));
    const rsAll = newRS ? [...old, newRS] : old;
    if (!paused && newRS) {
      if (str(getPath(d, 'spec.strategy'), 'type') === 'Recreate') this.recreate(d, newRS, old);
      else if (!this.reconcileNew(d, newRS, rsAll)) this.reconcileOld(d, newRS, old);
    }
    const next = this.calculateStatus(d, newRS, rsAll, status, now);
    if (!paused && newRS) this.syncRolloutStatus(d, next, newRS, now);
    if (!paused && u.deploymentComplete(d, next)) this.cleanup(d, old);
    d['status'] = next;
    this.store.update(deployments, d, {internal: true});
  }

  private checkPaused(status: JsonObject, paused: boolean, now: string): void {
    const cond = u.getCondition({apiVersion: '', kind: '', metadata: {}, status}, 'Progressing');
    if (cond?.['reason'] === 'ProgressDeadlineExceeded') return;
    const pausedCond = cond?.['reason'] === 'DeploymentPaused';
    if (paused && !pausedCond) u.setCondition(status, u.newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
    if (!paused && pausedCond) u.setCondition(status, u.newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now));
  }

  private copyAnnotations(d: KubeObject, rs: KubeObject): void {
    const target = child(rs.metadata as JsonObject, 'annotations') as Record<string, string>;
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!u.SKIPPED_ANNOTATIONS.has(k)) target[k] = v;
  }

  private replicasAnnotations(d: KubeObject, rs: KubeObject): void {
    const a = child(rs.metadata as JsonObject, 'annotations');
    a['deployment.kubernetes.io/desired-replicas'] = String(u.specReplicas(d));
    a['deployment.kubernetes.io/max-replicas'] = String(u.specReplicas(d) + u.fenceposts(d)[0]);
  }

  private createReplicaSet(d: KubeObject, revision: number): KubeObject {
    const hash = podTemplateHash(getPath(d, 'spec.template'), num(d['status'], 'collisionCount'));
    const template = clone((getPath(d, 'spec.template') ?? {}) as JsonObject);
    const labels = {...((getPath(template, 'metadata.labels') ?? {}) as Record<string, string>), 'pod-template-hash': hash};
    child(template, 'metadata')['labels'] = labels;
    const selector = clone((getPath(d, 'spec.selector') ?? {}) as JsonObject);
    selector['matchLabels'] = {...((selector['matchLabels'] ?? {}) as Record<string, string>), 'pod-template-hash': hash};
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: {...labels},
        annotations: {},
        ownerReferences: [
          {apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true},
        ],
      },
      spec: {replicas: 0, ...(getPath(d, 'spec.minReadySeconds') ? {minReadySeconds: getPath(d, 'spec.minReadySeconds')} : {}), selector, template},
    };
    this.copyAnnotations(d, rs);
    this.replicasAnnotations(d, rs);
    child(rs.metadata as JsonObject, 'annotations')[u.REVISION] = String(revision);
    return this.store.create(replicasets, rs, {internal: true});
  }

  /** deploymentutil.SetNewReplicaSetAnnotations for an existing (possibly rolled-back-to) ReplicaSet. */
  private syncRevision(d: KubeObject, rs: KubeObject, newRevision: number): void {
    this.copyAnnotations(d, rs);
    const a = child(rs.metadata as JsonObject, 'annotations') as Record<string, string>;
    const oldRevision = a[u.REVISION];
    if (Number(oldRevision ?? 0) < newRevision) {
      a[u.REVISION] = String(newRevision);
      if (oldRevision !== undefined) {
        const history = (a[u.REVISION_HISTORY] ?? '').split(',').filter((x) => x !== '');
        history.push(oldRevision);
        while (history.join(',').length > MAX_HISTORY_CHARS) history.shift();
        a[u.REVISION_HISTORY] = history.join(',');
      }
    }
    if (!a['deployment.kubernetes.io/desired-replicas']) this.replicasAnnotations(d, rs);
    Object.assign(rs, this.store.update(replicasets, rs, {internal: true}));
  }

  private scale(d: KubeObject, rs: KubeObject, size: number): boolean {
    const from = u.specReplicas(rs);
    if (from === size) return false;
    child(rs, 'spec')['replicas'] = size;
    this.replicasAnnotations(d, rs);
    Object.assign(rs, this.store.update(replicasets, rs, {internal: true}));
    this.recorder.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${size > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${size}`,
      SOURCE,
    );
    return true;
  }

  private reconcileNew(d: KubeObject, newRS: KubeObject, all: KubeObject[]): boolean {
    const replicas = u.specReplicas(d);
    const cur = u.specReplicas(newRS);
    if (cur === replicas) return false;
    if (cur > replicas) return this.scale(d, newRS, replicas);
    const maxTotal = replicas + u.fenceposts(d)[0];
    const current = u.sum(all, u.specReplicas);
    if (current >= maxTotal) return false;
    return this.scale(d, newRS, cur + Math.min(maxTotal - current, replicas - cur));
  }

  private reconcileOld(d: KubeObject, newRS: KubeObject, old: KubeObject[]): boolean {
    if (u.sum(old, u.specReplicas) === 0) return false;
    const minAvailable = u.specReplicas(d) - u.fenceposts(d)[1];
    const newUnavailable = u.specReplicas(newRS) - u.statusOf(newRS, 'availableReplicas');
    const maxScaledDown = u.sum([...old, newRS], u.specReplicas) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let cleaned = 0;
    for (const rs of u.byCreation(old)) {
      const unhealthy = u.specReplicas(rs) - u.statusOf(rs, 'availableReplicas');
      if (cleaned >= maxScaledDown || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scale(d, rs, u.specReplicas(rs) - n);
      cleaned += n;
    }
    const available = u.sum([...old, newRS], (rs) => u.statusOf(rs, 'availableReplicas'));
    let scaled = 0;
    for (const rs of u.byCreation(old)) {
      const total = available - minAvailable;
      if (scaled >= total || u.specReplicas(rs) === 0) continue;
      const n = Math.min(u.specReplicas(rs), total - scaled);
      this.scale(d, rs, u.specReplicas(rs) - n);
      scaled += n;
    }
    return cleaned + scaled > 0;
  }

  private recreate(d: KubeObject, newRS: KubeObject, old: KubeObject[]): void {
    let scaledDown = false;
    for (const rs of old) scaledDown = this.scale(d, rs, 0) || scaledDown;
    if (scaledDown || u.sum(old, (rs) => u.statusOf(rs, 'replicas')) > 0) return;
    this.scale(d, newRS, u.specReplicas(d));
  }

  private calculateStatus(d: KubeObject, newRS: KubeObject | undefined, all: KubeObject[], prev: JsonObject, now: string): JsonObject {
    const available = u.sum(all, (rs) => u.statusOf(rs, 'availableReplicas'));
    const next: JsonObject = {observedGeneration: d.metadata.generation ?? 1};
    const put = (k: string, v: number) => {
      if (v > 0) next[k] = v;
    };
    put(
      'replicas',
      u.sum(all, (rs) => u.statusOf(rs, 'replicas')),
    );
    put('updatedReplicas', u.statusOf(newRS, 'replicas'));
    put(
      'readyReplicas',
      u.sum(all, (rs) => u.statusOf(rs, 'readyReplicas')),
    );
    put('availableReplicas', available);
    put('unavailableReplicas', Math.max(0, u.sum(all, u.specReplicas) - available));
    next['conditions'] = prev['conditions'] ?? [];
    const ok = available >= u.specReplicas(d) - u.maxUnavailable(d);
    const cond = ok
      ? u.newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
      : u.newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now);
    u.setCondition(next, cond);
    if (prev['collisionCount'] !== undefined) next['collisionCount'] = prev['collisionCount'];
    return next;
  }

  private syncRolloutStatus(d: KubeObject, next: JsonObject, newRS: KubeObject, now: string): void {
    const cur = u.getCondition({apiVersion: '', kind: '', metadata: {}, status: next}, 'Progressing');
    if (num(next, 'replicas') === num(next, 'updatedReplicas') && cur?.['reason'] === 'NewReplicaSetAvailable') return;
    const rsName = newRS.metadata.name;
    if (u.deploymentComplete(d, next)) {
      u.setCondition(next, u.newCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (u.deploymentProgressing(d, next)) {
      const c = u.newCondition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
      if (cur?.['status'] === 'True') c['lastTransitionTime'] = cur['lastTransitionTime'];
      next['conditions'] = [...(next['conditions'] as JsonObject[]).filter((x) => x['type'] !== 'Progressing'), c];
    } else if (cur && cur['reason'] !== 'ProgressDeadlineExceeded') {
      const deadline = num(d['spec'], 'progressDeadlineSeconds', 600) * 1000;
      if (this.clock.now().getTime() > Date.parse(String(cur['lastUpdateTime'])) + deadline) {
        u.setCondition(next, u.newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now));
      }
    }
  }

  private cleanup(d: KubeObject, old: KubeObject[]): void {
    const limit = num(d['spec'], 'revisionHistoryLimit', 10);
    const cleanable = old.filter((rs) => u.specReplicas(rs) === 0 && u.statusOf(rs, 'replicas') === 0 && !rs.metadata.deletionTimestamp);
    const excess = cleanable.length - limit;
    if (excess <= 0) return;
    const victims = [...cleanable].sort((a, b) => u.revisionOf(a) - u.revisionOf(b)).slice(0, excess);
    for (const rs of victims) this.store.delete(replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
  }
}

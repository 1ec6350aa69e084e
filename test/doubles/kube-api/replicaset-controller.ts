// ReplicaSet controller: keeps the owned pod count at spec.replicas and maintains RS status.
import type {Clock} from './clock.js';
import type {EventRecorder} from './events.js';
import {randomSuffix} from './hash.js';
import {resourceByName} from './resources.js';
import type {Store} from './store.js';
import {getPath, isObject, num, objects, str, type JsonObject, type KubeObject} from './types.js';

const pods = resourceByName('pods');
const replicasets = resourceByName('replicasets');
const SOURCE = {component: 'replicaset-controller'};

/** True if the pod's Ready condition is True. */
export function podReady(p: KubeObject): boolean {
  return objects(getPath(p, 'status'), 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
}

/** Pods controlled by `owner` (controller ownerReference), excluding terminating ones unless asked. */
export function ownedPods(store: Store, owner: KubeObject, includeTerminating = false): KubeObject[] {
  return store
    .list(pods, owner.metadata.namespace)
    .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid))
    .filter((p) => includeTerminating || !p.metadata.deletionTimestamp);
}

/** controller.ActivePods ordering: the pods to delete first come first. */
function deletionRank(p: KubeObject): number[] {
  const phase = str(getPath(p, 'status'), 'phase');
  const restarts = objects(getPath(p, 'status'), 'containerStatuses').reduce((n, c) => n + num(c, 'restartCount'), 0);
  return [
    str(getPath(p, 'spec'), 'nodeName') ? 1 : 0,
    phase === 'Pending' ? 0 : phase === 'Running' ? 2 : 1,
    podReady(p) ? 1 : 0,
    -restarts,
    -Date.parse(String(p.metadata.creationTimestamp ?? '')) || 0,
  ];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Creates and deletes pods for ReplicaSets. */
export class ReplicaSetController {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  /** Reconciles pod counts for every ReplicaSet; true if anything changed. */
  syncPods(): boolean {
    let changed = false;
    for (const rs of this.store.list(replicasets)) {
      const active = ownedPods(this.store, rs);
      const diff = active.length - num(rs['spec'], 'replicas');
      for (let i = 0; i < -diff; i++) this.createPod(rs);
      const victims = [...active].sort((a, b) => compareRanks(deletionRank(a), deletionRank(b))).slice(0, Math.max(diff, 0));
      for (const p of victims) this.deletePod(rs, p);
      changed = changed || diff !== 0;
    }
    return changed;
  }

  /** Recomputes every ReplicaSet's status from its pods. */
  syncStatus(): void {
    for (const rs of this.store.list(replicasets)) {
      const active = ownedPods(this.store, rs);
      const templateLabels = getPath(rs, 'spec.template.metadata.labels');
      const want = isObject(templateLabels) ? Object.entries(templateLabels) : [];
      const fullyLabeled = active.filter((p) => want.every(([k, v]) => p.metadata.labels?.[k] === v)).length;
      const ready = active.filter(podReady).length;
      const status: JsonObject = {replicas: active.length};
      if (fullyLabeled) status['fullyLabeledReplicas'] = fullyLabeled;
      if (ready) status['readyReplicas'] = ready;
      if (ready) status['availableReplicas'] = ready;
      status['observedGeneration'] = rs.metadata.generation ?? 1;
      rs['status'] = status;
      this.store.update(replicasets, rs, {internal: true});
    }
  }

  private createPod(rs: KubeObject): void {
    const template = (getPath(rs, 'spec.template') ?? {}) as JsonObject;
    const tmeta = (template['metadata'] ?? {}) as JsonObject;
    const name = `${rs.metadata.name}-${randomSuffix()}`;
    const pod = this.store.create(
      pods,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          generateName: `${rs.metadata.name}-`,
          namespace: rs.metadata.namespace,
          ...(isObject(tmeta['labels']) ? {labels: structuredClone(tmeta['labels']) as Record<string, string>} : {}),
          ...(isObject(tmeta['annotations']) ? {annotations: structuredClone(tmeta['annotations']) as Record<string, string>} : {}),
          ownerReferences: [
            {apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true},
          ],
        },
        spec: structuredClone(template['spec'] ?? {}),
      },
      {internal: true},
    );
    this.recorder.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
  }

  private deletePod(rs: KubeObject, pod: KubeObject): void {
    const at = this.clock.iso();
    this.store.mutate(pods, pod.metadata.namespace, pod.metadata.name ?? '', (p) => {
      p.metadata.deletionTimestamp = at;
      p.metadata['deletionGracePeriodSeconds'] = 30;
    });
    this.recorder.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
    const node = str(getPath(pod, 'spec'), 'nodeName');
    for (const c of objects(getPath(pod, 'spec'), 'containers')) {
      this.recorder.record(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${str(c, 'name')}`,
        {component: 'kubelet', host: node},
        `spec.containers{${str(c, 'name')}}`,
      );
    }
  }
}

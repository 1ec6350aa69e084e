// The objects a freeze acts on: Flux Kustomizations/HelmReleases and CronJobs (`spec.suspend`), or a ConfigMap
// flag. Read and merge-patched through the guarded client (Flux CRDs refuse strategic merge patch).
import * as k8s from '@kubernetes/client-node';
import type {CallOptions, RegionClient} from './client.js';
import {KubeApiError} from './client.js';
import {TARGET_KINDS, type FreezeTarget, type TargetKind} from './config.js';
import {shellQuote} from './helm-cli.js';
import {at, isRecord, stringMap, type KubeJson} from './json.js';

const API: Readonly<Record<TargetKind, {readonly apiVersion: string; readonly plural: string}>> = {
  Kustomization: {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations'},
  HelmRelease: {apiVersion: 'helm.toolkit.fluxcd.io/v2', plural: 'helmreleases'},
  CronJob: {apiVersion: 'batch/v1', plural: 'cronjobs'},
  ConfigMap: {apiVersion: 'v1', plural: 'configmaps'},
};

function api(t: FreezeTarget): {group: string; version: string; plural: string} {
  const apiVersion = t.apiVersion ?? API[t.kind].apiVersion;
  const slash = apiVersion.lastIndexOf('/');
  return {group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), plural: API[t.kind].plural};
}

/** `cronjob/atp-purge -n atp-system`, as kubectl names it. */
export function targetLabel(t: FreezeTarget): string {
  return `${t.kind.toLowerCase()}/${t.name} -n ${t.namespace}`;
}

/** The object, or undefined when it does not exist (404). */
export async function readTarget(client: RegionClient, t: FreezeTarget, opts: CallOptions): Promise<KubeJson | undefined> {
  const what = `${targetLabel(t)} (${client.region.region})`;
  const {group, version, plural} = api(t);
  try {
    if (group === '') return await client.raw(what, (o) => client.core.readNamespacedConfigMap({name: t.name, namespace: t.namespace}, o), opts);
    return await client.raw(what, (o) => client.custom.getNamespacedCustomObject({group, version, plural, namespace: t.namespace, name: t.name}, o), opts);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Sends `patch` as a JSON merge patch (`application/merge-patch+json`). */
export async function patchTarget(client: RegionClient, t: FreezeTarget, patch: object, opts: CallOptions): Promise<KubeJson> {
  const what = `patch ${targetLabel(t)} (${client.region.region})`;
  const {group, version, plural} = api(t);
  return client.raw(
    what,
    (o) => {
      const options = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch, o);
      if (group === '') return client.core.patchNamespacedConfigMap({name: t.name, namespace: t.namespace, body: patch}, options);
      return client.custom.patchNamespacedCustomObject({group, version, plural, namespace: t.namespace, name: t.name, body: patch}, options);
    },
    opts,
  );
}

/** True when the object is in its frozen state: suspended, or the ConfigMap flag set. */
export function isHeld(obj: KubeJson, t: FreezeTarget): boolean {
  if (t.kind === 'ConfigMap') return t.key !== undefined && stringMap(obj, 'data')[t.key] === t.value;
  return at(obj, 'spec.suspend') === true;
}

/** The merge patch putting the object into (or out of) its frozen state; `previous` restores a ConfigMap value. */
export function holdPatch(t: FreezeTarget, on: boolean, previous?: string | null): object {
  if (t.kind === 'ConfigMap' && t.key !== undefined) return {data: {[t.key]: on ? t.value : (previous ?? null)}};
  return {spec: {suspend: on}};
}

/** The ConfigMap value before the freeze (null: key absent). */
export function heldValue(obj: KubeJson, t: FreezeTarget): string | null {
  return t.key !== undefined ? (stringMap(obj, 'data')[t.key] ?? null) : null;
}

/** Reads target references recorded on an object by an earlier freeze (ignores anything malformed). */
export function parseTargets(text: string | undefined): FreezeTarget[] {
  if (!text) return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  return v.flatMap((x): FreezeTarget[] => {
    if (!isRecord(x)) return [];
    const {kind, namespace, name, apiVersion, key, value} = x;
    if (typeof kind !== 'string' || !(TARGET_KINDS as readonly string[]).includes(kind) || typeof namespace !== 'string' || typeof name !== 'string') return [];
    if (!/^[a-z0-9.-]{1,253}$/.test(name) || !/^[a-z0-9-]{1,63}$/.test(namespace)) return [];
    return [
      {
        kind: kind as TargetKind,
        namespace,
        name,
        ...(typeof apiVersion === 'string' ? {apiVersion} : {}),
        ...(typeof key === 'string' && typeof value === 'string' ? {key, value} : {}),
      },
    ];
  });
}

/** The kubectl line that changes the same field. */
export function kubectlPatchLine(t: FreezeTarget, on: boolean, kubeContext: string | undefined, kubeconfig: string | undefined): string {
  const patch = JSON.stringify(holdPatch(t, on, t.kind === 'ConfigMap' ? '<previous value>' : undefined));
  const where = `${kubeContext ? ` --context ${shellQuote(kubeContext)}` : ''}${kubeconfig ? ` --kubeconfig ${shellQuote(kubeconfig)}` : ''}`;
  return `kubectl${where} -n ${t.namespace} patch ${t.kind.toLowerCase()} ${t.name} --type merge -p ${shellQuote(patch)}`;
}

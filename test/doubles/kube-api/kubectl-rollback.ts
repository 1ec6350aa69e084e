// Reference of what `kubectl rollout undo` (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go) sends.
import {REVISION, SKIPPED_ANNOTATIONS} from './deployment-util.js';
import {sameTemplate} from './hash.js';
import {getPath, isObject, type JsonObject, type KubeObject} from './types.js';

function revision(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? -1);
}

/** rollback.go rsForRevision: the RS of `toRevision`, or of the previous revision when 0. */
export function replicaSetForRevision(deployment: KubeObject, replicaSets: KubeObject[], toRevision = 0): KubeObject {
  const owned = replicaSets.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === deployment.metadata.uid));
  if (toRevision > 0) {
    const rs = owned.find((x) => revision(x) === toRevision);
    if (!rs) throw new Error(`unable to find specified revision ${toRevision} in history`);
    return rs;
  }
  let latest: KubeObject | undefined;
  let previous: KubeObject | undefined;
  for (const rs of owned) {
    if (!latest || revision(rs) > revision(latest)) {
      previous = latest;
      latest = rs;
    } else if (!previous || revision(rs) > revision(previous)) previous = rs;
  }
  if (!previous) throw new Error(`no rollout history found for deployment "${deployment.metadata.name}"`);
  return previous;
}

/**
 * The JSON patch body kubectl 1.32 sends (PATCH, Content-Type application/json-patch+json):
 * replace /spec/template with the RS template minus the pod-template-hash label, and
 * replace /metadata/annotations with the deployment's revision-ish annotations plus the RS's others.
 * Byte-exact when the objects keep the API server's field order (JSON.parse preserves it) and Go's
 * sorted map keys; Go's encoder also escapes <, > and & as \u003c, \u003e, \u0026.
 */
export function kubectlUndoPatch(deployment: KubeObject, replicaSets: KubeObject[], toRevision = 0): string {
  const rs = replicaSetForRevision(deployment, replicaSets, toRevision);
  if (sameTemplate(getPath(rs, 'spec.template'), getPath(deployment, 'spec.template'))) {
    throw new Error(`skipped rollback (current template already matches revision ${revision(rs)})`);
  }
  const template = structuredClone(getPath(rs, 'spec.template')) as JsonObject;
  const meta = template['metadata'];
  if (isObject(meta) && isObject(meta['labels'])) delete meta['labels']['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {})) if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  const sorted = Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1)));
  const body = [
    {op: 'replace', path: '/spec/template', value: template},
    {op: 'replace', path: '/metadata/annotations', value: sorted},
  ];
  return JSON.stringify(body).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

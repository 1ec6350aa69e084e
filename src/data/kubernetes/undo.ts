// `kubectl rollout undo` (k8s.io/kubectl/pkg/polymorphichelpers/rollback.go), reproduced to the byte: choose the
// ReplicaSet of a revision, copy its pod template without pod-template-hash, keep the deployment's revision
// annotations, and build the same JSON patch from the objects exactly as the API served them.
import {at, isRecord, nameOf, type JsonRecord} from './json.js';
import type {DeploymentHistory} from './revisions.js';
import {revisionOf} from './revisions.js';

/** Annotations kubectl keeps from the deployment rather than copying from the ReplicaSet (rollback.go annotationsToSkip). */
export const SKIPPED_ANNOTATIONS: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const HASH_LABEL = 'pod-template-hash';

/** kubectl's messages, word for word. */
export const PAUSED_MESSAGE = "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again";

/** rollback.go deploymentRevision: the ReplicaSet of `toRevision`, or of the previous revision when 0. */
export function replicaSetForRevision(history: DeploymentHistory, toRevision: number): JsonRecord {
  let latest: JsonRecord | undefined;
  let previous: JsonRecord | undefined;
  for (const rs of history.replicaSets) {
    const v = revisionOf(rs);
    if (v === 0) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs as JsonRecord;
      continue;
    }
    if (!latest || revisionOf(latest) < v) {
      previous = latest;
      latest = rs as JsonRecord;
    } else if (!previous || revisionOf(previous) < v) previous = rs as JsonRecord;
  }
  if (toRevision > 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new Error(`no rollout history found for deployment "${nameOf(history.deployment)}"`);
  return previous;
}

/** A template without the hash label, nulls and empty collections: deploymentutil.EqualIgnoreHash's view. */
function comparable(v: unknown, path = ''): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => comparable(x, path));
  if (!isRecord(v)) return v === null ? undefined : v;
  const out: JsonRecord = {};
  for (const key of Object.keys(v).sort()) {
    if (path === 'metadata.labels' && key === HASH_LABEL) continue;
    const c = comparable(v[key], path ? `${path}.${key}` : key);
    if (c !== undefined && !(isRecord(c) && Object.keys(c).length === 0)) out[key] = c;
  }
  return out;
}

/** deploymentutil.EqualIgnoreHash. */
export function sameTemplate(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

/** JSON exactly as Go's encoding/json writes it: `<`, `>`, `&`, U+2028/2029 escaped; lone surrogates replaced. */
export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\ufffd');
}

/** What an undo will do: the chosen revision and the patch, or why kubectl would skip it. */
export type UndoPlan =
  | {readonly kind: 'patch'; readonly toRevision: number; readonly patch: string; readonly replicaSet: string}
  | {readonly kind: 'skipped'; readonly toRevision: number; readonly message: string};

/**
 * Builds kubectl's rollback patch (JSON patch, `application/json-patch+json`) for `toRevision` (0: previous).
 * `changeCause`, when given, joins the annotations the patch sets (as `kubectl rollout undo --record` once did).
 */
export function undoPlan(history: DeploymentHistory, toRevision: number, changeCause?: string): UndoPlan {
  const {deployment} = history;
  if (at(deployment, 'spec.paused') === true) throw new Error(PAUSED_MESSAGE);
  const rs = replicaSetForRevision(history, toRevision);
  const revision = revisionOf(rs);
  if (sameTemplate(at(rs, 'spec.template'), at(deployment, 'spec.template'))) {
    return {kind: 'skipped', toRevision: revision, message: `skipped rollback (current template already matches revision ${revision})`};
  }
  const template = structuredClone(at(rs, 'spec.template') ?? {}) as JsonRecord;
  const labels = at(template, 'metadata.labels');
  if (isRecord(labels)) delete labels[HASH_LABEL];
  const annotations: Record<string, unknown> = {};
  const own = at(deployment, 'metadata.annotations');
  const theirs = at(rs, 'metadata.annotations');
  if (isRecord(own)) for (const [k, v] of Object.entries(own)) if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  if (isRecord(theirs)) for (const [k, v] of Object.entries(theirs)) if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  if (changeCause !== undefined) annotations['kubernetes.io/change-cause'] = changeCause;
  // Go marshals maps with sorted keys (byte order), and {op, path, value} happen to be in that order already.
  const sorted = Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const patch = goJson([
    {op: 'replace', path: '/spec/template', value: template},
    {op: 'replace', path: '/metadata/annotations', value: sorted},
  ]);
  return {kind: 'patch', toRevision: revision, patch, replicaSet: nameOf(rs)};
}

// Revision history: a Deployment's ReplicaSets (`kubectl rollout history`) and Helm release secrets (`helm history`).
import {gunzipSync} from 'node:zlib';
import type {Revision} from '../sources/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {CallOptions, RegionClient} from './client.js';
import type {HelmConfig} from './config.js';
import {REVISION, templateVersion} from './health.js';
import {annotationsOf, at, controlledBy, isRecord, labelsOf, nameOf, num, records, str, time, uidOf, type KubeJson} from './json.js';
import {selectorString} from './selector.js';

/** A Deployment and the ReplicaSets it controls, exactly as the API served them. */
export interface DeploymentHistory {
  readonly deployment: KubeJson;
  readonly replicaSets: readonly KubeJson[];
}

/** Revision number of a ReplicaSet or Deployment (0 when unset). */
export function revisionOf(o: unknown): number {
  const n = Number(annotationsOf(o)[REVISION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** GET the deployment and LIST its ReplicaSets (by its selector, owned by it), as `kubectl rollout` does. */
export async function readDeploymentHistory(client: RegionClient, namespace: string, name: string, opts: CallOptions): Promise<DeploymentHistory> {
  const deployment = await client.raw(`deployment/${name} -n ${namespace}`, (o) => client.apps.readNamespacedDeployment({name, namespace}, o), opts);
  const labelSelector = selectorString(at(deployment, 'spec.selector'));
  const list = await client.raw(
    `replicasets -n ${namespace}`,
    (o) => client.apps.listNamespacedReplicaSet({namespace, ...(labelSelector ? {labelSelector} : {})}, o),
    opts,
  );
  const uid = uidOf(deployment);
  return {deployment, replicaSets: records(list, 'items').filter((rs) => controlledBy(rs, uid))};
}

/** Appends a distinguishing suffix to versions shared by different revisions (the rollback dialog compares versions). */
function distinct(revisions: Revision[], suffix: (r: Revision) => string): Revision[] {
  const counts = new Map<string, number>();
  for (const r of revisions) counts.set(r.version, (counts.get(r.version) ?? 0) + 1);
  return revisions.map((r) => ((counts.get(r.version) ?? 0) > 1 ? {...r, version: `${r.version} ${suffix(r)}`} : r));
}

/** The ReplicaSet revisions of a deployment, newest first; the one matching the deployment's revision is active. */
export function replicaSetRevisions(history: DeploymentHistory, service: string): Revision[] {
  const active = revisionOf(history.deployment);
  const revisions = history.replicaSets
    .filter((rs) => revisionOf(rs) > 0)
    .map((rs): Revision => {
      const a = annotationsOf(rs);
      const cause = a['kubernetes.io/change-cause'];
      const was = a['deployment.kubernetes.io/revision-history'];
      const replicas = num(rs, 'status.replicas');
      const isActive = revisionOf(rs) === active;
      const created = time(rs, 'metadata.creationTimestamp');
      const description = [cause, was ? `earlier revision ${was}` : undefined, `replicaset ${nameOf(rs)}`].filter(Boolean).join(' · ');
      return {
        revision: revisionOf(rs),
        version: templateVersion(at(rs, 'spec.template'), service),
        ...(created !== undefined ? {createdAt: created} : {}),
        status: isActive ? 'active' : replicas > 0 ? `superseded (${replicas} pods left)` : 'superseded',
        active: isActive,
        description: sanitizeLine(description),
      };
    })
    .sort((a, b) => b.revision - a.revision);
  return distinct(
    revisions,
    (r) => `[${(labelsOf(history.replicaSets.find((rs) => revisionOf(rs) === r.revision))['pod-template-hash'] ?? String(r.revision)).slice(0, 10)}]`,
  );
}

/** The fields of Helm's release record the cockpit reads. */
export interface HelmReleaseRecord {
  readonly name: string;
  readonly version: number;
  readonly status: string;
  readonly description: string;
  readonly chart: string;
  readonly chartVersion: string;
  readonly appVersion: string;
  readonly deployedAt?: number;
}

const MAX_RELEASE_BYTES = 64 * 1024 * 1024;

/** Decodes a release secret's `data.release`: base64 (Secret) of Helm's base64(gzip(JSON)). */
export function decodeHelmRelease(dataRelease: string): HelmReleaseRecord {
  let bytes = Buffer.from(dataRelease, 'base64');
  const gzip = (b: Buffer) => b[0] === 0x1f && b[1] === 0x8b;
  if (!gzip(bytes) && bytes[0] !== 0x7b) bytes = Buffer.from(bytes.toString('latin1'), 'base64');
  const json = gzip(bytes) ? gunzipSync(bytes, {maxOutputLength: MAX_RELEASE_BYTES}) : bytes;
  const rel: unknown = JSON.parse(json.toString('utf8'));
  if (!isRecord(rel)) throw new Error('not a Helm release record');
  const deployedAt = time(rel, 'info.last_deployed');
  return {
    name: sanitizeLine(str(rel, 'name')),
    version: num(rel, 'version'),
    status: sanitizeLine(str(rel, 'info.status', 'unknown')),
    description: sanitizeLine(str(rel, 'info.description')).slice(0, 200),
    chart: sanitizeLine(str(rel, 'chart.metadata.name')),
    chartVersion: sanitizeLine(str(rel, 'chart.metadata.version')),
    appVersion: sanitizeLine(str(rel, 'chart.metadata.appVersion')),
    ...(deployedAt !== undefined ? {deployedAt} : {}),
  };
}

/** Helm release history from its secrets (`sh.helm.release.v1.NAME.vN`), newest first; the deployed one is active. */
export async function helmRevisions(client: RegionClient, helm: HelmConfig, opts: CallOptions): Promise<Revision[]> {
  const list = await client.raw(
    `helm release secrets -n ${helm.namespace}`,
    (o) => client.core.listNamespacedSecret({namespace: helm.namespace, labelSelector: `owner=helm,name=${helm.release}`}, o),
    opts,
  );
  const releases = records(list, 'items')
    .filter((s) => str(s, 'type') === 'helm.sh/release.v1')
    .flatMap((s): HelmReleaseRecord[] => {
      try {
        return [decodeHelmRelease(str(s, 'data.release'))];
      } catch {
        // an undecodable record is skipped rather than breaking the history
        return [];
      }
    });
  const deployed = Math.max(0, ...releases.filter((r) => r.status === 'deployed').map((r) => r.version));
  const revisions = releases
    .filter((r) => r.version > 0)
    .map((r): Revision => ({
      revision: r.version,
      version: `${r.chart}-${r.chartVersion}${r.appVersion && r.appVersion !== r.chartVersion ? ` (app ${r.appVersion})` : ''}`,
      ...(r.deployedAt !== undefined ? {createdAt: r.deployedAt} : {}),
      status: r.status,
      active: r.version === deployed,
      description: r.description,
    }))
    .sort((a, b) => b.revision - a.revision);
  return distinct(revisions, (r) => `#${r.revision}`);
}

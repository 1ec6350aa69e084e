// Freeze / unfreeze: Flux objects and CronJobs suspended by merge patch, the freeze recorded on the objects
// (seen by any cockpit), and unfreeze restoring exactly what the freeze changed.
import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import {FREEZE_ANNOTATIONS} from '../../../src/data/kubernetes/freeze.js';
import type {Progress, RunControl} from '../../../src/data/sources/types.js';
import type {KubeObject} from '../../doubles/kube-api/index.js';
import {haveKubectl, KUBECTL_MISSING} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const signal = () => AbortSignal.timeout(10_000);
const run = (): RunControl & {steps: string[]} => {
  const steps: string[] = [];
  return {signal: new AbortController().signal, progress: (p: Progress) => p.kind === 'step' && steps.push(p.message), steps};
};
const request = {by: 'alice@jumpbox', reason: 'SEV-1 INC-4711: bad deploy', incident: 'INC-4711'};
/** The object without what the API server maintains (resourceVersion, generation, status). */
const comparable = (o: KubeObject | undefined) => {
  const copy = structuredClone(o) as KubeObject;
  delete copy.metadata.resourceVersion;
  delete copy.metadata.generation;
  delete copy['status'];
  return copy;
};

/** Merge-patches an object on the double directly, as another client would (no kubectl needed). */
async function mergePatch(cluster: Cluster, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${cluster.double.url}${path}`, {
    method: 'PATCH',
    headers: {'content-type': 'application/merge-patch+json'},
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

// The cockpit's own freeze code against the double: runs with or without kubectl.
describe('freeze through the API', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  let other: KubernetesSource;
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion'], revisions: 2});
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion']});
    other = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion']});
  });
  afterAll(async () => {
    await source?.close?.();
    await other?.close?.();
    await cluster?.close();
  });
  const get = (resource: string, ns: string, name: string) => cluster.double.get(resource, ns, name);

  test('kinds, descriptions and the equivalent commands', () => {
    const cap = source.capabilities.freeze!;
    expect(cap.kinds).toEqual(['deployments', 'integrity']); // writes has no configured objects: left out
    expect(cap.describe('deployments')).toMatch(/^suspends Kustomization flux-system\/atp, HelmRelease atp-system\/atp in atp-double;/);
    const suspend = (job: string) =>
      `kubectl --kubeconfig ${cluster.kubeconfig} -n atp-system patch cronjob ${job} --type merge -p '{"spec":{"suspend":true}}'`;
    expect(cap.command('integrity', true)).toBe(`${suspend('atp-purge')} && ${suspend('atp-export')}`);
  });

  test('deployments: suspends the Flux Kustomization and HelmRelease by merge patch; another cockpit sees who and why; unfreeze round-trips', async () => {
    const before = {ks: get('kustomizations', 'flux-system', 'atp'), hr: get('helmreleases', 'atp-system', 'atp')};
    const from = cluster.double.requests.length;
    const outcome = await source.capabilities.freeze!.freeze('deployments', request, run());
    expect(outcome.objects).toEqual(['kustomization/atp -n flux-system', 'helmrelease/atp -n atp-system']);
    const writes = cluster.double.requests.slice(from).filter((q) => q.method !== 'GET');
    // each object held gets an Event saying who froze it and why (team-visible changes, issue 16)
    expect(writes.map((q) => [q.method, q.path, q.contentType])).toEqual([
      ['PATCH', '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/atp', 'application/merge-patch+json'],
      ['POST', '/api/v1/namespaces/flux-system/events', 'application/json'],
      ['PATCH', '/apis/helm.toolkit.fluxcd.io/v2/namespaces/atp-system/helmreleases/atp', 'application/merge-patch+json'],
      ['POST', '/api/v1/namespaces/atp-system/events', 'application/json'],
    ]);
    expect(writes[1]?.body).toMatchObject({
      reason: 'AtpCockpitFreeze',
      involvedObject: {kind: 'Kustomization', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', namespace: 'flux-system', name: 'atp'},
      message:
        'alice@jumpbox via atp-cockpit: freeze deployments: suspend kustomization/atp -n flux-system; ' +
        'reason: SEV-1 INC-4711: bad deploy; incident INC-4711',
      metadata: {annotations: {'atp-cockpit/by': 'alice', 'atp-cockpit/host': 'jumpbox', 'atp-cockpit/action': 'freeze'}},
    });
    expect(writes[0]?.body).toMatchObject({
      spec: {suspend: true},
      metadata: {
        resourceVersion: before.ks?.metadata.resourceVersion,
        annotations: {[FREEZE_ANNOTATIONS.by]: 'alice@jumpbox', [FREEZE_ANNOTATIONS.changed]: 'true'},
      },
    });
    const ks = get('kustomizations', 'flux-system', 'atp');
    expect(ks?.['spec']).toMatchObject({suspend: true});
    expect(ks?.metadata.annotations).toMatchObject({
      [FREEZE_ANNOTATIONS.kind]: 'deployments',
      [FREEZE_ANNOTATIONS.reason]: request.reason,
      [FREEZE_ANNOTATIONS.incident]: 'INC-4711',
    });

    const seen = await other.capabilities.freeze!.list(signal());
    expect(seen).toEqual([
      {kind: 'deployments', by: 'alice@jumpbox', at: expect.any(Number), reason: request.reason, incident: 'INC-4711', objects: outcome.objects},
    ]);
    expect(Date.now() - seen[0]!.at).toBeLessThan(60_000);

    const undone = await other.capabilities.freeze!.unfreeze('deployments', request, run());
    expect(undone.objects).toEqual(outcome.objects);
    expect(comparable(get('kustomizations', 'flux-system', 'atp'))).toEqual({
      ...comparable(before.ks),
      spec: {...(before.ks?.['spec'] as object), suspend: false},
    });
    expect(comparable(get('helmreleases', 'atp-system', 'atp'))).toEqual({
      ...comparable(before.hr),
      spec: {...(before.hr?.['spec'] as object), suspend: false},
    });
    expect(await source.capabilities.freeze!.list(signal())).toEqual([]);
  });

  test('integrity: a CronJob already suspended before the freeze stays suspended after unfreeze', async () => {
    await mergePatch(cluster, '/apis/batch/v1/namespaces/atp-system/cronjobs/atp-export', {spec: {suspend: true}});
    const before = {purge: get('cronjobs', 'atp-system', 'atp-purge'), export: get('cronjobs', 'atp-system', 'atp-export')};
    const freezing = run();
    const outcome = await source.capabilities.freeze!.freeze('integrity', {by: 'bob@jumpbox', reason: 'tamper investigation'}, freezing);
    expect(outcome.objects).toEqual(['cronjob/atp-purge -n atp-system']);
    expect(freezing.steps).toContain('recording the freeze on (already suspended) cronjob/atp-export -n atp-system');
    expect(get('cronjobs', 'atp-system', 'atp-purge')?.['spec']).toMatchObject({suspend: true});
    expect(get('cronjobs', 'atp-system', 'atp-export')?.metadata.annotations).toMatchObject({[FREEZE_ANNOTATIONS.changed]: 'false'});
    const [frozen] = await source.capabilities.freeze!.list(signal());
    expect(frozen).toMatchObject({kind: 'integrity', by: 'bob@jumpbox', reason: 'tamper investigation', objects: ['cronjob/atp-purge -n atp-system']});

    const unfreezing = run();
    expect((await source.capabilities.freeze!.unfreeze('integrity', request, unfreezing)).objects).toEqual(['cronjob/atp-purge -n atp-system']);
    expect(unfreezing.steps.at(-1)).toMatch(/left untouched .*cronjob\/atp-export -n atp-system/);
    expect(comparable(get('cronjobs', 'atp-system', 'atp-purge'))).toEqual(comparable(before.purge));
    expect(comparable(get('cronjobs', 'atp-system', 'atp-export'))).toEqual(comparable(before.export));
    expect(get('cronjobs', 'atp-system', 'atp-export')?.['spec']).toMatchObject({suspend: true});
  });

  test('a missing object anywhere means nothing is changed', async () => {
    const broken = await makeSource({
      kubeconfig: cluster.kubeconfig,
      services: ['ingestion'],
      freeze: {
        integrity: [
          {kind: 'CronJob', namespace: 'atp-system', name: 'atp-purge'},
          {kind: 'CronJob', namespace: 'atp-system', name: 'atp-gone'},
        ],
      },
    });
    const writes = mutating(cluster.double).length;
    await expect(broken.capabilities.freeze!.freeze('integrity', request, run())).rejects.toThrow(
      /cannot freeze integrity: not found: cronjob\/atp-gone -n atp-system .*nothing was changed/,
    );
    expect(mutating(cluster.double)).toHaveLength(writes);
    await broken.close?.();
  });

  test('writes: a ConfigMap flag is set and restored to its previous value', async () => {
    await fetch(`${cluster.double.url}/api/v1/namespaces/atp-ingest-ns/configmaps`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({metadata: {name: 'atp-maintenance'}, data: {writes: 'open', other: 'x'}}),
    });
    const withWrites = await makeSource({
      kubeconfig: cluster.kubeconfig,
      services: ['ingestion'],
      freeze: {writes: [{kind: 'ConfigMap', namespace: 'atp-ingest-ns', name: 'atp-maintenance', key: 'writes', value: 'frozen'}]},
    });
    const cap = withWrites.capabilities.freeze!;
    expect(cap.kinds).toContain('writes');
    expect((await cap.freeze('writes', request, run())).objects).toEqual(['configmap/atp-maintenance -n atp-ingest-ns']);
    expect(get('configmaps', 'atp-ingest-ns', 'atp-maintenance')?.['data']).toEqual({other: 'x', writes: 'frozen'});
    await cap.unfreeze('writes', request, run());
    const after = get('configmaps', 'atp-ingest-ns', 'atp-maintenance');
    expect(after?.['data']).toEqual({other: 'x', writes: 'open'});
    expect(Object.keys(after?.metadata.annotations ?? {})).toEqual([]);
    await withWrites.close?.();
  });
});

// kubectl as the oracle: what the cockpit's freeze leaves behind reads as suspended to kubectl (and so to Flux).
describe('freeze as kubectl sees it', () => {
  const have = haveKubectl();
  let cluster: Cluster;
  let source: KubernetesSource;
  beforeEach((ctx) => ctx.skip(!have, KUBECTL_MISSING));
  beforeAll(async () => {
    if (!have) return;
    cluster = await startCluster({services: ['ingestion'], revisions: 2});
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion']});
  });
  afterAll(async () => {
    await source?.close?.();
    await cluster?.close();
  });

  test('a frozen Kustomization and CronJob read as suspended; unfrozen, as before', async () => {
    await source.capabilities.freeze!.freeze('deployments', request, run());
    const ks = await cluster.kubectl(['get', 'kustomization', 'atp', '-n', 'flux-system', '-o', 'jsonpath={.spec.suspend}']);
    expect(ks.stdout).toBe('true');
    await source.capabilities.freeze!.freeze('integrity', request, run());
    expect((await cluster.kubectl(['get', 'cronjobs', '-n', 'atp-system'])).stdout).toMatch(/atp-purge\s+0 3 \* \* \*\s+<none>\s+True\s+/);
    await source.capabilities.freeze!.unfreeze('integrity', request, run());
    await source.capabilities.freeze!.unfreeze('deployments', request, run());
    // kubectl get events shows who froze and unfroze, and why
    const events = await cluster.kubectl(['get', 'events', '-n', 'atp-system', '--field-selector', 'involvedObject.name=atp-purge', '-o', 'wide']);
    const row = (reason: string, text: string) =>
      new RegExp(`Normal\\s+${reason}\\s+cronjob/atp-purge\\s+atp-cockpit, jumpbox\\s+alice@jumpbox via atp-cockpit: ${text}`);
    expect(events.stdout).toMatch(row('AtpCockpitFreeze', 'freeze integrity: suspend cronjob/atp-purge -n atp-system; reason: SEV-1'));
    expect(events.stdout).toMatch(row('AtpCockpitUnfreeze', 'unfreeze integrity: resume cronjob/atp-purge -n atp-system'));
    expect((await cluster.kubectl(['get', 'kustomization', 'atp', '-n', 'flux-system', '-o', 'jsonpath={.spec.suspend}'])).stdout).toBe('false');
    expect((await cluster.kubectl(['get', 'cronjobs', '-n', 'atp-system'])).stdout).toMatch(/atp-purge\s+0 3 \* \* \*\s+<none>\s+False\s+/);
  });
});

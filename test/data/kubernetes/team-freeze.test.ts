// Colleagues' freezes in the team reading (issue 16, "Actions the whole team can see"): a freeze leaves its Events on
// the freeze objects (Flux objects, CronJobs, a ConfigMap), in namespaces the health pane does not watch. `recent`
// lists those namespaces' cockpit Events on each team reading (a field selector, a timeout, nothing written), keeps
// only the freeze objects, and says which freeze each belongs to; real kubectl shows the same Events.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import type {Progress, RunControl, TeamAction} from '../../../src/data/sources/types.js';
import {haveKubectl} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const signal = () => AbortSignal.timeout(10_000);
const run = (): RunControl => ({signal: new AbortController().signal, progress: (_p: Progress) => undefined});
const bob = {by: 'bob@jump-3', reason: 'tamper alert on segment 7', incident: 'INC-9'};
const freezes = (list: readonly TeamAction[]) => list.filter((a) => a.action === 'freeze' || a.action === 'unfreeze');

/** Posts an Event on the double as another client would (a controller, another tool). */
async function postEvent(cluster: Cluster, ns: string, event: object): Promise<void> {
  const response = await fetch(`${cluster.double.url}/api/v1/namespaces/${ns}/events`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(event),
  });
  expect(response.status).toBe(201);
}

describe("colleagues' freezes read back from Events", () => {
  let cluster: Cluster;
  let colleague: KubernetesSource;
  let reader: KubernetesSource;
  const maintenance = {kind: 'ConfigMap' as const, namespace: 'atp-ingest-ns', name: 'atp-maintenance', key: 'writes', value: 'frozen'};
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion'], revisions: 2});
    await fetch(`${cluster.double.url}/api/v1/namespaces/atp-ingest-ns/configmaps`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({metadata: {name: 'atp-maintenance'}, data: {writes: 'open'}}),
    });
    const settings = {kubeconfig: cluster.kubeconfig, services: ['ingestion'], freeze: {writes: [maintenance]}};
    colleague = await makeSource(settings);
    // The reader is read-only: reading the team's changes writes nothing.
    reader = await makeSource(settings, {readOnly: true});
  });
  afterAll(async () => {
    await colleague?.close?.();
    await reader?.close?.();
    await cluster?.close();
  });

  test('a freeze and an unfreeze by a colleague are listed with who, from where, why and the freeze kind; kubectl shows the same Events', async () => {
    await colleague.capabilities.freeze!.freeze('integrity', bob, run());
    const region = reader.regions[0]!.region;
    const from = cluster.double.requests.length;
    const list = freezes(await reader.capabilities.teamActions!.recent(signal()));
    const read = cluster.double.requests.slice(from);
    expect(list.map((a) => [a.action, a.freeze, a.object])).toEqual(
      expect.arrayContaining([
        ['freeze', 'integrity', 'cronjob/atp-purge -n atp-system'],
        ['freeze', 'integrity', 'cronjob/atp-export -n atp-system'],
      ]),
    );
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({by: 'bob', host: 'jump-3', region, reason: bob.reason, incident: 'INC-9'});
    expect(list[0]?.service).toBeUndefined();
    expect(list[0]?.message).toMatch(/^bob@jump-3 via atp-cockpit: freeze integrity: suspend cronjob\/atp-(purge|export) -n atp-system; reason: tamper alert/);
    // One list per freeze namespace the health pane does not watch, for the cockpit's Events only; no write.
    expect(read.filter((q) => q.path.endsWith('/events')).map((q) => `${q.method} ${q.path} ${q.query['fieldSelector']}`)).toEqual([
      'GET /api/v1/namespaces/atp-system/events reportingComponent=atp-cockpit',
      'GET /api/v1/namespaces/flux-system/events reportingComponent=atp-cockpit',
    ]);
    expect(read.filter((q) => q.method !== 'GET')).toEqual([]);
    if (haveKubectl()) {
      const events = await cluster.kubectl(['get', 'events', '-n', 'atp-system', '--field-selector', 'involvedObject.name=atp-purge']);
      expect(events.stdout).toMatch(
        /AtpCockpitFreeze\s+cronjob\/atp-purge\s+bob@jump-3 via atp-cockpit: freeze integrity: suspend cronjob\/atp-purge -n atp-system/,
      );
    }

    await colleague.capabilities.freeze!.unfreeze('integrity', {...bob, reason: 'false positive'}, run());
    const after = freezes(await reader.capabilities.teamActions!.recent(signal()));
    expect(after.filter((a) => a.action === 'unfreeze').map((a) => [a.freeze, a.object, a.reason])).toEqual(
      expect.arrayContaining([
        ['integrity', 'cronjob/atp-purge -n atp-system', 'false positive'],
        ['integrity', 'cronjob/atp-export -n atp-system', 'false positive'],
      ]),
    );
  });

  test('a freeze object in a watched namespace comes from the Event cache, once, with its freeze kind', async () => {
    await colleague.capabilities.freeze!.freeze('writes', bob, run());
    const found = async () => freezes(await reader.capabilities.teamActions!.recent(signal())).filter((a) => a.freeze === 'writes');
    let list = await found();
    // The watch delivers the Event shortly after it is written.
    for (let i = 0; i < 50 && list.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await found();
    }
    expect(list.map((a) => [a.action, a.object, a.by, a.host])).toEqual([['freeze', 'configmap/atp-maintenance -n atp-ingest-ns', 'bob', 'jump-3']]);
    await colleague.capabilities.freeze!.unfreeze('writes', bob, run());
  });

  test("other components' Events on the freeze objects and the cockpit's Events on other objects are left out", async () => {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const base = {type: 'Normal', firstTimestamp: at, lastTimestamp: at, count: 1, message: 'x'};
    await postEvent(cluster, 'flux-system', {
      ...base,
      metadata: {name: 'atp.flux1'},
      involvedObject: {kind: 'Kustomization', namespace: 'flux-system', name: 'atp', apiVersion: 'kustomize.toolkit.fluxcd.io/v1'},
      reason: 'ReconciliationSucceeded',
      source: {component: 'kustomize-controller'},
      reportingComponent: 'kustomize-controller',
    });
    await postEvent(cluster, 'atp-system', {
      ...base,
      metadata: {name: 'other.cockpit1', annotations: {'atp-cockpit/action': 'freeze', 'atp-cockpit/by': 'eve', 'atp-cockpit/host': 'x'}},
      involvedObject: {kind: 'CronJob', namespace: 'atp-system', name: 'not-a-freeze-target', apiVersion: 'batch/v1'},
      reason: 'AtpCockpitFreeze',
      source: {component: 'atp-cockpit'},
      reportingComponent: 'atp-cockpit',
    });
    const list = await reader.capabilities.teamActions!.recent(signal());
    expect(list.filter((a) => a.message === 'x' || a.by === 'eve' || a.object.includes('not-a-freeze-target'))).toEqual([]);
    expect(freezes(list).every((a) => a.freeze !== undefined && a.by === 'bob')).toBe(true);
    expect(mutating(cluster.double).filter((q) => q.path.includes('/events') && q.method !== 'POST')).toEqual([]);
  });

  test("a refused or slow list of a freeze namespace keeps what was last seen there; the services' changes are still read", async () => {
    await colleague.capabilities.freeze!.freeze('deployments', {...bob, reason: 'release window'}, run());
    const deployments = (list: readonly TeamAction[]) => list.filter((a) => a.freeze === 'deployments' && a.action === 'freeze');
    expect(deployments(await reader.capabilities.teamActions!.recent(signal()))).toHaveLength(2);
    const isFreezeList = (q: {method: string; path: string}) => q.method === 'GET' && /namespaces\/(flux|atp)-system\/events$/.test(q.path);
    // RBAC refuses the lists (403): the last reading's freezes stay.
    cluster.double.faults.failNext(2, {status: 403, match: isFreezeList});
    expect(deployments(await reader.capabilities.teamActions!.recent(signal()))).toHaveLength(2);
    // A list that never answers is bounded by its timeout (the poller's signal here, sooner than LIST_TIMEOUT_MS).
    cluster.double.faults.hangNext(2, {match: isFreezeList});
    const started = Date.now();
    expect(deployments(await reader.capabilities.teamActions!.recent(AbortSignal.timeout(1_000)))).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    cluster.double.faults.releaseHung();
    await colleague.capabilities.freeze!.unfreeze('deployments', bob, run());
  });
});

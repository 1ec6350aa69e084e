// Watches: list once, then watch from the resourceVersion; a broken watch makes reads fail as 'disconnected'
// (pane stale), resumes without losing an update, and never lets a deleted pod show as alive.
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {SourceError} from '../../../src/data/errors.js';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import type {RecordedRequest} from '../../doubles/kube-api/index.js';
import {waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, startCluster, type Cluster} from './helpers.js';

const NS = 'atp-query-ns';
const signal = () => AbortSignal.timeout(10_000);
const isWatch = (q: RecordedRequest) => q.query['watch'] === 'true';
const podsPath = `/api/v1/namespaces/${NS}/pods`;

describe('watch caches', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  beforeEach(async () => {
    cluster = await startCluster({services: ['query', 'search'], helm: false, flux: false, cronjobs: false});
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['query', 'search']});
    // The first lists may still be in flight on a loaded machine: wait for the caches rather than read once.
    await waitFor('the caches to sync', () => source.read('health', signal()), 30_000, 200);
  });
  afterEach(async () => {
    await source.close?.();
    expect(cluster.double.controller.errors).toEqual([]);
    await cluster.close();
  });

  const region = () => source.regions[0]!.region;
  const podNames = async () => (await source.capabilities.detail!.detail({service: 'query', region: region()}, signal())).pods.map((p) => p.name);

  test('reads come from the caches: one list per collection, then only watches', async () => {
    for (let i = 0; i < 20; i++) await source.read('health', signal());
    const lists = cluster.double.requests.filter(
      (q) => q.method === 'GET' && !isWatch(q) && /\/namespaces\/atp-(query|search)-ns\/(pods|deployments|events)$/.test(q.path),
    );
    expect(lists).toHaveLength(6);
    const watches = cluster.double.requests.filter((q) => isWatch(q) && q.path === podsPath);
    expect(watches).toHaveLength(1);
    expect(watches[0]?.query).toMatchObject({allowWatchBookmarks: 'true'});
    expect(Number(watches[0]?.query['resourceVersion'])).toBeGreaterThan(0);
  });

  test('a watch dropped mid-stream recovers without losing an update; a deleted pod never shows as alive', async () => {
    const victim = (await podNames())[0]!;
    // Every reconnect fails until the test lets it through: the changes below happen while disconnected.
    cluster.double.faults.failNext(10_000, {match: isWatch, status: 503});
    expect(cluster.double.faults.dropWatches('abort')).toBeGreaterThan(0);
    const error = await waitFor('reads to fail', async () =>
      source.read('health', signal()).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('disconnected');
    expect((error as SourceError).message).toMatch(/watch of (deployments|pods|events) -n atp-(query|search)-ns broken: .*retrying in \d+s/);

    // Changed directly on the API (as kubectl delete / kubectl scale would), so the test needs no kubectl.
    expect((await fetch(`${cluster.double.url}/api/v1/namespaces/${NS}/pods/${victim}`, {method: 'DELETE'})).status).toBe(200);
    const scale = {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, body: JSON.stringify({spec: {replicas: 4}})};
    expect((await fetch(`${cluster.double.url}/apis/apps/v1/namespaces/${NS}/deployments/query/scale`, scale)).status).toBe(200);
    const deletedAt = Date.now();
    const seen: {at: number; pods: string[]}[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const at = Date.now();
        const pods = await podNames().catch(() => undefined);
        if (pods) seen.push({at, pods});
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]); // still disconnected: nothing is served from the broken cache
    cluster.double.faults.clear();
    const row = await waitFor('the scale-up to arrive', async () => {
      const reading = await source.read('health', signal()).catch(() => undefined);
      const query = reading?.services.find((s) => s.service === 'query');
      return query?.podsDesired === 4 && query.podsReady === 4 ? query : undefined;
    });
    polling = false;
    await poller;
    expect(row.status).toBe('Healthy');
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) if (s.at >= deletedAt) expect(s.pods).not.toContain(victim);
    expect(await podNames()).toHaveLength(4);
    // Resumed from the resourceVersion: still one list of pods, and the later watches carry a resourceVersion.
    const pods = cluster.double.requests.filter((q) => q.path === podsPath && q.method === 'GET');
    expect(pods.filter((q) => !isWatch(q))).toHaveLength(1);
    const watches = pods.filter(isWatch);
    expect(watches.length).toBeGreaterThan(2);
    expect(watches.every((q) => Number(q.query['resourceVersion']) > 0)).toBe(true);
  });

  test('a compacted history (410 Gone) while disconnected makes the cache relist, and it stays correct', async () => {
    const victim = (await podNames())[0]!;
    cluster.double.faults.failNext(10_000, {match: isWatch, status: 503});
    cluster.double.faults.dropWatches('abort');
    await waitFor('reads to fail', async () =>
      source.read('health', signal()).then(
        () => false,
        () => true,
      ),
    );
    await fetch(`${cluster.double.url}${podsPath}/${victim}`, {method: 'DELETE'});
    cluster.double.faults.compact();
    cluster.double.faults.clear();
    await waitFor('the relist', async () => {
      const pods = await podNames().catch(() => undefined);
      return pods && pods.length === 3 && !pods.includes(victim);
    });
    const lists = cluster.double.requests.filter((q) => q.path === podsPath && q.method === 'GET' && !isWatch(q));
    expect(lists).toHaveLength(2);
  });

  test('a clean server-side close is resumed at once and never shown as an outage', async () => {
    const errors: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      cluster.double.faults.dropWatches('end');
      await fetch(`${cluster.double.url}/api/v1/namespaces/${NS}/configmaps`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({metadata: {name: `c${i}`}}),
      });
      await source.read('health', signal()).catch((e: unknown) => errors.push(e));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(errors).toEqual([]);
    await waitFor('watches to be open again', () => cluster.double.watches.openCount >= 6);
  });

  test('an unreachable API server: reads fail with the reason, retries back off, and recover', async () => {
    cluster.double.faults.failNext(10_000, {match: (q) => q.path.includes('/namespaces/atp-search-ns/'), status: 500});
    cluster.double.faults.dropWatches('abort');
    await new Promise((r) => setTimeout(r, 1_000));
    const attempts = cluster.double.requests.filter((q) => q.path === '/api/v1/namespaces/atp-search-ns/pods' && isWatch(q)).map((q) => q.at);
    // backoff between 50 ms and 400 ms (test settings): a handful of attempts per second, not a busy loop
    expect(attempts.length).toBeGreaterThan(2);
    expect(attempts.length).toBeLessThan(15);
    await expect(source.read('health', signal())).rejects.toMatchObject({kind: 'disconnected'});
    cluster.double.faults.clear();
    await waitFor('recovery', async () =>
      source.read('health', signal()).then(
        () => true,
        () => false,
      ),
    );
  });

  // Issue 15. Test context: refresh 1 s, so the pane's stale limit is 3 s (and a watch silent for 1.5 s is restarted).
  const STALE_LIMIT_MS = 3_000;

  test('a watch that goes silent (open, nothing arrives, no FIN) is restarted within the stale limit; the held-back update arrives', async () => {
    expect(cluster.double.faults.silenceWatches()).toBeGreaterThan(0);
    const silencedAt = Date.now();
    // Scaled directly on the API (as kubectl scale would), so the test needs no kubectl.
    const scale = {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, body: JSON.stringify({spec: {replicas: 4}})};
    expect((await fetch(`${cluster.double.url}/apis/apps/v1/namespaces/${NS}/deployments/query/scale`, scale)).status).toBe(200);
    await waitFor('the scale-up to arrive through a restarted watch', async () => {
      const reading = await source.read('health', signal()).catch(() => undefined);
      return reading?.services.find((s) => s.service === 'query')?.podsDesired === 4;
    });
    expect(Date.now() - silencedAt).toBeLessThanOrEqual(STALE_LIMIT_MS);
    const caches = source.regions[0]!.namespace(NS);
    expect(caches.deployments.status().silences).toBeGreaterThanOrEqual(1);
    // Resumed from the resourceVersion, not relisted.
    expect(caches.deployments.status().lists).toBe(1);
  });

  test('a silent watch whose restart hangs too: reads fail (the pane says stale) within the stale limit, then recover', async () => {
    cluster.double.faults.hangNext(10_000, {match: isWatch});
    expect(cluster.double.faults.silenceWatches()).toBeGreaterThan(0);
    const silencedAt = Date.now();
    let failedReadStartedAt = 0;
    const error = await waitFor('reads to fail', async () => {
      const at = Date.now();
      return source.read('health', signal()).then(
        () => undefined,
        (e: unknown) => ((failedReadStartedAt = at), e),
      );
    });
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(/watch of (deployments|pods) -n atp-(query|search)-ns (is reconnecting|broken)/);
    expect(failedReadStartedAt - silencedAt).toBeLessThanOrEqual(STALE_LIMIT_MS);
    cluster.double.faults.clear();
    await waitFor('recovery', async () =>
      source.read('health', signal()).then(
        () => true,
        () => false,
      ),
    );
  });
});

// Restart and scale against the double with the real kubectl as the oracle: the cockpit's write is kubectl's
// (method, path, content type, body modulo the timestamp and our change-cause), and `kubectl rollout history` and
// `kubectl get events` show who did it, why and for which incident.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {goJson} from '../../../src/data/kubernetes/undo.js';
import {checkScale} from '../../../src/data/kubernetes/scale.js';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import type {ChangeNote, Progress, RunControl} from '../../../src/data/sources/types.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const NS = 'atp-ingest-ns';
const signal = () => AbortSignal.timeout(10_000);
const note: ChangeNote = {by: 'alice', host: 'jump-2', reason: 'consumers stuck after broker failover', incident: 'INC-4711'};
const stamp = (s: string | undefined) => (s ?? '').replace(/"kubectl\.kubernetes\.io\/restartedAt":"[^"]+"/, '"kubectl.kubernetes.io/restartedAt":"<time>"');

function recorder(): RunControl & {events: Progress[]} {
  const events: Progress[] = [];
  return {signal: new AbortController().signal, progress: (p) => events.push(p), events};
}

describe('scale bounds and the HPA (pure)', () => {
  const info = {replicas: 3, ready: 3, min: 0, max: 50, hpa: {name: 'ingestion', min: 2, max: 6}};
  test('refuses counts outside 0..max and fractions', () => {
    expect(checkScale(info, 51)).toMatchObject({ok: false, error: 'the replica count must be between 0 and 50'});
    expect(checkScale(info, -1).ok).toBe(false);
    expect(checkScale(info, 2.5)).toMatchObject({ok: false, error: 'the replica count must be a whole number'});
  });
  test('warns when the HPA will override the count', () => {
    expect(checkScale(info, 8).warnings).toEqual(['HPA ingestion keeps 2..6 replicas: it will scale back down to 6']);
    expect(checkScale(info, 1).warnings).toEqual(['HPA ingestion keeps 2..6 replicas: it will scale back up to 2']);
    expect(checkScale(info, 4).warnings[0]).toMatch(/manages the replica count/);
    expect(checkScale(info, 0).warnings[0]).toMatch(/^0 replicas stops every pod of the service; HPA ingestion stops acting/);
    expect(checkScale({...info, hpa: undefined}, 4)).toEqual({ok: true, warnings: []});
  });
});

describe.skipIf(!haveKubectl())('restart and scale against the double, kubectl as the oracle', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion', 'query'], helm: false, flux: false, cronjobs: false}, 30);
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion', 'query'], namespaces: {ingestion: NS}});
    await waitFor('the caches to sync', () => source.read('health', signal()), 30_000, 200);
  });
  afterAll(async () => {
    await source?.close?.();
    expect(cluster.double.controller.errors).toEqual([]);
    await cluster?.close();
  });
  const ref = () => ({service: 'ingestion', region: source.regions[0]!.region});

  test('restart sends the patch `kubectl rollout restart` sends, plus the change-cause, then follows the rollout', async () => {
    const before = cluster.double.requests.length;
    // kubectl 1.32 has no --dry-run for rollout restart: the oracle restarts for real (revision 4), the cockpit next (5).
    expect(await cluster.kubectl(['rollout', 'restart', 'deployment/ingestion', '-n', NS])).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/ingestion restarted\n',
    });
    const oracle = cluster.double.requests.slice(before).find((q) => q.method === 'PATCH');
    expect(oracle).toMatchObject({
      path: `/apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      contentType: 'application/strategic-merge-patch+json',
      query: {fieldManager: 'kubectl-rollout'},
    });
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/ingestion', '-n', NS, '--timeout=20s'])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000)); // restartedAt has second precision: a later second, a new template

    const from = cluster.double.requests.length;
    const outcome = await source.capabilities.restart!.restart(ref(), note, recorder());
    const sent = cluster.double.requests.slice(from).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    expect(sent[0]).toMatchObject({contentType: oracle?.contentType, query: {fieldManager: 'atp-cockpit'}});
    const cause = 'alice@jump-2 via atp-cockpit: restart deployment/ingestion; reason: consumers stuck after broker failover; incident INC-4711';
    expect(stamp(sent[0]?.rawBody)).toBe(`{"metadata":{"annotations":{"kubernetes.io/change-cause":${goJson(cause)}}},${stamp(oracle?.rawBody).slice(1)}`);
    expect(outcome.restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(sent[0]?.rawBody).toContain(`"kubectl.kubernetes.io/restartedAt":"${outcome.restartedAt}"`);
    expect(outcome.status).toMatchObject({done: true, desired: 3, updated: 3, available: 3, message: 'deployment "ingestion" successfully rolled out'});

    const history = await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS]);
    expect(history.stdout).toMatch(new RegExp(`\\n4\\s+<none>\\n5\\s+${cause.replace(/[.()]/g, '\\$&')}\\n`));
    const events = await cluster.kubectl(['get', 'events', '-n', NS, '--field-selector', 'reason=AtpCockpitRestart', '-o', 'wide']);
    const event = [
      String.raw`Normal\s+AtpCockpitRestart\s+deployment/ingestion\s+atp-cockpit, jump-2\s+`,
      String.raw`alice@jump-2 via atp-cockpit: restart deployment/ingestion \(kubectl.kubernetes.io/restartedAt=`,
    ];
    expect(events.stdout).toMatch(new RegExp(event.join('')));
    expect(events.stdout).toContain('reason: consumers stuck after broker failover; incident INC-4711');
  });

  test("a paused deployment is refused with kubectl's words, nothing written", async () => {
    expect((await cluster.kubectl(['rollout', 'pause', 'deployment/query', '-n', 'atp-query-ns'])).code).toBe(0);
    const oracle = await cluster.kubectl(['rollout', 'restart', 'deployment/query', '-n', 'atp-query-ns']);
    expect(oracle.stderr).toContain("can't restart paused deployment (run rollout resume first)");
    await waitFor('paused in the cache', async () => (await source.read('health', signal())).services.find((s) => s.service === 'query')?.paused);
    const before = mutating(cluster.double).length;
    await expect(source.capabilities.restart!.restart({service: 'query', region: ref().region}, note, recorder())).rejects.toThrow(
      "can't restart paused deployment (run rollout resume first)",
    );
    expect(mutating(cluster.double)).toHaveLength(before);
    expect((await cluster.kubectl(['rollout', 'resume', 'deployment/query', '-n', 'atp-query-ns'])).code).toBe(0);
  });

  test('scale reads the HPA, then sends exactly what `kubectl scale` sends, and records who and why', async () => {
    const manifest = join(cluster.dir, 'hpa.yaml');
    writeFileSync(
      manifest,
      [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata: {name: ingestion, namespace: atp-ingest-ns}',
        'spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ingestion}, minReplicas: 2, maxReplicas: 6}',
        '',
      ].join('\n'),
    );
    expect((await cluster.kubectl(['apply', '-f', manifest])).code).toBe(0);
    const scale = source.capabilities.scale!;
    const info = await scale.info(ref(), signal());
    expect(info).toMatchObject({replicas: 3, min: 0, max: 50, hpa: {name: 'ingestion', min: 2, max: 6}});
    expect(scale.check(info, 8).warnings).toEqual(['HPA ingestion keeps 2..6 replicas: it will scale back down to 6']);

    const before = cluster.double.requests.length;
    expect(await cluster.kubectl(['scale', 'deployment/ingestion', '-n', NS, '--replicas=4', '--dry-run=server'])).toMatchObject({code: 0});
    const oracle = cluster.double.requests.slice(before).find((q) => q.method !== 'GET');
    expect(oracle).toMatchObject({method: 'PATCH', path: `/apis/apps/v1/namespaces/${NS}/deployments/ingestion/scale`, query: {dryRun: 'All'}});

    const from = cluster.double.requests.length;
    const outcome = await scale.scale(ref(), 4, note, recorder());
    const sent = cluster.double.requests.slice(from).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion/scale`,
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    expect(sent[0]).toMatchObject({contentType: oracle?.contentType, rawBody: oracle?.rawBody, query: {}});
    expect(sent[1]?.contentType).toBe('application/merge-patch+json');
    expect(outcome).toMatchObject({from: 3, to: 4, status: {done: true, desired: 4, available: 4}});
    expect(outcome.warnings[0]).toMatch(/HPA ingestion \(2\.\.6\) manages the replica count/);
    expect((await cluster.kubectl(['get', 'deployment/ingestion', '-n', NS, '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('4');
    const history = await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS]);
    expect(history.stdout).toContain(
      'alice@jump-2 via atp-cockpit: scale deployment/ingestion from 3 to 4; reason: consumers stuck after broker failover; incident INC-4711',
    );
    expect((await cluster.kubectl(['get', 'events', '-n', NS, '--field-selector', 'reason=AtpCockpitScale'])).stdout).toMatch(
      /AtpCockpitScale\s+deployment\/ingestion\s+alice@jump-2 via atp-cockpit: scale/,
    );
    await expect(scale.scale(ref(), 51, note, recorder())).rejects.toThrow('the replica count must be between 0 and 50');
  });

  test('the team sees both changes, newest first, with who and from where', async () => {
    const recent = await waitFor('two team actions', async () => {
      const r = await source.capabilities.teamActions!.recent(signal());
      return r.length >= 2 ? r : undefined;
    });
    // `service` ties the Event back to the configured service, so a plan for ingestion@REGION finds it
    expect(recent.map((a) => [a.action, a.by, a.host, a.object, a.service, a.incident, a.reason])).toEqual([
      ['scale', 'alice', 'jump-2', `deployment/ingestion -n ${NS}`, 'ingestion', 'INC-4711', note.reason],
      ['restart', 'alice', 'jump-2', `deployment/ingestion -n ${NS}`, 'ingestion', 'INC-4711', note.reason],
    ]);
    expect(recent[0]!.at).toBeGreaterThanOrEqual(recent[1]!.at);
  });
});

describe.skipIf(!haveKubectl())('read-only: restart, scale and their Events are refused before any request', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion'], helm: false, flux: false, cronjobs: false}, 30);
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion'], namespaces: {ingestion: NS}}, {readOnly: true});
    await waitFor('the caches to sync', () => source.read('health', signal()), 30_000, 200);
  });
  afterAll(async () => {
    await source?.close?.();
    await cluster?.close();
  });

  test('nothing mutating reaches the API server; the guard refuses an Event write', async () => {
    const r = {service: 'ingestion', region: source.regions[0]!.region};
    await expect(source.capabilities.restart!.restart(r, note, recorder())).rejects.toThrow(/read-only: restart of ingestion/);
    await expect(source.capabilities.scale!.scale(r, 4, note, recorder())).rejects.toThrow(/read-only: scale of ingestion/);
    const {recordChange, changeEvent} = await import('../../../src/data/kubernetes/change.js');
    const deployment = cluster.double.get('deployments', NS, 'ingestion')!;
    await expect(recordChange(source.regions[0]!.client, changeEvent('restart', deployment, 'x', note, new Date()), recorder())).rejects.toThrow(/read-only/);
    expect(source.guard.refused).toEqual([`POST /api/v1/namespaces/${NS}/events`]);
    expect(mutating(cluster.double)).toEqual([]);
    // reading the scale form is not a change
    expect((await source.capabilities.scale!.info(r, signal())).replicas).toBe(3);
  });
});

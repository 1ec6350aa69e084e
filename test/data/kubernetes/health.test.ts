// The health pane from the cluster: ready/desired, restarts, the runbook's problem states with their reasons,
// regions side by side, pods and events in the detail, and hostile or broken cluster data.
import {rmSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {heldSince} from '../../../src/data/alerts/catalog.js';
import {serviceHealth} from '../../../src/data/kubernetes/health.js';
import {podInfo, podProblem} from '../../../src/data/kubernetes/problems.js';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import {waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, startCluster, writeMultiKubeconfig, type Cluster} from './helpers.js';

const signal = () => AbortSignal.timeout(10_000);

describe('problem states against the double', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  const services = ['gateway', 'export', 'policy', 'integrity', 'query'];
  beforeAll(async () => {
    cluster = await startCluster({
      services,
      helm: false,
      flux: false,
      cronjobs: false,
      problems: {gateway: {type: 'CrashLoopBackOff'}, export: {type: 'ImagePullBackOff'}, policy: {type: 'Pending'}, integrity: {type: 'NotReady'}},
    });
    source = await makeSource({kubeconfig: cluster.kubeconfig, services}, {regions: ['us-east']});
  });
  afterAll(async () => {
    await source?.close?.();
    await cluster?.close();
  });

  test('each stuck rollout shows its problem and reason next to the healthy previous pods', async () => {
    const rows = await waitFor('the readiness probe event', async () => {
      const r = await source.read('health', signal());
      return r.services.find((s) => s.service === 'integrity')?.problems?.[0]?.reason.startsWith('Readiness probe failed') ? r.services : undefined;
    });
    const row = (s: string) => rows.find((r) => r.service === s)!;
    expect(rows.map((r) => `${r.service}@${r.region}`)).toEqual(services.map((s) => `${s}@us-east`));
    for (const s of ['gateway', 'export', 'policy', 'integrity'])
      expect(row(s)).toMatchObject({status: 'Degraded', podsReady: 3, podsDesired: 3, version: '1.2.5', revision: 3, namespace: `atp-${s}-ns`, deployment: s});
    expect(row('gateway').problems?.[0]).toMatchObject({
      state: 'CrashLoopBackOff',
      reason: expect.stringMatching(/^container gateway exited 1 \(Error\); \d+ restarts?/),
    });
    expect(row('gateway').restarts).toBeGreaterThan(0);
    expect(row('export').problems?.[0]).toMatchObject({
      state: 'ImagePullBackOff',
      reason: expect.stringMatching(/^Failed to pull image "atpacr\.azurecr\.io\/atp\/export:1\.2\.5": .*not found$/),
    });
    expect(row('policy').problems?.[0]).toMatchObject({state: 'Pending', reason: expect.stringMatching(/^0\/5 nodes are available: 3 Insufficient cpu/)});
    expect(row('integrity').problems?.[0]).toMatchObject({state: 'NotReady', reason: 'Readiness probe failed: HTTP probe failed with statuscode: 503'});
    expect(row('query')).toMatchObject({status: 'Healthy', problems: [], restarts: 0});
    expect(row('query').statusReason).toBeUndefined();
  });

  test('the detail lists the pods and recent events', async () => {
    const detail = await source.capabilities.detail!.detail({service: 'gateway', region: 'us-east'}, signal());
    expect(detail.pods).toHaveLength(4);
    expect(detail.pods.filter((p) => p.ready && p.phase === 'Running' && p.image?.endsWith(':1.2.4'))).toHaveLength(3);
    expect(detail.pods.find((p) => !p.ready)).toMatchObject({phase: 'CrashLoopBackOff', problem: {state: 'CrashLoopBackOff'}});
    expect(detail.events.some((e) => e.type === 'Warning' && e.reason === 'BackOff' && e.object.startsWith('pod/gateway-'))).toBe(true);
    expect(detail.events.some((e) => e.reason === 'ScalingReplicaSet' && e.object === 'deployment/gateway')).toBe(true);
    const times = detail.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test('ServiceDown: 0 of 3 ready, and the ready history says since when', async () => {
    const start = Date.now();
    cluster.double.problems.add({namespace: 'atp-query-ns', problem: {type: 'NotReady'}});
    const row = await waitFor('0 ready', async () => (await source.read('health', signal())).services.find((s) => s.service === 'query' && s.podsReady === 0));
    expect(row).toMatchObject({status: 'Unhealthy', podsDesired: 3});
    expect(row.statusReason).toMatch(/^0\/3 pods ready/);
    const since = heldSince(row.readySeries, (v) => v === 0);
    expect(since).toBeGreaterThanOrEqual(start);
    expect(row.readySeries?.some((s) => s.v === 3)).toBe(true);
  });
});

describe('regions side by side', () => {
  let east: Cluster;
  let west: Cluster;
  let source: KubernetesSource;
  let kubeconfig: string;
  beforeAll(async () => {
    [east, west] = await Promise.all([
      startCluster({services: ['gateway', 'query'], helm: false, flux: false, cronjobs: false}),
      startCluster({services: ['gateway', 'query'], revisions: 2, helm: false, flux: false, cronjobs: false}),
    ]);
    kubeconfig = writeMultiKubeconfig(east.dir, [
      {name: 'aks-useast-prod', url: east.double.url},
      {name: 'aks-euwest-prod', url: west.double.url},
    ]);
    source = await makeSource({kubeconfig, services: ['gateway', 'query'], kubeContexts: {'us-east': 'aks-useast-prod', 'eu-west': 'aks-euwest-prod'}});
  });
  afterAll(async () => {
    await source?.close?.();
    await Promise.all([east?.close(), west?.close()]);
    rmSync(kubeconfig, {force: true});
  });

  test('one row per service × region, each from its own cluster', async () => {
    const rows = (await source.read('health', signal())).services;
    expect(rows.map((r) => `${r.service}@${r.region} ${r.version} r${r.revision}`)).toEqual([
      'gateway@us-east 1.2.5 r3',
      'gateway@eu-west 1.2.4 r2',
      'query@us-east 1.2.5 r3',
      'query@eu-west 1.2.4 r2',
    ]);
    expect(source.description).toBe(`Kubernetes us-east=aks-useast-prod, eu-west=aks-euwest-prod · 2 services (kubeconfig: ${kubeconfig})`);
    expect(source.capabilities.rollback!.command({service: 'query', region: 'eu-west'}, 1)).toBe(
      `kubectl rollout undo deployment/query -n atp-query-ns --to-revision=1 --context aks-euwest-prod --kubeconfig ${kubeconfig}`,
    );
  });

  test('a broken region makes the pane stale (read fails as disconnected, naming the region)', async () => {
    west.double.faults.failNext(10_000, {match: (q) => q.query['watch'] === 'true', status: 503});
    west.double.faults.dropWatches('abort');
    await waitFor('disconnected', async () =>
      source.read('health', signal()).then(
        () => false,
        (e: {kind?: string; message?: string}) => e.kind === 'disconnected' && /^eu-west: watch of/.test(e.message ?? ''),
      ),
    );
    west.double.faults.clear();
    await waitFor('recovered', async () =>
      source.read('health', signal()).then(
        () => true,
        () => false,
      ),
    );
  });
});

describe('hostile and broken cluster data', () => {
  const now = Date.UTC(2026, 0, 1);
  const evil = '\u001b]0;pwned\u0007\u001b[2J\u202eevil';
  test('every string is stripped of control sequences', () => {
    const pod = {
      metadata: {name: `p${evil}`},
      spec: {containers: [{name: 'c', image: `img${evil}`}]},
      status: {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: `no nodes${evil}`}]},
    };
    const info = podInfo(pod, [], now);
    expect(JSON.stringify(info)).not.toMatch(/\u001b|\u0007|\u202e/);
    expect(info.problem).toMatchObject({state: 'Pending', reason: 'no nodesevil'});
    const crash = {
      metadata: {name: 'p'},
      status: {
        containerStatuses: [
          {
            name: 'c',
            restartCount: 2,
            state: {waiting: {reason: 'CrashLoopBackOff', message: `back-off 20s${evil}`}},
            lastState: {terminated: {exitCode: 137, reason: `OOMKilled${evil}`}},
          },
        ],
      },
    };
    expect(podProblem(crash, [], now)?.reason).toBe('container c exited 137 (OOMKilledevil); 2 restarts; back-off 20s');
  });

  test('garbage never throws and a terminating pod is not alive', () => {
    for (const junk of [{}, {metadata: 5}, {status: {containerStatuses: 'x', conditions: [null, 1]}}, {spec: {containers: [null]}}]) {
      expect(() => podInfo(junk, [{involvedObject: 3}], now)).not.toThrow();
    }
    const deployment = {
      metadata: {name: 'q'},
      spec: {replicas: 2, selector: {matchLabels: {app: 'q'}}, template: {spec: {containers: [{name: 'q', image: 'r/q@sha256:0123456789abcdef0123'}]}}},
    };
    const ready = (name: string, extra = {}) => ({
      metadata: {name, labels: {app: 'q'}, ...extra},
      status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}]},
    });
    const row = serviceHealth({
      service: 'q',
      region: 'r',
      namespace: 'n',
      deploymentName: 'q',
      deployments: [deployment, {junk: true}],
      pods: [ready('a'), ready('b', {deletionTimestamp: '2026-01-01T00:00:00Z'}), {metadata: {name: 'c', labels: {app: 'other'}}}],
      events: [],
      now,
    });
    expect(row).toMatchObject({podsReady: 1, podsDesired: 2, status: 'Degraded', statusReason: '1/2 pods ready', version: 'sha256:0123456789ab'});
    expect(podInfo(ready('b', {deletionTimestamp: '2026-01-01T00:00:00Z'}), [], now)).toMatchObject({phase: 'Terminating', ready: false});
    expect(serviceHealth({service: 'q', region: 'r', namespace: 'n', deploymentName: 'missing', deployments: [], pods: [], events: [], now})).toEqual({
      service: 'q',
      region: 'r',
      namespace: 'n',
      deployment: 'missing',
      status: 'Unknown',
      statusReason: 'deployment missing not found in n',
    });
  });

  test('an empty selector matches no pods (never every pod in the namespace)', () => {
    const deployment = {metadata: {name: 'q'}, spec: {replicas: 1, selector: {}}};
    const row = serviceHealth({
      service: 'q',
      region: 'r',
      namespace: 'n',
      deploymentName: 'q',
      deployments: [deployment],
      pods: [{metadata: {name: 'x', labels: {}}, status: {conditions: [{type: 'Ready', status: 'True'}]}}],
      events: [],
      now,
    });
    expect(row.podsReady).toBe(0);
  });
});

// Rollback with `kubectl rollout undo` semantics: the exact patch kubectl sends (kubectl itself is the oracle, plus
// the recorded fixture), the rollout followed with kubectl's messages, paused deployments and progress deadlines.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Progress, RolloutStatus, RunControl} from '../../../src/data/sources/types.js';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import {goJson, undoPlan} from '../../../src/data/kubernetes/undo.js';
import type {DeploymentHistory} from '../../../src/data/kubernetes/revisions.js';
import type {KubeJson} from '../../../src/data/kubernetes/json.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/kube/kubectl-rollout-undo.json');
const signal = () => AbortSignal.timeout(10_000);

function recorder(): RunControl & {events: Progress[]; statuses: () => RolloutStatus[]} {
  const events: Progress[] = [];
  return {
    signal: new AbortController().signal,
    progress: (p) => events.push(p),
    events,
    statuses: () => events.flatMap((e) => (e.kind === 'rollout' ? [e.status] : [])),
  };
}

describe('the rollback patch', () => {
  test('reproduces the recorded kubectl 1.32 patch byte for byte (fixture)', () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {deployment: KubeJson; replicaSets: {items: KubeJson[]}; request: {rawBody: string}};
    const history: DeploymentHistory = {deployment: fixture.deployment, replicaSets: fixture.replicaSets.items};
    const plan = undoPlan(history, 0);
    expect(plan.kind).toBe('patch');
    expect(plan.kind === 'patch' && plan.patch).toBe(fixture.request.rawBody);
    expect(plan.toRevision).toBe(2);
  });

  test('escapes like Go: <, >, &, U+2028', () => {
    expect(goJson({a: '<b>&\u2028'})).toBe('{"a":"\\u003cb\\u003e\\u0026\\u2028"}');
  });
});

describe.skipIf(!haveKubectl())('rollback against the double, with kubectl as the oracle', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  const NS = 'atp-ingest-ns';
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion', 'query', 'search'], helm: false, flux: false, cronjobs: false}, 40);
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion', 'query', 'search'], namespaces: {ingestion: NS}});
    await waitFor('the caches to sync', () => source.read('health', signal()), 30_000, 200);
  });
  afterAll(async () => {
    await source?.close?.();
    expect(cluster.double.controller.errors).toEqual([]);
    await cluster?.close();
  });
  const region = () => source.regions[0]!.region;

  test('history, where and command read like kubectl', async () => {
    const cap = source.capabilities.rollback!;
    const ref = {service: 'ingestion', region: region()};
    const history = await cap.history(ref, signal());
    expect(history.map((r) => [r.revision, r.version, r.active])).toEqual([
      [3, '1.2.5', true],
      [2, '1.2.4', false],
      [1, '1.2.3', false],
    ]);
    expect(cap.where(ref)).toBe(`deployment/ingestion -n ${NS} (${region()}: context atp-double)`);
    const line = cap.command(ref, 2);
    expect(line).toBe(`kubectl rollout undo deployment/ingestion -n ${NS} --to-revision=2 --kubeconfig ${cluster.kubeconfig}`);
    // the line is a working kubectl command (run here as a server-side dry run)
    const argv = line.split(' ').slice(1);
    expect(await cluster.kubectl([...argv, '--dry-run=server'])).toMatchObject({code: 0, stdout: 'deployment.apps/ingestion rolled back (server dry run)\n'});
    const kubectlHistory = await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS]);
    expect(kubectlHistory.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n3\s+<none>\n/);
  });

  test('sends exactly the patch `kubectl rollout undo --to-revision=2` sends, then follows the rollout to the end', async () => {
    const before = cluster.double.requests.length;
    const dry = await cluster.kubectl(['rollout', 'undo', 'deployment/ingestion', '-n', NS, '--to-revision=2', '--dry-run=server']);
    expect(dry).toMatchObject({code: 0, stdout: 'deployment.apps/ingestion rolled back (server dry run)\n'});
    const oracle = cluster.double.requests.slice(before).find((q) => q.method === 'PATCH');
    expect(oracle?.query).toMatchObject({dryRun: 'All'});

    const from = cluster.double.requests.length;
    const run = recorder();
    const note = {by: 'bob', host: 'jump-1', reason: 'bad release 1.2.5', incident: 'INC-7', id: 'b7'};
    const outcome = await source.capabilities.rollback!.rollback({service: 'ingestion', region: region()}, 2, run, note);
    const sent = cluster.double.requests.slice(from).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    expect(sent[0]).toMatchObject({query: {}, contentType: 'application/json-patch+json'});
    // kubectl's patch byte for byte, plus the change-cause among the annotations it sets (team-visible changes)
    const cause = 'bob@jump-1 via atp-cockpit: rollback deployment/ingestion to revision 2; reason: bad release 1.2.5; incident INC-7';
    expect(sent[0]?.rawBody).toContain(`,"kubernetes.io/change-cause":${JSON.stringify(cause)}`);
    expect(sent[0]?.rawBody?.replace(`,"kubernetes.io/change-cause":${JSON.stringify(cause)}`, '')).toBe(oracle?.rawBody);
    expect(sent[1]?.body).toMatchObject({
      reason: 'AtpCockpitRollback',
      reportingComponent: 'atp-cockpit',
      reportingInstance: 'jump-1',
      involvedObject: {kind: 'Deployment', name: 'ingestion'},
    });
    // the journal action id rides along, so the cockpit that made the change recognises its own Event
    expect(sent[1]?.body).toMatchObject({metadata: {annotations: {'atp-cockpit/action-id': 'b7', 'atp-cockpit/by': 'bob', 'atp-cockpit/incident': 'INC-7'}}});

    expect(outcome).toMatchObject({
      fromRevision: 3,
      toRevision: 4,
      status: {done: true, desired: 3, updated: 3, available: 3, message: 'deployment "ingestion" successfully rolled out'},
    });
    expect(outcome.status.failed).toBeFalsy();
    const messages = run.statuses().map((s) => s.message);
    // kubectl's three waiting lines: any one of them shows the rollout was followed
    const waiting = [
      String.raw`\d+ out of 3 new replicas have been updated`,
      String.raw`\d+ old replicas are pending termination`,
      String.raw`\d+ of 3 updated replicas are available`,
    ];
    const waitingLine = new RegExp(String.raw`^Waiting for deployment "ingestion" rollout to finish: (${waiting.join('|')})\.\.\.$`);
    expect(messages.some((m) => waitingLine.test(m))).toBe(true);
    // kubectl agrees about the result
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/ingestion', '-n', NS, '--timeout=10s'])).stdout).toBe(
      'deployment "ingestion" successfully rolled out\n',
    );
    const history = [
      String.raw`REVISION\s+CHANGE-CAUSE\n1\s+<none>\n3\s+<none>\n`,
      String.raw`4\s+bob@jump-1 via atp-cockpit: rollback deployment/ingestion to revision 2; reason: bad release 1\.2\.5; incident INC-7\n`,
    ];
    expect((await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS])).stdout).toMatch(new RegExp(history.join('')));
    const reading = await source.read('health', signal());
    expect(reading.services.find((s) => s.service === 'ingestion')).toMatchObject({
      version: '1.2.4',
      revision: 4,
      podsReady: 3,
      podsDesired: 3,
      status: 'Healthy',
    });
  });

  test('kubectl rollout undo (previous revision) and the cockpit build the same patch from the same objects', async () => {
    const client = source.regions[0]!.client;
    const {readDeploymentHistory} = await import('../../../src/data/kubernetes/revisions.js');
    const history = await readDeploymentHistory(client, NS, 'ingestion', {});
    const plan = undoPlan(history, 0);
    const before = cluster.double.requests.length;
    expect((await cluster.kubectl(['rollout', 'undo', 'deployment/ingestion', '-n', NS, '--dry-run=server'])).code).toBe(0);
    const oracle = cluster.double.requests.slice(before).find((q) => q.method === 'PATCH');
    expect(plan.kind === 'patch' && plan.patch).toBe(oracle?.rawBody);
  });

  test('rolling back to the running template is skipped, as kubectl does, with no write', async () => {
    const before = mutating(cluster.double).length;
    const outcome = await source.capabilities.rollback!.rollback({service: 'ingestion', region: region()}, 4, recorder());
    expect(outcome.status).toMatchObject({done: true, message: 'skipped rollback (current template already matches revision 4)'});
    expect(mutating(cluster.double)).toHaveLength(before);
  });

  test("a paused deployment is refused with kubectl's words, and nothing is sent", async () => {
    expect((await cluster.kubectl(['rollout', 'pause', 'deployment/query', '-n', 'atp-query-ns'])).code).toBe(0);
    await waitFor('paused in the reading', async () => (await source.read('health', signal())).services.find((s) => s.service === 'query')?.paused);
    const before = mutating(cluster.double).length;
    await expect(source.capabilities.rollback!.rollback({service: 'query', region: region()}, 2, recorder())).rejects.toThrow(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
    expect(mutating(cluster.double)).toHaveLength(before);
    expect((await cluster.kubectl(['rollout', 'resume', 'deployment/query', '-n', 'atp-query-ns'])).code).toBe(0);
  });

  test('a rollout that exceeds progressDeadlineSeconds ends as failed (ProgressDeadlineExceeded)', async () => {
    const patch = await cluster.kubectl([
      'patch',
      'deployment/search',
      '-n',
      'atp-search-ns',
      '--type',
      'merge',
      '-p',
      '{"spec":{"progressDeadlineSeconds":1}}',
    ]);
    expect(patch.code).toBe(0);
    cluster.double.problems.add({namespace: 'atp-search-ns', image: /:1\.2\.3$/, problem: {type: 'CrashLoopBackOff'}});
    const run = recorder();
    const outcome = await source.capabilities.rollback!.rollback({service: 'search', region: region()}, 1, run);
    expect(outcome.status).toMatchObject({done: true, failed: true, message: 'deployment "search" exceeded its progress deadline'});
    const kubectl = await cluster.kubectl(['rollout', 'status', 'deployment/search', '-n', 'atp-search-ns', '--timeout=5s']);
    expect(kubectl.stderr).toContain('error: deployment "search" exceeded its progress deadline');
    const row = (await source.read('health', signal())).services.find((s) => s.service === 'search');
    expect(row?.statusReason).toMatch(/rollout exceeded its progress deadline \(1s\)/);
    expect(row?.problems?.[0]?.state).toBe('CrashLoopBackOff');
  });

  test('an unknown revision is refused like kubectl', async () => {
    await expect(source.capabilities.rollback!.rollback({service: 'ingestion', region: region()}, 99, recorder())).rejects.toThrow(
      'unable to find specified revision 99 in history',
    );
  });
});

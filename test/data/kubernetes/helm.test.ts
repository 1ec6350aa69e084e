// Helm-managed services: history from the release secrets, `helm rollback` run as a subprocess with an argument
// array (a fake helm on PATH records its argv), and a plain message when helm is not installed.
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {decodeHelmRelease} from '../../../src/data/kubernetes/revisions.js';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import type {Progress, RunControl} from '../../../src/data/sources/types.js';
import {encodeHelmRelease} from '../../doubles/kube-api/index.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const signal = () => AbortSignal.timeout(10_000);
const run = (): RunControl & {events: Progress[]} => {
  const events: Progress[] = [];
  return {signal: new AbortController().signal, progress: (p) => events.push(p), events};
};

describe('helm rollback', () => {
  let cluster: Cluster;
  let bin: string;
  let kubeconfig: string;
  beforeAll(async () => {
    cluster = await startCluster({services: ['gateway', 'query'], flux: false, cronjobs: false});
    bin = join(cluster.dir, 'bin');
    mkdirSync(bin);
    // a path no shell would pass through intact
    const odd = join(cluster.dir, 'k conf $(touch pwned); x');
    mkdirSync(odd);
    kubeconfig = join(odd, 'kubeconfig');
    copyFileSync(cluster.kubeconfig, kubeconfig);
  });
  afterAll(() => cluster?.close());

  const sources: KubernetesSource[] = [];
  afterAll(async () => {
    for (const s of sources) await s.close?.();
  });
  const make = async (settings: Record<string, unknown>, PATH: string) => {
    const s = await makeSource({kubeconfig, services: ['gateway', 'query'], ...settings}, {env: {PATH, HOME: cluster.dir}});
    sources.push(s);
    // The first lists may still be in flight on a loaded machine: wait for the caches rather than read once.
    await waitFor('the caches to sync', () => s.read('health', signal()), 30_000, 200);
    return s;
  };

  test("decodes Helm's storage format (Secret base64 of base64(gzip(JSON)))", () => {
    const inner = encodeHelmRelease({
      name: 'atp',
      version: 7,
      namespace: 'atp-system',
      info: {first_deployed: '', last_deployed: '2026-01-02T03:04:05Z', deleted: '', description: 'Rollback to 5', status: 'deployed'},
      chart: {metadata: {name: 'atp', version: '1.3.0', appVersion: '1.3.0', apiVersion: 'v2'}},
    });
    expect(decodeHelmRelease(Buffer.from(inner).toString('base64'))).toMatchObject({
      version: 7,
      status: 'deployed',
      chart: 'atp',
      chartVersion: '1.3.0',
      description: 'Rollback to 5',
      deployedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    });
  });

  test('history comes from the release secrets; services follow the Helm ownership annotations', async () => {
    const source = await make({helm: {release: 'atp', namespace: 'atp-system'}}, '/nonexistent');
    const cap = source.capabilities.rollback!;
    const ref = {service: 'gateway', region: source.regions[0]!.region};
    const history = await cap.history(ref, signal());
    expect(history.map((r) => [r.revision, r.version, r.status, r.active])).toEqual([
      [3, 'atp-1.2.5', 'deployed', true],
      [2, 'atp-1.2.4', 'superseded', false],
      [1, 'atp-1.2.3', 'superseded', false],
    ]);
    expect(cap.command(ref, 2)).toBe(`helm rollback atp 2 -n atp-system --wait --kubeconfig '${kubeconfig}'`);
    expect(cap.where(ref)).toBe(
      `helm release atp -n atp-system (${ref.region}: context atp-double; rolls back every service of the release) · helm is NOT installed on this machine`,
    );
  });

  test('helm not installed: a clear message, and nothing sent to the cluster', async () => {
    const source = await make(
      {helm: {release: 'atp', namespace: 'atp-system', services: ['gateway']}, kubeContexts: {'us-east': 'atp-double'}},
      join(cluster.dir, 'empty'),
    );
    const writes = mutating(cluster.double).length;
    const ref = {service: 'gateway', region: 'us-east'};
    await expect(source.capabilities.rollback!.rollback(ref, 2, run())).rejects.toThrow(
      'helm is not installed: no "helm" executable on PATH. Install Helm 3 (https://helm.sh/docs/intro/install/) or run the rollback by hand: ' +
        `helm rollback atp 2 -n atp-system --wait --kube-context atp-double --kubeconfig '${kubeconfig}'`,
    );
    expect(mutating(cluster.double)).toHaveLength(writes);
    // a service outside helm.services still rolls back through the API
    expect(source.capabilities.rollback!.command({service: 'query', region: 'us-east'}, 2)).toMatch(
      /^kubectl rollout undo deployment\/query -n atp-query-ns --to-revision=2 --context atp-double/,
    );
  });

  test('runs helm with an argument array (no shell) and reports its result', async () => {
    const argvFile = join(cluster.dir, 'helm-argv');
    writeFileSync(join(bin, 'helm'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\necho 'Rollback was a success! Happy Helming!'\n`);
    chmodSync(join(bin, 'helm'), 0o755);
    const source = await make({helm: {release: 'atp', namespace: 'atp-system'}, kubeContexts: {'eu-west': 'atp-double'}}, `${bin}:/usr/bin:/bin`);
    const ref = {service: 'gateway', region: 'eu-west'};
    expect(source.capabilities.rollback!.where(ref)).not.toMatch(/NOT installed/);
    const control = run();
    const outcome = await source.capabilities.rollback!.rollback(ref, 2, control);
    expect(readFileSync(argvFile, 'utf8').split('\n').slice(0, -1)).toEqual([
      'rollback',
      'atp',
      '2',
      '-n',
      'atp-system',
      '--wait',
      '--kube-context',
      'atp-double',
      '--kubeconfig',
      kubeconfig,
    ]);
    expect(existsSync(join(cluster.dir, 'pwned'))).toBe(false);
    expect(existsSync('pwned')).toBe(false);
    expect(outcome).toMatchObject({fromRevision: 3, status: {done: true}});
    expect(outcome.status.message).toMatch(/^Rollback was a success! Happy Helming!; deployment "gateway" successfully rolled out$/);
    expect(control.events[0]).toEqual({
      kind: 'step',
      message: `running: helm rollback atp 2 -n atp-system --wait --kube-context atp-double --kubeconfig '${kubeconfig}'`,
    });
  });

  const recordsWho = 'a Helm rollback records who, why and the incident on each Deployment of the release: change-cause and an Event, as kubectl shows them';
  test.skipIf(!haveKubectl())(recordsWho, async () => {
    writeFileSync(join(bin, 'helm'), `#!/bin/sh\necho 'Rollback was a success! Happy Helming!'\n`);
    chmodSync(join(bin, 'helm'), 0o755);
    const source = await make({helm: {release: 'atp', namespace: 'atp-system'}}, `${bin}:/usr/bin:/bin`);
    const ref = {service: 'gateway', region: source.regions[0]!.region};
    const services = source.capabilities.rollback!.release!(ref)!.services;
    expect(services).toEqual(['gateway', 'query']);
    const from = cluster.double.requests.length;
    const note = {by: 'carol', host: 'jump-4', reason: 'bad chart 1.2.5', incident: 'INC-9', id: 'a1'};
    const outcome = await source.capabilities.rollback!.rollback(ref, 2, run(), note);
    expect(outcome.status.done).toBe(true);
    const sent = cluster.double.requests.slice(from).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path} ${q.contentType}`)).toEqual([
      'PATCH /apis/apps/v1/namespaces/atp-gateway-ns/deployments/gateway application/merge-patch+json',
      'POST /api/v1/namespaces/atp-gateway-ns/events application/json',
      'PATCH /apis/apps/v1/namespaces/atp-query-ns/deployments/query application/merge-patch+json',
      'POST /api/v1/namespaces/atp-query-ns/events application/json',
    ]);
    const cause = 'carol@jump-4 via atp-cockpit: helm rollback atp to revision 2 (deployment/gateway); reason: bad chart 1.2.5; incident INC-9';
    expect(sent[0]?.rawBody).toBe(`{"metadata":{"annotations":{"kubernetes.io/change-cause":${JSON.stringify(cause)}}}}`);
    // the deployment controller copies the annotation to the current ReplicaSet: kubectl rollout history shows it
    const history = await waitFor('the change-cause in rollout history', async () => {
      const r = await cluster.kubectl(['rollout', 'history', 'deployment/gateway', '-n', 'atp-gateway-ns']);
      return r.stdout.includes(cause) ? r.stdout : undefined;
    });
    expect(history).toMatch(/\n3\s+carol@jump-4 via atp-cockpit: helm rollback atp to revision 2 \(deployment\/gateway\)/);
    const events = await cluster.kubectl(['get', 'events', '-n', 'atp-query-ns', '--field-selector', 'reason=AtpCockpitRollback', '-o', 'wide']);
    const row = /Normal\s+AtpCockpitRollback\s+deployment\/query\s+atp-cockpit, jump-4\s+/;
    expect(events.stdout).toMatch(new RegExp(`${row.source}carol@jump-4 via atp-cockpit: helm rollback atp to revision 2 \\(deployment/query\\)`));
    // and the team sees it, with the action id that tells this cockpit it was its own
    const recent = await waitFor('the team action', async () => {
      const r = (await source.capabilities.teamActions!.recent(signal())).filter((a) => a.id === 'a1');
      return r.length >= 2 ? r : undefined;
    });
    expect(recent.map((a) => [a.action, a.service, a.by, a.host, a.incident, a.id]).sort()).toEqual([
      ['rollback', 'gateway', 'carol', 'jump-4', 'INC-9', 'a1'],
      ['rollback', 'query', 'carol', 'jump-4', 'INC-9', 'a1'],
    ]);
  });

  test('a failing helm reports its own error line', async () => {
    writeFileSync(join(bin, 'helm'), `#!/bin/sh\necho 'Error: release: not found' >&2\nexit 1\n`);
    chmodSync(join(bin, 'helm'), 0o755);
    const source = await make({helm: {release: 'atp', namespace: 'atp-system'}}, `${bin}:/usr/bin:/bin`);
    await expect(source.capabilities.rollback!.rollback({service: 'gateway', region: source.regions[0]!.region}, 2, run())).rejects.toThrow(
      'helm rollback failed (exit 1): Error: release: not found',
    );
  });
});

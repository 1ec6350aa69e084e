// Logs against the double: the same request as `kubectl logs` (kubectl is the oracle), follow, --previous for a
// crash loop, sinceTime, a line filter, hostile lines sanitised, the ring buffer dropping and counting; and allowed
// in read-only, because reading logs is not an action.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {KubernetesSource} from '../../../src/data/kubernetes/source.js';
import type {LogTail} from '../../../src/data/sources/types.js';
import {LineRing} from '../../../src/data/text/ring.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const NS = 'atp-ingest-ns';
const signal = () => AbortSignal.timeout(10_000);

describe('the line ring', () => {
  test('keeps the newest lines and counts the dropped', () => {
    const ring = new LineRing(3);
    for (let i = 1; i <= 7; i++) ring.push(`l${i}`);
    expect(ring.toArray()).toEqual(['l5', 'l6', 'l7']);
    expect(ring.dropped).toBe(4);
    expect(new LineRing().capacity).toBe(10_000);
    expect(() => new LineRing(0)).toThrow();
  });
});

describe.skipIf(!haveKubectl())('logs against the double', () => {
  let cluster: Cluster;
  let source: KubernetesSource;
  let pod = '';
  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion'], helm: false, flux: false, cronjobs: false}, 30);
    source = await makeSource({kubeconfig: cluster.kubeconfig, services: ['ingestion'], namespaces: {ingestion: NS}}, {readOnly: true});
    await waitFor('the caches to sync', () => source.read('health', signal()), 30_000, 200);
    const targets = await source.capabilities.logs!.targets({service: 'ingestion', region: ref().region}, signal());
    expect(targets).toHaveLength(3);
    expect(targets[0]!.containers).toEqual(['ingestion']);
    pod = targets[0]!.pod;
  });
  afterAll(async () => {
    await source?.close?.();
    await cluster?.close();
  });
  const ref = () => ({service: 'ingestion', region: source.regions[0]!.region});
  const logs = () => source.capabilities.logs!;
  const ended = async (tail: LogTail) => tail.done;

  test('reads what kubectl logs reads, with the same request, in read-only', async () => {
    cluster.double.logs.write(NS, pod, 'ingestion', ['starting ingestion 1.2.5', 'listening on :8080', 'ready']);
    const before = cluster.double.requests.length;
    const kubectl = await cluster.kubectl(['logs', pod, '-n', NS, '-c', 'ingestion']);
    expect(kubectl.stdout).toBe('starting ingestion 1.2.5\nlistening on :8080\nready\n');
    const oracle = cluster.double.requests.slice(before).find((q) => q.path.endsWith('/log'));
    const from = cluster.double.requests.length;
    const tail = logs().tail(ref(), {pod}, signal());
    expect(await ended(tail)).toEqual({reason: 'eof'});
    expect(tail.lines()).toEqual(kubectl.stdout.trimEnd().split('\n'));
    const mine = cluster.double.requests.slice(from).find((q) => q.path.endsWith('/log'));
    expect(mine).toMatchObject({method: 'GET', path: oracle?.path, query: oracle?.query});
    expect(mutating(cluster.double)).toEqual([]);
    expect(logs().command(ref(), {pod, previous: true})).toBe(`kubectl logs ${pod} -n ${NS} -c ingestion --previous --kubeconfig ${cluster.kubeconfig}`);
  });

  test('follow streams new lines until stopped, and leaves no stream open', async () => {
    const tail = logs().tail(ref(), {pod, follow: true, filter: 'ERROR'}, signal());
    await waitFor('the follow stream', () => cluster.double.logs.following === 1);
    cluster.double.logs.write(NS, pod, 'ingestion', ['INFO batch 1 stored', 'ERROR batch 2: broker unavailable', 'error batch 3: timeout']);
    await waitFor('the followed lines', () => tail.lines().length === 2);
    expect(tail.lines()).toEqual(['ERROR batch 2: broker unavailable', 'error batch 3: timeout']);
    expect(tail.received).toBeGreaterThanOrEqual(6);
    tail.stop();
    expect(await ended(tail)).toEqual({reason: 'stopped'});
    await waitFor('the stream to close', () => cluster.double.logs.following === 0);
  });

  test("--previous reads the crashed instance; none yet is the API server's error", async () => {
    const none = logs().tail(ref(), {pod, previous: true}, signal());
    expect(await ended(none)).toEqual({reason: 'error', message: `logs ${pod}: previous terminated container "ingestion" in pod "${pod}" not found`});
    cluster.double.logs.write(NS, pod, 'ingestion', ['panic: nil map write', 'goroutine 1 [running]:']);
    cluster.double.logs.restart(NS, pod, 'ingestion');
    cluster.double.logs.write(NS, pod, 'ingestion', ['starting again']);
    const kubectl = await cluster.kubectl(['logs', pod, '-n', NS, '--previous']);
    const tail = logs().tail(ref(), {pod, previous: true, follow: true}, signal());
    expect(await ended(tail)).toEqual({reason: 'eof'});
    expect(tail.lines().slice(-2)).toEqual(['panic: nil map write', 'goroutine 1 [running]:']);
    expect(tail.lines()).toEqual(kubectl.stdout.trimEnd().split('\n'));
  });

  test('sinceTime keeps only later lines', async () => {
    const later = cluster.double.clock.now().getTime() + 2_000;
    await new Promise((r) => setTimeout(r, 2_100));
    cluster.double.logs.write(NS, pod, 'ingestion', ['after the mark']);
    const tail = logs().tail(ref(), {pod, sinceTime: later}, signal());
    await ended(tail);
    expect(tail.lines()).toEqual(['after the mark']);
  });

  test('hostile lines are sanitised; the ring keeps the newest and counts the dropped', async () => {
    const [, second] = await logs().targets(ref(), signal());
    const p = second!.pod;
    const hostile = ['\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 me', '\u001b[2J\u001b[Hcleared?', 'bidi \u202eevil\u202c text\r'];
    cluster.double.logs.write(NS, p, 'ingestion', [...hostile, ...Array.from({length: 20}, (_, i) => `line ${i}`)]);
    const all = logs().tail(ref(), {pod: p}, signal());
    await ended(all);
    expect(all.lines().slice(0, 3)).toEqual(['click me', 'cleared?', 'bidi evil text']);
    expect(all.lines().join('')).not.toMatch(/[\u001b\u0007\u202e\r]/);
    const small = logs().tail(ref(), {pod: p, maxLines: 5}, signal());
    await ended(small);
    expect(small.lines()).toEqual(['line 15', 'line 16', 'line 17', 'line 18', 'line 19']);
    expect(small.dropped).toBe(18);
    expect(small.received).toBe(23);
  });

  test("a pod that does not exist ends with the API server's message, never hangs", async () => {
    const tail = logs().tail(ref(), {pod: 'ingestion-gone', container: 'ingestion'}, signal());
    expect(await ended(tail)).toEqual({reason: 'error', message: 'logs ingestion-gone: pods "ingestion-gone" not found'});
  });
});

// Read-only: driving every action key and `:` command through the real UI (Ink, ink-testing-library) with the
// kubernetes source sends no PATCH/POST/PUT/DELETE; and the source refuses below the UI too (its own methods, and
// its client's guard, which stops any mutating request before it leaves the process).
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {currentIdentity} from '../../src/actions/identity.js';
import {Journal} from '../../src/actions/journal.js';
import {systemClock} from '../../src/data/clock.js';
import {ReadOnlyError} from '../../src/data/errors.js';
import {createKubernetesSource, type KubernetesSource} from '../../src/data/kubernetes/source.js';
import {createSession, type Session} from '../../src/data/session.js';
import {FREEZE_KINDS, type RunControl} from '../../src/data/sources/types.js';
import {App} from '../../src/ui/app.js';
import {CockpitProvider, type Cockpit} from '../../src/ui/context.js';
import {KeyboardProvider} from '../../src/ui/keys/dispatcher.js';
import {createTheme} from '../../src/ui/theme.js';
import {waitFor} from '../doubles/kube-api/testing.js';
import {kubeContext, makeSource, mutating, startCluster, type Cluster} from '../data/kubernetes/helpers.js';

const ESC = '\u001b';
const ENTER = '\r';
const control = (): RunControl => ({signal: new AbortController().signal, progress: () => undefined});
const settings = (kubeconfig: string) => ({
  kubeconfig,
  kubeContexts: {'us-east': 'atp-double'},
  helm: {release: 'atp', namespace: 'atp-system', services: ['query']},
  freeze: {writes: [{kind: 'ConfigMap', namespace: 'atp-system', name: 'atp-maintenance', key: 'writes', value: 'frozen'}]},
  reconnect: {minSeconds: 0.05, maxSeconds: 0.4},
});

describe('read-only', () => {
  let cluster: Cluster;
  let dir: string;
  beforeAll(async () => {
    cluster = await startCluster({services: ['gateway', 'query'], problems: {gateway: {type: 'CrashLoopBackOff'}}});
    dir = mkdtempSync(join(tmpdir(), 'atp-ro-'));
  });
  afterAll(async () => {
    await cluster?.close();
    rmSync(dir, {recursive: true, force: true});
  });

  test('every action key and : command in the real UI: zero mutating requests', async () => {
    const context = kubeContext({...settings(cluster.kubeconfig), services: ['gateway', 'query']}, {readOnly: true});
    let source: KubernetesSource | undefined;
    const session: Session = await createSession(context, {
      clock: systemClock(),
      createSource: async (config, env) => (source = await createKubernetesSource(config, {...env, env: {PATH: '/usr/bin:/bin', HOME: dir}})),
    });
    session.start();
    const cockpit: Cockpit = {
      session,
      clock: systemClock(),
      wall: false,
      journal: new Journal(join(dir, 'journal.jsonl')),
      identity: currentIdentity(),
      contexts: ['test'],
      switchContext: async () => undefined,
      quit: () => undefined,
      repaint: () => undefined,
    };
    const dims = {columns: 140, rows: 45};
    const size = {get: () => dims, subscribe: () => () => undefined};
    const ui = render(
      <CockpitProvider cockpit={cockpit} theme={createTheme({color: false, ascii: true})} size={size}>
        <KeyboardProvider>
          <App />
        </KeyboardProvider>
      </CockpitProvider>,
    );
    const frame = () => ui.lastFrame() ?? '';
    const press = async (keys: string, expectText?: RegExp) => {
      ui.stdin.write(keys);
      if (expectText) {
        await waitFor(`"${expectText.source}" on screen after ${JSON.stringify(keys)}`, () => expectText.test(frame()), 5_000).catch((e: unknown) => {
          throw new Error(`${String(e)}\n${frame()}`);
        });
      } else await new Promise((r) => setTimeout(r, 40));
    };
    try {
      await waitFor('the health pane to fill', () => /gateway@us-east/.test(frame()) && /query@us-east/.test(frame()), 10_000).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${frame()}`);
      });
      expect(frame()).toMatch(/READ-ONLY/);
      const before = cluster.double.requests.length;
      const READ_ONLY = /This cockpit is read-only/;
      // Each step starts from a screen without the expected text, so a match is the key's own answer.
      const act = async (keys: string[], expected: RegExp) => {
        await waitFor('the previous answer to clear', () => !expected.test(frame()), 5_000);
        for (const k of keys.slice(0, -1)) await press(k);
        await press(keys[keys.length - 1]!, expected);
        await press(ESC); // closes the notice
        await press(ESC); // clears a flash line
      };
      // the action keys, from each pane: the read-only notice, or (r/p away from their pane) the hint to focus it
      for (const key of ['r', 'p', 'f', 'u']) {
        for (const pane of ['1', '2', '3', '4', '5']) {
          await press(pane);
          await act([key], /This cockpit is read-only|focus the (health|DLQ) pane/);
        }
      }
      // from the detail view of a service
      await press('1');
      await press(ENTER, /PODS/);
      await press('r', READ_ONLY);
      await press(ESC);
      await press(ESC);
      // every : command that acts
      const commands = [
        'rollback gateway',
        'rollback gateway@us-east',
        'rollback query@us-east',
        'replay atp-events',
        ...FREEZE_KINDS.flatMap((k) => [`freeze ${k}`, `unfreeze ${k}`]),
      ];
      for (const line of commands) await act([':', line, ENTER], READ_ONLY);
      await press('R');
      await press('J');
      await press(ESC);
      // the UI kept polling (GETs) the whole time, and nothing else
      expect(cluster.double.requests.length).toBeGreaterThan(before);
      expect(mutating(cluster.double)).toEqual([]);
      expect(source?.guard.refused).toEqual([]);
      // the session's wrapper refuses too, without a request
      const wrapped = session.sources.get('k8s')!.capabilities;
      await expect(wrapped.rollback!.rollback({service: 'gateway', region: 'us-east'}, 2, control())).rejects.toBeInstanceOf(ReadOnlyError);
      await expect(wrapped.freeze!.freeze('deployments', {by: 'x', reason: 'y'}, control())).rejects.toBeInstanceOf(ReadOnlyError);
      expect(mutating(cluster.double)).toEqual([]);
    } finally {
      ui.unmount();
      await session.close();
    }
    // About forty key steps, each waiting for its answer: a hang guard that a loaded 2-core machine does not trip.
  }, 120_000);

  test('below the UI: the source refuses, and its client stops any mutating request before it is sent', async () => {
    const source = await makeSource({...settings(cluster.kubeconfig), services: ['gateway', 'query']}, {readOnly: true});
    try {
      // The first lists may still be in flight on a loaded machine: wait for the caches rather than read once.
      await waitFor('the caches to sync', () => source.read('health', AbortSignal.timeout(10_000)), 30_000, 200);
      const cap = source.capabilities;
      for (const service of ['gateway', 'query']) {
        await expect(cap.rollback!.rollback({service, region: 'us-east'}, 2, control())).rejects.toBeInstanceOf(ReadOnlyError);
        expect((await cap.rollback!.history({service, region: 'us-east'}, AbortSignal.timeout(5_000))).length).toBe(3);
      }
      expect(cap.freeze!.kinds).toEqual(['deployments', 'integrity', 'writes']);
      for (const kind of cap.freeze!.kinds) {
        await expect(cap.freeze!.freeze(kind, {by: 'x', reason: 'y'}, control())).rejects.toBeInstanceOf(ReadOnlyError);
        await expect(cap.freeze!.unfreeze(kind, {by: 'x', reason: 'y'}, control())).rejects.toBeInstanceOf(ReadOnlyError);
      }
      expect(await cap.freeze!.list(AbortSignal.timeout(5_000))).toEqual([]);
      // even code that calls the client directly cannot write
      const {client} = source.regions[0]!;
      const ns = 'atp-gateway-ns';
      const attempts = [
        client.apps.patchNamespacedDeployment({name: 'gateway', namespace: ns, body: [{op: 'replace', path: '/spec/replicas', value: 0}]}),
        client.core.createNamespacedConfigMap({namespace: ns, body: {metadata: {name: 'x'}}}),
        client.core.deleteNamespacedPod({name: 'anything', namespace: ns}),
        client.apps.replaceNamespacedDeployment({name: 'gateway', namespace: ns, body: {metadata: {name: 'gateway'}}}),
        client.custom.patchNamespacedCustomObject({
          group: 'kustomize.toolkit.fluxcd.io',
          version: 'v1',
          namespace: 'flux-system',
          plural: 'kustomizations',
          name: 'atp',
          body: {spec: {suspend: true}},
        }),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(ReadOnlyError);
      expect(source.guard.refused).toEqual([
        `PATCH /apis/apps/v1/namespaces/${ns}/deployments/gateway`,
        `POST /api/v1/namespaces/${ns}/configmaps`,
        `DELETE /api/v1/namespaces/${ns}/pods/anything`,
        `PUT /apis/apps/v1/namespaces/${ns}/deployments/gateway`,
        'PATCH /apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/atp',
      ]);
      // and the guard sits in the HTTP library too: a request that skipped the middleware is still stopped there
      const request = new (await import('@kubernetes/client-node')).RequestContext(`${cluster.double.url}/api/v1/namespaces/${ns}/configmaps`, 'POST');
      expect(() => source.guard.check(request.getHttpMethod(), request.getUrl())).toThrow(ReadOnlyError);
      await expect(source.guard.httpLibrary().send(request).toPromise()).rejects.toBeInstanceOf(ReadOnlyError);
      expect(mutating(cluster.double)).toEqual([]);
    } finally {
      await source.close?.();
    }
  });
});

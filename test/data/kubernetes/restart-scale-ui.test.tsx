// Issue 16: restart and scale through the whole cockpit (Ink, keys as a terminal sends them) against the Kubernetes
// API double: the confirmation shows the kubectl equivalent, the scale form shows the HPA, and what reaches the API is
// the write plus the change-cause and Event naming the cockpit's user, host, reason and incident; the journal follows.
// (Generous waits: on a loaded machine the first frame of a dialog can take seconds; nothing here measures speed.)
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {Journal} from '../../../src/actions/journal.js';
import {systemClock} from '../../../src/data/clock.js';
import {createKubernetesSource} from '../../../src/data/kubernetes/source.js';
import {goJson} from '../../../src/data/kubernetes/undo.js';
import {createSession, type Session} from '../../../src/data/session.js';
import {App} from '../../../src/ui/app.js';
import {CockpitProvider, type Cockpit} from '../../../src/ui/context.js';
import {KeyboardProvider} from '../../../src/ui/keys/dispatcher.js';
import {createTheme} from '../../../src/ui/theme.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {kubeContext, mutating, startCluster, type Cluster} from './helpers.js';

const NS = 'atp-ingest-ns';
const ESC = '\u001b';
const ENTER = '\r';
const TAB = '\t';
const RIGHT = '\u001b[C';
const BACKSPACE = '\u007f';

describe.skipIf(!haveKubectl())('restart and scale in the cockpit, against the Kubernetes double', () => {
  let cluster: Cluster;
  let dir: string;
  let session: Session;
  let journal: Journal;
  let ui: ReturnType<typeof render>;
  const frame = () => ui.lastFrame() ?? '';
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  const see = (text: string | RegExp, timeoutMs = 30_000) =>
    waitFor(`${String(text)} on screen`, () => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), timeoutMs).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${frame()}`);
    });
  /** Cancel is focused: Confirm, which asks for the reason, then the reason, the incident and Confirm again. */
  const confirmWith = async (reason: string, incident: string) => {
    await press(RIGHT, ENTER);
    await see('a reason is required');
    await press(reason, TAB, incident, TAB, TAB, ENTER);
  };

  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion', 'query'], helm: false, flux: false, cronjobs: false}, 20);
    dir = mkdtempSync(join(tmpdir(), 'atp-k8s-ui-'));
    const context = kubeContext({
      kubeconfig: cluster.kubeconfig,
      kubeContexts: {'us-east': 'atp-double'},
      services: ['ingestion', 'query'],
      namespaces: {ingestion: NS},
      reconnect: {minSeconds: 0.05, maxSeconds: 0.4},
    });
    session = await createSession(context, {
      clock: systemClock(),
      createSource: (config, env) => createKubernetesSource(config, {...env, env: {PATH: '/usr/bin:/bin', HOME: dir}}),
    });
    session.start();
    journal = new Journal(join(dir, 'journal.jsonl'));
    const cockpit: Cockpit = {
      session,
      clock: systemClock(),
      wall: false,
      journal,
      identity: {user: 'tester', host: 'testhost'},
      contexts: ['test'],
      switchContext: async () => undefined,
      quit: () => undefined,
      repaint: () => undefined,
    };
    const dims = {columns: 140, rows: 45};
    ui = render(
      <CockpitProvider cockpit={cockpit} theme={createTheme({color: false, ascii: true})} size={{get: () => dims, subscribe: () => () => undefined}}>
        <KeyboardProvider>
          <App />
        </KeyboardProvider>
      </CockpitProvider>,
    );
    await see('ingestion@us-east');
  }, 180_000);

  afterAll(async () => {
    ui?.unmount();
    await session?.close();
    expect(cluster.double.controller.errors).toEqual([]);
    await cluster?.close();
    rmSync(dir, {recursive: true, force: true});
  });

  test(':restart: the kubectl equivalent, then the patch with its change-cause and an Event naming tester@testhost; followed, journaled', async () => {
    await press(':', 'restart ingestion@us-east', ENTER);
    await see('Restart ingestion@us-east?');
    expect(frame()).toContain(`kubectl rollout restart deployment/ingestion -n ${NS}`);
    const before = cluster.double.requests.length;
    await confirmWith('consumers stuck after failover', 'INC-77');
    await see('ingestion@us-east restarted', 60_000);
    const sent = cluster.double.requests.slice(before).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    const cause = 'tester@testhost via atp-cockpit: restart deployment/ingestion; reason: consumers stuck after failover; incident INC-77';
    expect(sent[0]).toMatchObject({contentType: 'application/strategic-merge-patch+json'});
    expect(sent[0]?.rawBody).toContain(`"kubernetes.io/change-cause":${goJson(cause)}`);
    expect(sent[0]?.rawBody).toContain('"kubectl.kubernetes.io/restartedAt"');
    const history = await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS]);
    expect(history.stdout).toContain(cause);
    const entries = journal.read().filter((e) => e.action === 'restart');
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({target: 'ingestion@us-east', reason: 'consumers stuck after failover', incident: 'INC-77', result: {ok: true}});
    await press(ESC);
  }, 180_000);

  test(":scale: the form shows the HPA and its override, the write is kubectl scale's, then the change-cause and an Event", async () => {
    const manifest = join(cluster.dir, 'hpa.yaml');
    writeFileSync(
      manifest,
      [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        `metadata: {name: ingestion, namespace: ${NS}}`,
        'spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ingestion}, minReplicas: 2, maxReplicas: 6}',
        '',
      ].join('\n'),
    );
    expect((await cluster.kubectl(['apply', '-f', manifest])).code).toBe(0);
    await press(':', 'scale ingestion@us-east 8', ENTER);
    await see('how many replicas?');
    expect(frame()).toMatch(/Autoscaler +HPA ingestion keeps 2\.\.6 replicas/);
    expect(frame()).toContain('HPA ingestion keeps 2..6 replicas: it will scale back down to 6');
    await press(BACKSPACE, '4', ENTER);
    await see('Scale ingestion@us-east from 3 to 4 replicas?');
    expect(frame()).toContain(`kubectl scale deployment/ingestion -n ${NS} --replicas=4`);
    const before = cluster.double.requests.length;
    await confirmWith('ingest backlog', 'INC-78');
    await see('ingestion@us-east scaled from 3 to 4', 60_000);
    const sent = cluster.double.requests.slice(before).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion/scale`,
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    expect(sent[0]).toMatchObject({contentType: 'application/merge-patch+json', rawBody: '{"spec":{"replicas":4}}'});
    expect(sent[1]?.rawBody).toContain('tester@testhost via atp-cockpit: scale deployment/ingestion from 3 to 4; reason: ingest backlog; incident INC-78');
    expect((await cluster.kubectl(['get', 'deployment/ingestion', '-n', NS, '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('4');
    const entries = journal.read().filter((e) => e.action === 'scale');
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({
      target: 'ingestion@us-east',
      params: {from: 3, to: 4, hpa: 'ingestion 2..6'},
      reason: 'ingest backlog',
      incident: 'INC-78',
    });
    expect(mutating(cluster.double).filter((q) => q.path.includes('/query'))).toEqual([]);
  }, 180_000);
});

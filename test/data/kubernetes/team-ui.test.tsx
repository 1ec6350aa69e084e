// Issue 16, the whole cockpit against the Kubernetes API double (keys as a terminal sends them), real kubectl as the
// oracle: a rollback asks for a reason as restart and scale do, and that reason reaches the change-cause
// (`kubectl rollout history`), the Event (`kubectl get events`) and the journal; a colleague's freeze, made from
// another cockpit, shows in `J` with who and from where, and the unfreeze confirmation names it.
// (Generous waits: on a loaded machine the first frame of a dialog can take seconds; nothing here measures speed.)
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {Journal} from '../../../src/actions/journal.js';
import {systemClock} from '../../../src/data/clock.js';
import {createKubernetesSource, type KubernetesSource} from '../../../src/data/kubernetes/source.js';
import {goJson} from '../../../src/data/kubernetes/undo.js';
import {createSession, type Session} from '../../../src/data/session.js';
import {App} from '../../../src/ui/app.js';
import {CockpitProvider, type Cockpit} from '../../../src/ui/context.js';
import {KeyboardProvider} from '../../../src/ui/keys/dispatcher.js';
import {createTheme} from '../../../src/ui/theme.js';
import {haveKubectl, waitFor} from '../../doubles/kube-api/testing.js';
import {kubeContext, makeSource, mutating, startCluster, type Cluster} from './helpers.js';

const NS = 'atp-ingest-ns';
const ESC = '\u001b';
const ENTER = '\r';
const TAB = '\t';
const RIGHT = '\u001b[C';

describe.skipIf(!haveKubectl())('team-visible rollback reasons and freezes in the cockpit, against the Kubernetes double', () => {
  let cluster: Cluster;
  let dir: string;
  let session: Session;
  let colleague: KubernetesSource;
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
  const gone = (text: string) => waitFor(`${text} gone`, () => !frame().includes(text), 30_000);
  /** Cancel is focused: Confirm, which asks for the reason, then the reason, the incident and Confirm again. */
  const confirmWith = async (reason: string, incident: string) => {
    await press(RIGHT, ENTER);
    await see('a reason is required');
    await press(reason, TAB, incident, TAB, TAB, ENTER);
  };

  beforeAll(async () => {
    cluster = await startCluster({services: ['ingestion'], helm: false}, 20);
    dir = mkdtempSync(join(tmpdir(), 'atp-k8s-team-ui-'));
    const settings = {kubeconfig: cluster.kubeconfig, kubeContexts: {'us-east': 'atp-double'}, services: ['ingestion'], namespaces: {ingestion: NS}};
    const context = kubeContext({...settings, reconnect: {minSeconds: 0.05, maxSeconds: 0.4}});
    session = await createSession(context, {
      clock: systemClock(),
      createSource: (config, env) => createKubernetesSource(config, {...env, env: {PATH: '/usr/bin:/bin', HOME: dir}}),
    });
    session.start();
    // Another engineer's cockpit on another jump box: the same objects, its own source.
    colleague = await makeSource(settings);
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
    const dims = {columns: 150, rows: 45};
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
    await colleague?.close?.();
    expect(cluster.double.controller.errors).toEqual([]);
    await cluster?.close();
    rmSync(dir, {recursive: true, force: true});
  });

  test(':rollback asks a reason; it reaches the change-cause (kubectl rollout history), the Event (kubectl get events) and the journal', async () => {
    await press(':', 'rollback ingestion@us-east', ENTER);
    await see('choose a revision');
    await press(ENTER);
    await see(/Roll back ingestion@us-east to revision 2/);
    expect(frame()).toContain('reason (required)');
    const before = cluster.double.requests.length;
    await confirmWith('1.2.5 fails schema validation', 'INC-81');
    await see('ingestion@us-east rolled back', 60_000);
    const sent = cluster.double.requests.slice(before).filter((q) => q.method !== 'GET');
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      `PATCH /apis/apps/v1/namespaces/${NS}/deployments/ingestion`,
      `POST /api/v1/namespaces/${NS}/events`,
    ]);
    const cause = 'tester@testhost via atp-cockpit: rollback deployment/ingestion to revision 2; reason: 1.2.5 fails schema validation; incident INC-81';
    expect(sent[0]?.rawBody).toContain(`"kubernetes.io/change-cause":${goJson(cause)}`);
    expect(sent[1]?.body).toMatchObject({
      reason: 'AtpCockpitRollback',
      message: expect.stringMatching(
        /^tester@testhost via atp-cockpit: rollback deployment\/ingestion to revision 2 .*; reason: 1\.2\.5 fails schema validation; incident INC-81$/,
      ),
      metadata: {annotations: {'atp-cockpit/reason': '1.2.5 fails schema validation', 'atp-cockpit/incident': 'INC-81'}},
    });
    expect((await cluster.kubectl(['rollout', 'history', 'deployment/ingestion', '-n', NS])).stdout).toMatch(
      /\n4\s+tester@testhost via atp-cockpit: rollback .*; reason: 1\.2\.5 fails schema validation; incident INC-81\n/,
    );
    const events = await cluster.kubectl(['get', 'events', '-n', NS, '--field-selector', 'reason=AtpCockpitRollback']);
    expect(events.stdout).toContain('reason: 1.2.5 fails schema validation; incident INC-81');
    const entries = journal.read().filter((e) => e.action === 'rollback');
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({target: 'ingestion@us-east', reason: '1.2.5 fails schema validation', incident: 'INC-81', result: {ok: true}});
    await press(ESC);
    await gone('rolled back');
  }, 180_000);

  test("a colleague's freeze shows in J with who and from where; the unfreeze confirmation names it; our unfreeze is marked as ours", async () => {
    await colleague.capabilities.freeze!.freeze(
      'integrity',
      {by: 'bob@jump-3', reason: 'tamper alert on segment 7', incident: 'INC-9'},
      {
        signal: new AbortController().signal,
        progress: () => undefined,
      },
    );
    await press('J');
    await see(/freeze\s+integrity @us-east by bob from jump-3 \[INC-9\] - reason: tamper alert on segment 7 - cronjob\/atp-purge -n atp-system/);
    await press(ESC);
    await gone('Team: recent changes');
    await press(':', 'unfreeze integrity', ENTER);
    await see('Unfreeze integrity?');
    expect(frame()).toMatch(/Note\s+bob froze integrity (just now|1 min ago) from jump-3: tamper alert on segment 7 \(INC-9\)/);
    // One note for the freeze, not one per object it held.
    expect(frame().match(/bob froze integrity/g)).toHaveLength(1);
    const before = mutating(cluster.double).length;
    await confirmWith('false positive: checksum job rerun', 'INC-9');
    await see('integrity unfrozen', 60_000);
    expect(mutating(cluster.double).length).toBeGreaterThan(before);
    await press(ESC);
    await gone('integrity unfrozen');
    await press('J');
    await see(/unfreeze\s+integrity @us-east by tester from testhost - this cockpit \[INC-9\] - reason: false positive/);
    await press(ESC);
  }, 180_000);
});

// Issue 13, "true blast radius": the confirmation says what really happens. A Helm rollback takes every service
// of the release back (against the kube-api double, through the whole cockpit); an integrity freeze that suspends
// CronJobs says what it does not stop.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {startCluster, type Cluster} from '../../data/kubernetes/helpers.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** The dialog's inside, its lines joined: what a person reads across the wrapped lines. */
function dialogText(frame: string): string {
  return frame
    .split('\n')
    .flatMap((l) => {
      const m = /[║|](.*)[║|]/.exec(l);
      return m ? [m[1]!.trim()] : [];
    })
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('blast radius', () => {
  it('an integrity freeze that suspends CronJobs says running jobs and API-queued exports continue', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.press(':', 'freeze integrity', KEYS.enter);
    const text = dialogText(await app.waitFor('Blast radius'));
    expect(text).toContain('new purge and export runs stop for every tenant until unfrozen');
    expect(text).toContain('NOT stopped: purge/export Jobs already running continue to completion, and exports queued through the API continue');
  });

  describe('helm', () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster({services: ['gateway', 'query', 'policy'], flux: false, cronjobs: false});
    });
    afterAll(() => cluster?.close());

    it('a Helm rollback lists every service of the release, not only the one selected', async () => {
      const k8s = {
        kind: 'kubernetes' as const,
        kubeconfig: cluster.kubeconfig,
        services: ['gateway', 'query', 'policy'],
        kubeContexts: {'us-east': 'atp-double'},
        helm: {release: 'atp', namespace: 'atp-system'},
        reconnect: {minSeconds: 0.05, maxSeconds: 0.4},
      };
      const config = {contexts: {k: {environment: 'test', regions: ['us-east'], panes: {health: 'k8s'}, sources: {k8s}}}};
      app = await renderCockpit({config, flags: {context: 'k'}});
      for (let i = 0; i < 50 && !app.lastFrame().includes('query@us-east'); i++) await app.tick(500);
      await app.press(':', 'rollback query@us-east', KEYS.enter);
      await app.waitFor('choose a revision', 300);
      await app.press(KEYS.enter);
      const text = dialogText(await app.waitFor('Blast radius', 300));
      expect(text).toContain(
        'helm rollback takes EVERY service of release atp back to that release revision, not only query: gateway, query, policy in us-east (2 besides query)',
      );
      expect(text).toContain('this is a Helm release rollback: 3 service(s) of atp go back together');
    }, 30_000);
  });
});

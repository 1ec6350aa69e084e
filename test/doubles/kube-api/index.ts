// Entry point of the kube-api double: a loopback Kubernetes API server that kubectl and client-node accept.
import type {AddressInfo} from 'node:net';
import {Clock} from './clock.js';
import {bootstrapCluster} from './cluster.js';
import {ControlLoop} from './controller.js';
import {EventRecorder} from './events.js';
import {Faults} from './faults.js';
import {createApiServer} from './http.js';
import {writeKubeconfig} from './kubeconfig.js';
import {PodLogs} from './logs.js';
import {PodProblems} from './problems.js';
import {resourceByName} from './resources.js';
import {Store} from './store.js';
import type {KubeObject, RecordedRequest} from './types.js';
import {WatchHub} from './watch.js';

export type {KubeObject, RecordedRequest} from './types.js';
export type {PodProblem, ProblemRule} from './problems.js';
export type {ChangeEvent} from './store.js';
export {decodeHelmRelease, encodeHelmRelease, type HelmRelease} from './helm.js';
export {seedAtp, ATP_SERVICES, type SeedOptions, type SeedResult} from './seed.js';

/** Options of `startKubeApiDouble`. */
export interface KubeApiDoubleOptions {
  /** Port on 127.0.0.1 (default: random free port). */
  port?: number;
  /** Milliseconds per controller step (rollout speed). Default 100. */
  rolloutStepMs?: number;
  /** Interval of BOOKMARK events on watches with allowWatchBookmarks=true. Default 1000. */
  bookmarkIntervalMs?: number;
  /** Start the controllers' timer (default true); otherwise drive them with controller.step()/settle(). */
  runControllers?: boolean;
}

/** A running double. */
export interface KubeApiDouble {
  url: string;
  port: number;
  /** Every HTTP request received, oldest first (clear with `requests.length = 0`). */
  requests: RecordedRequest[];
  store: Store;
  clock: Clock;
  faults: Faults;
  problems: PodProblems;
  controller: ControlLoop;
  events: EventRecorder;
  watches: WatchHub;
  /** Container logs served at pods/{name}/log: tests write them. */
  logs: PodLogs;
  /** Object by plural resource name ('deployments', 'pods', ...); undefined if absent. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of a resource, optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[];
  /** Writes a kubeconfig for the double into `dir` and returns its path. */
  kubeconfigPath(dir: string, namespace?: string): string;
  close(): Promise<void>;
}

/** Starts the double on 127.0.0.1 with a bootstrapped empty cluster and running controllers. */
export async function startKubeApiDouble(opts: KubeApiDoubleOptions = {}): Promise<KubeApiDouble> {
  const clock = new Clock();
  const store = new Store(clock);
  bootstrapCluster(store);
  const watches = new WatchHub(store, clock, opts.bookmarkIntervalMs ?? 1000);
  const faults = new Faults(watches, store);
  const problems = new PodProblems();
  const events = new EventRecorder(store, clock);
  const controller = new ControlLoop(store, clock, events, problems, opts.rolloutStepMs ?? 100);
  const requests: RecordedRequest[] = [];
  const logs = new PodLogs(store, clock);
  let address = '127.0.0.1:0';
  const server = createApiServer({store, clock, watches, faults, requests, logs, address: () => address});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `http://${address}`;
  if (opts.runControllers !== false) controller.start();
  return {
    url,
    port,
    requests,
    store,
    clock,
    faults,
    problems,
    controller,
    events,
    watches,
    logs,
    get: (resource, namespace, name) => store.tryGet(resourceByName(resource), namespace, name),
    list: (resource, namespace) => store.list(resourceByName(resource), namespace),
    kubeconfigPath: (dir, namespace) => writeKubeconfig(dir, url, namespace),
    close: async () => {
      controller.stop();
      faults.clear();
      logs.close();
      watches.dropAll('abort');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

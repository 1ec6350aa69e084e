// One region (kube context): its client and the watch caches of every ATP namespace in it
// (deployments, pods, events), plus whether those caches can be trusted right now.
import type {Clock} from '../clock.js';
import {SourceError} from '../errors.js';
import type {RegionClient} from './client.js';
import type {KubeJson} from './json.js';
import {Reflector, type ReflectorState} from './reflector.js';

/** The watch caches of one namespace. */
export interface NamespaceCaches {
  readonly deployments: Reflector;
  readonly pods: Reflector;
  readonly events: Reflector;
}

const UNSETTLED: ReadonlySet<ReflectorState> = new Set(['starting', 'resyncing']);

/** A region's client and caches. */
export class RegionWatch {
  private readonly caches = new Map<string, NamespaceCaches>();

  constructor(
    readonly client: RegionClient,
    namespaces: readonly string[],
    private readonly clock: Clock,
    reconnect: {readonly minMs: number; readonly maxMs: number; readonly silenceMs?: number},
  ) {
    const {core, apps, watch} = client;
    const make = (name: string, path: string, list: (signal: AbortSignal) => Promise<KubeJson>) =>
      new Reflector({name, path, list, watch, clock, minBackoffMs: reconnect.minMs, maxBackoffMs: reconnect.maxMs, silenceMs: reconnect.silenceMs});
    for (const ns of new Set(namespaces)) {
      const raw = (what: string, fn: Parameters<RegionClient['raw']>[1]) => (signal: AbortSignal) => client.raw(what, fn, {signal, timeoutMs: 30_000});
      this.caches.set(ns, {
        deployments: make(
          `deployments -n ${ns}`,
          `/apis/apps/v1/namespaces/${ns}/deployments`,
          raw(`list deployments -n ${ns}`, (o) => apps.listNamespacedDeployment({namespace: ns}, o)),
        ),
        pods: make(
          `pods -n ${ns}`,
          `/api/v1/namespaces/${ns}/pods`,
          raw(`list pods -n ${ns}`, (o) => core.listNamespacedPod({namespace: ns}, o)),
        ),
        events: make(
          `events -n ${ns}`,
          `/api/v1/namespaces/${ns}/events`,
          raw(`list events -n ${ns}`, (o) => core.listNamespacedEvent({namespace: ns}, o)),
        ),
      });
    }
  }

  get region(): string {
    return this.client.region.region;
  }

  /** The caches of `namespace` (created for every configured namespace). */
  namespace(ns: string): NamespaceCaches {
    const found = this.caches.get(ns);
    if (!found) throw new Error(`namespace ${ns} is not watched`);
    return found;
  }

  private all(): Reflector[] {
    return [...this.caches.values()].flatMap((c) => [c.deployments, c.pods, c.events]);
  }

  start(): void {
    for (const r of this.all()) r.start();
  }

  stop(): void {
    for (const r of this.all()) r.stop();
  }

  /** Calls back on any change in `ns` (or in any namespace). */
  subscribe(listener: () => void, ns?: string): () => void {
    const list = ns ? [this.namespace(ns).deployments, this.namespace(ns).pods, this.namespace(ns).events] : this.all();
    const offs = list.map((r) => r.subscribe(listener));
    return () => offs.forEach((off) => off());
  }

  /** Why the deployment/pod caches (of `ns`, or all) cannot be trusted: a broken watch; undefined when fine. */
  broken(ns?: string): string | undefined {
    const list = ns ? [this.namespace(ns)] : [...this.caches.values()];
    for (const c of list) {
      for (const r of [c.deployments, c.pods]) {
        const s = r.status();
        if (s.state !== 'disconnected') continue;
        const retry =
          s.retryAt !== undefined ? `; retrying in ${Math.max(0, Math.ceil((s.retryAt - this.clock.now()) / 1000))}s (attempt ${s.failures + 1})` : '';
        return `${this.region}: watch of ${r.name} broken: ${s.error ?? 'disconnected'}${retry}`;
      }
    }
    return undefined;
  }

  /** Waits (up to `maxWaitMs`) until no cache is still listing or replaying a resumed watch. */
  settle(maxWaitMs: number, signal: AbortSignal): Promise<void> {
    const reflectors = this.all();
    const unsettled = () => reflectors.some((r) => UNSETTLED.has(r.status().state));
    if (!unsettled() || this.broken()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        offs.forEach((off) => off());
        this.clock.clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const offs = reflectors.map((r) => r.subscribe(() => (!unsettled() || this.broken()) && done()));
      const timer = this.clock.setTimeout(done, maxWaitMs);
      signal.addEventListener('abort', done, {once: true});
    });
  }

  /** Throws when the deployment/pod caches of `ns` (or all) are broken or not yet synced. */
  assertTrusted(ns?: string): void {
    const broken = this.broken(ns);
    if (broken) throw new SourceError('disconnected', broken);
    const list = ns ? [this.namespace(ns)] : [...this.caches.values()];
    for (const c of list) {
      for (const r of [c.deployments, c.pods]) {
        const state = r.status().state;
        if (state === 'starting') throw new SourceError('connect', `${this.region}: still listing ${r.name} from ${this.client.region.server}`);
        if (state === 'resyncing') throw new SourceError('disconnected', `${this.region}: watch of ${r.name} is reconnecting`);
        if (state === 'stopped') throw new SourceError('disconnected', `${this.region}: the source is closed`);
      }
    }
  }
}

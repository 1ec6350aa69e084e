// The `kubernetes` source: health rows from watch caches (one per service × region), pod/event detail,
// rollback (kubectl rollout undo semantics or helm rollback), restart, scale and freeze, all behind the read-only guard;
// logs, and the changes any cockpit made (read back from Events, the freeze objects' included).
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import type {HealthReading, PaneId, ReadingByPane} from '../readings/types.js';
import type {SourceEnv} from '../sources/types.js';
import type {Capabilities, HealthDetail, ServiceRef, Source} from '../sources/types.js';
import {RegionClient} from './client.js';
import {parseKubeConfig} from './config.js';
import {kubernetesFreeze} from './freeze.js';
import {ReadOnlyGuard} from './guard.js';
import {deploymentEvents, deploymentPods, readyCount, ReadyHistory, serviceHealth} from './health.js';
import {nameOf} from './json.js';
import {loadKubeConfig, regionContexts} from './kubeconfig.js';
import {eventInfo, podInfo} from './problems.js';
import {RegionWatch} from './region.js';
import {kubernetesRollback} from './rollback.js';
import {kubernetesRestart} from './restart.js';
import {kubernetesScale} from './scale.js';
import {kubernetesLogs} from './logs.js';
import {teamReader} from './team.js';

/** The source, plus what tests and diagnostics look at. */
export interface KubernetesSource extends Source {
  readonly guard: ReadOnlyGuard;
  readonly regions: readonly RegionWatch[];
}

/** Creates the source: loads the kubeconfig, binds each region to its context and starts the watches. */
export async function createKubernetesSource(source: ResolvedSource, env: SourceEnv): Promise<KubernetesSource> {
  const config = parseKubeConfig(source);
  const loaded = loadKubeConfig(config.kubeconfig, env.env);
  const contexts = regionContexts(loaded, config.regions, env.context.regions[0]);
  const guard = new ReadOnlyGuard(env.readOnly);
  const namespaces = [...new Set(config.services.map(config.namespaceOf))];
  // Issue 15: a watch silent (no event, no bookmark) for half the pane's stale limit is restarted, so a stalled
  // connection is noticed within that limit. A quiet healthy watch costs one resumed watch request per period.
  const silenceMs = Math.max(1_000, Math.round(env.context.staleAfterMs.health / 2));
  const regions = contexts.map((rc) => new RegionWatch(new RegionClient(rc, loaded.config, guard), namespaces, env.clock, {...config.reconnect, silenceMs}));
  const byRegion = new Map(regions.map((r) => [r.region, r]));
  const {clock} = env;
  // How long a read waits for caches that are listing or replaying a resumed watch: within the poll's own timeout.
  const settleMs = Math.max(500, Math.min(5_000, env.context.refreshMs.health));

  // Ready-pod history per service × region, sampled on every cache change (ServiceDown shows how long 0 were ready).
  const histories = new Map<string, ReadyHistory>();
  const historyOf = (service: string, region: string) => {
    const key = `${service}@${region}`;
    let h = histories.get(key);
    if (!h) histories.set(key, (h = new ReadyHistory()));
    return h;
  };
  const sample = (region: RegionWatch, ns: string) => {
    const caches = region.namespace(ns);
    if (region.broken(ns) || caches.deployments.status().state !== 'synced' || caches.pods.status().state !== 'synced') return;
    for (const service of config.services.filter((s) => config.namespaceOf(s) === ns)) {
      const deployment = caches.deployments.items().find((d) => nameOf(d) === config.deploymentOf(service));
      if (deployment) historyOf(service, region.region).offer(clock.now(), readyCount(deployment, caches.pods.items()));
    }
  };
  const pending = new Set<string>();
  for (const region of regions) {
    for (const ns of namespaces) {
      region.subscribe(() => {
        const key = `${region.region}/${ns}`;
        if (pending.has(key)) return;
        pending.add(key);
        queueMicrotask(() => {
          pending.delete(key);
          sample(region, ns);
        });
      }, ns);
    }
  }

  const trusted = async (signal: AbortSignal, region?: RegionWatch, ns?: string) => {
    const list = region ? [region] : regions;
    await Promise.all(list.map((r) => r.settle(settleMs, signal)));
    for (const r of list) r.assertTrusted(ns);
  };

  const health = (): HealthReading => ({
    services: config.services.flatMap((service) =>
      regions.map((region) => {
        const ns = config.namespaceOf(service);
        const caches = region.namespace(ns);
        sample(region, ns);
        return serviceHealth({
          service,
          region: region.region,
          namespace: ns,
          deploymentName: config.deploymentOf(service),
          deployments: caches.deployments.items(),
          pods: caches.pods.items(),
          events: caches.events.items(),
          now: clock.now(),
          readySeries: historyOf(service, region.region).toSeries(),
        });
      }),
    ),
  });

  const detail = async (ref: ServiceRef, signal: AbortSignal): Promise<HealthDetail> => {
    const region = byRegion.get(ref.region);
    if (!region || !config.services.includes(ref.service)) throw new SourceError('config', `unknown service ${ref.service}@${ref.region}`);
    const ns = config.namespaceOf(ref.service);
    await trusted(signal, region, ns);
    const caches = region.namespace(ns);
    const name = config.deploymentOf(ref.service);
    const deployment = caches.deployments.items().find((d) => nameOf(d) === name);
    const events = deploymentEvents(name, caches.events.items());
    const now = clock.now();
    return {
      pods: deployment ? deploymentPods(deployment, caches.pods.items()).map((p) => podInfo(p, events, now)) : [],
      events: events.slice(0, 30).map(eventInfo),
    };
  };

  const freeze = kubernetesFreeze({config, regions, readOnly: env.readOnly, now: () => clock.now()});
  // Changes by any cockpit on this context's objects: the Event caches, and the freeze objects' Events (./team.ts).
  const recent = teamReader({config, regions, watched: namespaces, trusted: (signal) => trusted(signal)});
  const actionDeps = {config, regions: byRegion, clock, env: env.env, readOnly: env.readOnly};
  const capabilities: Capabilities = {
    detail: {detail},
    rollback: kubernetesRollback(actionDeps),
    restart: kubernetesRestart(actionDeps),
    scale: kubernetesScale(actionDeps),
    logs: kubernetesLogs(actionDeps),
    teamActions: {recent},
    ...(freeze.kinds.length > 0 ? {freeze} : {}),
  };

  for (const region of regions) region.start();
  return {
    id: config.id,
    kind: 'kubernetes',
    description: [
      `Kubernetes ${contexts.map((c) => `${c.region}=${c.kubeContext}`).join(', ')}`,
      `${config.services.length} services (kubeconfig: ${loaded.from})`,
    ].join(' · '),
    panes: ['health'],
    capabilities,
    guard,
    regions,
    async read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]> {
      if (pane !== 'health') throw new SourceError('config', `the kubernetes source serves the health pane only, not ${pane}`);
      await trusted(signal);
      return health() as ReadingByPane[P];
    },
    async close() {
      for (const region of regions) region.stop();
    },
  };
}

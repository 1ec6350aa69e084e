// seedAtp: ATP's clusters as they look after a few releases, built by driving the real controller loop.
import {cronJob, fluxHelmRelease, fluxKustomization, type HelmHistoryEntry} from './flux.js';
import {goTime, helmReleaseSecret, type HelmRelease} from './helm.js';
import type {KubeApiDouble} from './index.js';
import type {PodProblem} from './problems.js';
import {resourceByName} from './resources.js';
import {child, getPath, type KubeObject} from './types.js';

/** ATP's services, one Deployment (and namespace) each. */
export const ATP_SERVICES = ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'] as const;

/** Options of `seedAtp` (everything optional). */
export interface SeedOptions {
  services?: readonly string[];
  /** Namespace of a service; default `atp-${svc}-ns` (ATP's runbook uses `atp-ingest-ns` for ingestion). */
  namespace?: (svc: string) => string;
  /** Number of rollouts per deployment (images 1.2.3, 1.2.4, ...); default 3. */
  revisions?: number;
  replicas?: number;
  registry?: string;
  /** Helm release secrets sh.helm.release.v1.atp.vN in atp-system (default true). */
  helm?: boolean;
  /** Kustomization flux-system/atp and HelmRelease atp-system/atp (default true). */
  flux?: boolean;
  /** CronJobs atp-purge and atp-export in atp-system (default true). */
  cronjobs?: boolean;
  /** service -> problem of its latest revision: that rollout is left stuck, the previous RS still serving. */
  problems?: Record<string, PodProblem>;
  /** Spread revisions over past days (default true); otherwise everything is created now. */
  backdate?: boolean;
}

/** What was seeded. */
export interface SeedResult {
  services: Array<{service: string; namespace: string; images: string[]}>;
}

/** Image tag of revision k (1-based): 1.2.3, 1.2.4, ... */
export function atpVersion(k: number): string {
  return `1.2.${k + 2}`;
}

function deployment(svc: string, ns: string, image: string, replicas: number): KubeObject {
  const labels = {app: svc, 'app.kubernetes.io/name': svc, 'app.kubernetes.io/part-of': 'atp'};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: svc,
      namespace: ns,
      labels: {...labels, 'app.kubernetes.io/managed-by': 'Helm'},
      annotations: {'meta.helm.sh/release-name': 'atp', 'meta.helm.sh/release-namespace': 'atp-system'},
    },
    spec: {
      replicas,
      selector: {matchLabels: {app: svc}},
      template: {
        metadata: {labels},
        spec: {
          containers: [
            {
              name: svc,
              image,
              ports: [{name: 'http', containerPort: 8080}],
              env: [{name: 'ATP_SERVICE', value: svc}],
              readinessProbe: {httpGet: {path: '/healthz/ready', port: 'http'}},
              resources: {requests: {cpu: '250m', memory: '256Mi'}, limits: {memory: '512Mi'}},
            },
          ],
        },
      },
    },
  };
}

/**
 * Seeds ATP synchronously: namespaces, Deployments rolled out `revisions` times through the controllers
 * (so ReplicaSets, revisions, pods and events are what a cluster holds), plus Helm/Flux/CronJob objects.
 */
export function seedAtp(double: Pick<KubeApiDouble, 'store' | 'controller' | 'clock' | 'problems'>, opts: SeedOptions = {}): SeedResult {
  const {store, controller, clock, problems} = double;
  const services = opts.services ?? ATP_SERVICES;
  const nsOf = opts.namespace ?? ((svc: string) => `atp-${svc}-ns`);
  const revisions = opts.revisions ?? 3;
  const registry = opts.registry ?? 'atpacr.azurecr.io/atp';
  const deployments = resourceByName('deployments');
  const realNow = Date.now();
  const at = (k: number) => new Date(realNow - (revisions - k) * 86_400_000 - 5 * 60_000);
  const setClock = (k: number) => (opts.backdate === false ? clock.reset() : clock.set(at(k)));
  const result: SeedResult = {services: services.map((s) => ({service: s, namespace: nsOf(s), images: []}))};

  setClock(1);
  const ensureNs = (name: string) => {
    if (!store.tryGet(resourceByName('namespaces'), undefined, name))
      store.create(resourceByName('namespaces'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
  };
  for (const ns of [...new Set([...services.map(nsOf), 'atp-system', 'flux-system'])]) ensureNs(ns);

  for (let k = 1; k <= revisions; k++) {
    setClock(k);
    for (const r of result.services) {
      const image = `${registry}/${r.service}:${atpVersion(k)}`;
      r.images.push(image);
      const problem = opts.problems?.[r.service];
      if (problem && k === revisions) problems.add({namespace: r.namespace, image, problem});
      const desired = deployment(r.service, r.namespace, image, opts.replicas ?? 3);
      const current = store.tryGet(deployments, r.namespace, r.service);
      if (!current) store.create(deployments, desired);
      else {
        child(current, 'spec')['template'] = getPath(desired, 'spec.template');
        store.update(deployments, current);
      }
    }
    controller.settle();
  }

  const latestAt = (k: number) => goTime(opts.backdate === false ? new Date() : at(k));
  if (opts.helm !== false) {
    for (let k = 1; k <= revisions; k++) {
      setClock(k);
      const rel: HelmRelease = {
        name: 'atp',
        info: {
          first_deployed: latestAt(1),
          last_deployed: latestAt(k),
          deleted: '0001-01-01T00:00:00Z',
          description: k === 1 ? 'Install complete' : 'Upgrade complete',
          status: k === revisions ? 'deployed' : 'superseded',
        },
        chart: {
          metadata: {
            name: 'atp',
            version: atpVersion(k),
            appVersion: atpVersion(k),
            apiVersion: 'v2',
            description: 'Audit Trail Platform',
            type: 'application',
          },
        },
        config: {global: {imageTag: atpVersion(k)}},
        manifest: services
          .map((s) => `---\n# Source: atp/templates/${s}.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${s}\n  namespace: ${nsOf(s)}\n`)
          .join(''),
        version: k,
        namespace: 'atp-system',
      };
      store.create(resourceByName('secrets'), helmReleaseSecret(rel, clock.now()));
    }
  }
  setClock(1);
  const firstAt = clock.iso();
  if (opts.flux !== false) {
    store.create(resourceByName('kustomizations'), fluxKustomization('atp', 'flux-system', firstAt), {internal: true});
    const history: HelmHistoryEntry[] = [];
    for (let k = revisions; k >= 1; k--)
      history.push({version: k, chartVersion: atpVersion(k), status: k === revisions ? 'deployed' : 'superseded', at: latestAt(k)});
    store.create(resourceByName('helmreleases'), fluxHelmRelease('atp', 'atp-system', history, firstAt), {internal: true});
  }
  if (opts.cronjobs !== false) {
    const lastRun = new Date(realNow - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    store.create(resourceByName('cronjobs'), cronJob('atp-purge', 'atp-system', '0 3 * * *', `${registry}/integrity:${atpVersion(revisions)}`, lastRun), {
      internal: true,
    });
    store.create(resourceByName('cronjobs'), cronJob('atp-export', 'atp-system', '*/30 * * * *', `${registry}/export:${atpVersion(revisions)}`, lastRun), {
      internal: true,
    });
  }
  clock.reset();
  return result;
}

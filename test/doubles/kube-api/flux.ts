// Flux objects (Kustomization, HelmRelease) and CronJobs as ATP's GitOps setup has them.
import {createHash} from 'node:crypto';
import type {KubeObject} from './types.js';

function ready(reason: string, message: string, at: string): Record<string, unknown> {
  return {type: 'Ready', status: 'True', observedGeneration: 1, lastTransitionTime: at, reason, message};
}

/** Kustomization `name` in `namespace`, Ready with an applied git revision. */
export function fluxKustomization(name: string, namespace: string, at: string): KubeObject {
  const revision = `main@sha1:${createHash('sha1').update(name).digest('hex')}`;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {name, namespace, finalizers: ['finalizers.fluxcd.io']},
    spec: {interval: '10m0s', path: './deploy/atp', prune: true, sourceRef: {kind: 'GitRepository', name}, timeout: '5m0s', wait: true},
    status: {
      conditions: [ready('ReconciliationSucceeded', `Applied revision: ${revision}`, at)],
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
      observedGeneration: 1,
    },
  };
}

/** One entry of HelmRelease.status.history. */
export interface HelmHistoryEntry {
  version: number;
  chartVersion: string;
  status: string;
  at: string;
}

/** HelmRelease `name` in `namespace` (chart `name` from HelmRepository flux-system/atp), Ready at `history[0]`. */
export function fluxHelmRelease(name: string, namespace: string, history: HelmHistoryEntry[], at: string): KubeObject {
  const latest = history[0];
  const message = latest
    ? `Helm upgrade succeeded for release ${namespace}/${name}.v${latest.version} with chart ${name}@${latest.chartVersion}`
    : 'Helm install succeeded';
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {name, namespace, finalizers: ['finalizers.fluxcd.io']},
    spec: {
      interval: '5m',
      releaseName: name,
      chart: {
        spec: {
          chart: name,
          version: latest?.chartVersion ?? '*',
          reconcileStrategy: 'ChartVersion',
          sourceRef: {kind: 'HelmRepository', name, namespace: 'flux-system'},
        },
      },
      values: {global: {registry: 'atpacr.azurecr.io/atp'}},
    },
    status: {
      conditions: [ready('UpgradeSucceeded', message, at), {...ready('UpgradeSucceeded', message, at), type: 'Released'}],
      helmChart: `flux-system/${namespace}-${name}`,
      history: history.map((h) => ({
        chartName: name,
        chartVersion: h.chartVersion,
        appVersion: h.chartVersion,
        name,
        namespace,
        version: h.version,
        status: h.status,
        firstDeployed: h.at,
        lastDeployed: h.at,
        digest: `sha256:${createHash('sha256').update(`${name}${h.version}`).digest('hex')}`,
      })),
      lastAttemptedGeneration: 1,
      lastAttemptedRevision: latest?.chartVersion ?? '',
      observedGeneration: 1,
    },
  };
}

/** A batch/v1 CronJob running `image` on `schedule`. */
export function cronJob(name: string, namespace: string, schedule: string, image: string, lastRun: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {name, namespace, labels: {app: name, 'app.kubernetes.io/part-of': 'atp'}},
    spec: {
      schedule,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: {
            metadata: {labels: {app: name}},
            spec: {restartPolicy: 'OnFailure', containers: [{name, image, args: [name.replace(/^atp-/, '')]}]},
          },
        },
      },
    },
    status: {lastScheduleTime: lastRun, lastSuccessfulTime: lastRun},
  };
}

// Health pane rows from the watch caches: one ServiceHealth per service × region (pure, no API calls).
import type {HealthStatus, PodProblem, Sample, Series, ServiceHealth} from '../readings/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {annotationsOf, at, labelsOf, nameOf, num, records, str, type KubeJson} from './json.js';
import {eventTime, podProblem, podReady} from './problems.js';
import {selectorMatches} from './selector.js';
import {compareText} from '../text/order.js';

/** Annotation carrying a Deployment's (and its ReplicaSets') revision. */
export const REVISION = 'deployment.kubernetes.io/revision';

/** Ready-pod samples: every change, and at least one sample per 15 s, over the last ~hour. */
export class ReadyHistory {
  private samples: Sample[] = [];

  /** Records `v` at `t` when it differs from the last sample or 15 s have passed. */
  offer(t: number, v: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && last.v === v && t - last.t < 15_000) return;
    this.samples.push({t, v});
    if (this.samples.length > 400) this.samples = this.samples.slice(-300);
  }

  toSeries(): Series {
    return this.samples.slice();
  }
}

/** The tag (or short digest) of an image reference: `registry/atp/query:1.2.5` → `1.2.5`. */
export function imageVersion(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 1 + 19);
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : 'latest';
}

/** The version a pod template runs: the image tag of the container named like the service, else the first one. */
export function templateVersion(template: unknown, service: string): string {
  const containers = records(template, 'spec.containers');
  const main = containers.find((c) => c['name'] === service) ?? containers[0];
  const image = str(main, 'image');
  return image ? sanitizeLine(imageVersion(image)) : '?';
}

/** The deployment's pods: its selector, as `kubectl get pods -l` would pick them. */
export function deploymentPods(deployment: KubeJson, pods: readonly KubeJson[]): KubeJson[] {
  const selector = at(deployment, 'spec.selector');
  return pods.filter((p) => selectorMatches(selector, labelsOf(p))).sort((a, b) => compareText(nameOf(a), nameOf(b)));
}

/** Events about the deployment, its ReplicaSets and its pods, newest first. */
export function deploymentEvents(name: string, events: readonly KubeJson[], limit = 50): KubeJson[] {
  return events
    .filter((e) => {
      const involved = str(e, 'involvedObject.name');
      return involved === name || involved.startsWith(`${name}-`);
    })
    .sort((a, b) => eventTime(b) - eventTime(a))
    .slice(0, limit);
}

/** Ready, not terminating pods of `deployment`. */
export function readyCount(deployment: KubeJson, pods: readonly KubeJson[]): number {
  return deploymentPods(deployment, pods).filter(podReady).length;
}

/** The Progressing condition's reason when the rollout exceeded its progress deadline. */
function deadlineExceeded(deployment: KubeJson): boolean {
  return records(deployment, 'status.conditions').some((c) => c['type'] === 'Progressing' && c['reason'] === 'ProgressDeadlineExceeded');
}

/**
 * When the deployment stopped serving, from Kubernetes' own records: the `Available=False` condition's last transition,
 * else the latest moment a live pod's `Ready` condition turned false. Lets ServiceDown show its real age even when the
 * cockpit started after the outage, or the outage is older than the ready-pod history.
 */
export function downSince(deployment: KubeJson, pods: readonly KubeJson[]): number | undefined {
  const available = records(deployment, 'status.conditions').find((c) => c['type'] === 'Available' && c['status'] === 'False');
  const fromCondition = Date.parse(str(available, 'lastTransitionTime'));
  if (Number.isFinite(fromCondition)) return fromCondition;
  const times = pods.flatMap((p) =>
    records(p, 'status.conditions')
      .filter((c) => c['type'] === 'Ready' && c['status'] === 'False')
      .map((c) => Date.parse(str(c, 'lastTransitionTime')))
      .filter(Number.isFinite),
  );
  return times.length ? Math.max(...times) : undefined;
}

/** The caches of one service's namespace in one region, and the time. */
export interface ServiceInput {
  readonly service: string;
  readonly region: string;
  readonly namespace: string;
  readonly deploymentName: string;
  readonly deployments: readonly KubeJson[];
  readonly pods: readonly KubeJson[];
  readonly events: readonly KubeJson[];
  readonly now: number;
  readonly readySeries?: Series;
}

const describe = (p: PodProblem) => `${p.state}: ${p.reason}`;

/** The row of one service in one region. */
export function serviceHealth(input: ServiceInput): ServiceHealth {
  const {service, region, namespace, deploymentName, now} = input;
  const base = {service, region, namespace, deployment: deploymentName};
  const deployment = input.deployments.find((d) => nameOf(d) === deploymentName);
  if (!deployment) return {...base, status: 'Unknown', statusReason: `deployment ${deploymentName} not found in ${namespace}`};
  const pods = deploymentPods(deployment, input.pods);
  const events = deploymentEvents(deploymentName, input.events);
  const desired = num(deployment, 'spec.replicas', 1);
  const live = pods.filter((p) => !at(p, 'metadata.deletionTimestamp'));
  const ready = live.filter(podReady).length;
  const problems = live.flatMap((p) => {
    const problem = podProblem(p, events, now);
    return problem ? [problem] : [];
  });
  const paused = at(deployment, 'spec.paused') === true;
  let status: HealthStatus = 'Healthy';
  let statusReason: string | undefined;
  const first = problems[0];
  if (desired === 0) [status, statusReason] = ['Degraded', 'scaled to 0 replicas'];
  else if (ready === 0) [status, statusReason] = ['Unhealthy', first ? `0/${desired} pods ready · ${describe(first)}` : `0/${desired} pods ready`];
  else if (ready < desired) [status, statusReason] = ['Degraded', `${ready}/${desired} pods ready${first ? ` · ${describe(first)}` : ''}`];
  else if (first) [status, statusReason] = ['Degraded', `${problems.length} pod${problems.length === 1 ? '' : 's'} failing: ${describe(first)}`];
  if (deadlineExceeded(deployment)) {
    const why = `rollout exceeded its progress deadline (${num(deployment, 'spec.progressDeadlineSeconds', 600)}s)`;
    if (status === 'Healthy') status = 'Degraded';
    statusReason = statusReason ? `${statusReason} · ${why}` : why;
  }
  if (paused) statusReason = statusReason ? `${statusReason} · rollout paused` : 'rollout paused';
  const revision = Number(annotationsOf(deployment)[REVISION]);
  return {
    ...base,
    status,
    ...(statusReason ? {statusReason} : {}),
    podsReady: ready,
    podsDesired: desired,
    restarts: live.reduce((n, p) => n + records(p, 'status.containerStatuses').reduce((m, c) => m + num(c, 'restartCount'), 0), 0),
    problems,
    version: templateVersion(at(deployment, 'spec.template'), service),
    ...(Number.isInteger(revision) && revision > 0 ? {revision} : {}),
    paused,
    ...(input.readySeries ? {readySeries: input.readySeries} : {}),
    ...(ready === 0 && desired > 0 ? {downSince: downSince(deployment, live)} : {}),
  };
}

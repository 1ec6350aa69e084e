// Pods and events as the cockpit shows them, and the runbook's problem states (section 11): CrashLoopBackOff,
// ImagePullBackOff, Pending with the scheduler's message, readiness failing. Every string is sanitised.
import type {EventInfo, PodInfo, PodProblem} from '../readings/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {at, nameOf, num, records, str, time, type JsonRecord, type KubeJson} from './json.js';

const MAX_REASON = 300;
/** A pod not ready for this long (with no probe event) counts as failing readiness, not as starting. */
const NOT_READY_GRACE_MS = 30_000;
const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'RegistryUnavailable']);
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);

const clean = (s: string) => sanitizeLine(s).slice(0, MAX_REASON);

/** The event's time: lastTimestamp, eventTime, firstTimestamp or creation (whichever the reporter set). */
export function eventTime(e: KubeJson): number {
  return time(e, 'lastTimestamp') ?? time(e, 'eventTime') ?? time(e, 'firstTimestamp') ?? time(e, 'metadata.creationTimestamp') ?? 0;
}

/** core/v1 Event → EventInfo. */
export function eventInfo(e: KubeJson): EventInfo {
  const kind = str(e, 'involvedObject.kind').toLowerCase();
  const count = num(e, 'count', num(e, 'series.count', 1));
  return {
    at: eventTime(e),
    type: clean(str(e, 'type', 'Normal')),
    reason: clean(str(e, 'reason')),
    message: clean(str(e, 'message')),
    object: clean(`${kind || 'object'}/${str(e, 'involvedObject.name')}`),
    count,
  };
}

/** The newest event about pod `name` with one of `reasons`. */
function latestEvent(events: readonly KubeJson[], name: string, reasons: readonly string[], pattern?: RegExp): KubeJson | undefined {
  let found: KubeJson | undefined;
  for (const e of events) {
    if (str(e, 'involvedObject.kind') !== 'Pod' || str(e, 'involvedObject.name') !== name || !reasons.includes(str(e, 'reason'))) continue;
    if (pattern && !pattern.test(str(e, 'message'))) continue;
    if (!found || eventTime(e) > eventTime(found)) found = e;
  }
  return found;
}

function statuses(pod: KubeJson): JsonRecord[] {
  return [...records(pod, 'status.initContainerStatuses'), ...records(pod, 'status.containerStatuses')];
}

function condition(pod: KubeJson, type: string): JsonRecord | undefined {
  return records(pod, 'status.conditions').find((c) => c['type'] === type);
}

/** True when the pod is Ready and not being deleted. */
export function podReady(pod: KubeJson): boolean {
  return !at(pod, 'metadata.deletionTimestamp') && condition(pod, 'Ready')?.['status'] === 'True';
}

/** The runbook problem of a pod, if it has one. Terminating pods have none (they are going away). */
export function podProblem(pod: KubeJson, events: readonly KubeJson[], now: number): PodProblem | undefined {
  if (at(pod, 'metadata.deletionTimestamp')) return undefined;
  const name = nameOf(pod);
  const problem = (state: PodProblem['state'], reason: string): PodProblem => ({state, reason: clean(reason), pod: clean(name)});
  for (const c of statuses(pod)) {
    const waiting = str(c, 'state.waiting.reason');
    const container = str(c, 'name');
    if (waiting === 'CrashLoopBackOff') {
      const exit = at(c, 'lastState.terminated.exitCode');
      const why = str(c, 'lastState.terminated.reason');
      const backoff = /back-off ([0-9.hms]+)/.exec(str(c, 'state.waiting.message'))?.[1];
      const restarts = num(c, 'restartCount');
      const ended = typeof exit === 'number' ? `exited ${exit}${why ? ` (${why})` : ''}` : 'keeps failing';
      const waits = backoff ? `; back-off ${backoff}` : '';
      return problem('CrashLoopBackOff', `container ${container} ${ended}; ${restarts} restart${restarts === 1 ? '' : 's'}${waits}`);
    }
    if (PULL_REASONS.has(waiting)) {
      const failed = latestEvent(events, name, ['Failed'], /^Failed to pull image/);
      return problem('ImagePullBackOff', failed ? str(failed, 'message') : `${waiting}: ${str(c, 'state.waiting.message') || str(c, 'image')}`);
    }
    if (waiting && !STARTING_REASONS.has(waiting))
      return problem('Error', `${waiting}${str(c, 'state.waiting.message') ? `: ${str(c, 'state.waiting.message')}` : ''}`);
  }
  const scheduled = condition(pod, 'PodScheduled');
  if (str(pod, 'status.phase') === 'Pending' && scheduled?.['status'] === 'False') {
    const event = latestEvent(events, name, ['FailedScheduling']);
    return problem('Pending', str(scheduled, 'message') || (event ? str(event, 'message') : '') || str(scheduled, 'reason') || 'not scheduled');
  }
  const ready = condition(pod, 'Ready');
  const running = statuses(pod).some((c) => at(c, 'state.running') !== undefined);
  if (str(pod, 'status.phase') === 'Running' && running && ready?.['status'] !== 'True') {
    const probe = latestEvent(events, name, ['Unhealthy'], /^Readiness probe/);
    const since = Math.max(time(ready, 'lastTransitionTime') ?? 0, time(pod, 'status.startTime') ?? 0);
    if (probe || now - since >= NOT_READY_GRACE_MS) return problem('NotReady', probe ? str(probe, 'message') : str(ready, 'message') || 'not ready');
  }
  return undefined;
}

/** What kubectl's STATUS column would say. */
function podPhase(pod: KubeJson): string {
  if (at(pod, 'metadata.deletionTimestamp')) return 'Terminating';
  for (const c of statuses(pod)) {
    const waiting = str(c, 'state.waiting.reason');
    if (waiting && !STARTING_REASONS.has(waiting)) return waiting;
  }
  return str(pod, 'status.phase', 'Unknown');
}

/** core/v1 Pod → PodInfo. */
export function podInfo(pod: KubeJson, events: readonly KubeJson[], now: number): PodInfo {
  const containers = records(pod, 'spec.containers');
  const restarts = records(pod, 'status.containerStatuses').reduce((n, c) => n + num(c, 'restartCount'), 0);
  const problem = podProblem(pod, events, now);
  const startedAt = time(pod, 'status.startTime');
  const image = str(containers[0], 'image');
  const node = str(pod, 'spec.nodeName');
  return {
    name: clean(nameOf(pod)),
    phase: clean(podPhase(pod)),
    ready: podReady(pod),
    restarts,
    ...(image ? {image: clean(image)} : {}),
    ...(node ? {node: clean(node)} : {}),
    ...(startedAt !== undefined ? {startedAt} : {}),
    ...(problem ? {problem} : {}),
  };
}

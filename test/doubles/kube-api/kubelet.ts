// Simulated scheduler + kubelet: binds pods to nodes, starts containers, applies PodProblems, emits events.
import {createHash, randomBytes} from 'node:crypto';
import {isDeepStrictEqual} from 'node:util';
import type {Clock} from './clock.js';
import type {EventRecorder} from './events.js';
import {DEFAULT_UNSCHEDULABLE, type PodProblem, type PodProblems} from './problems.js';
import {resourceByName} from './resources.js';
import type {Store} from './store.js';
import {getPath, objects, str, type JsonObject, type KubeObject} from './types.js';

type Mode = 'unschedulable' | 'scheduled' | 'pull' | 'crash' | 'unready' | 'ok';

interface Runtime {
  mode?: Mode;
  ticks: number;
  restarts: number;
  nextRestart: number;
  startedAt?: string;
  containerId: string;
}

const pods = resourceByName('pods');
const SCHEDULER = {component: 'default-scheduler'};

function cond(type: string, status: string, now: string, reason?: string, message?: string): JsonObject {
  return {type, status, lastProbeTime: null, lastTransitionTime: now, ...(reason ? {reason} : {}), ...(message ? {message} : {})};
}

/** Keeps lastTransitionTime of conditions whose status did not change. */
function keepTransitions(next: JsonObject[], prev: JsonObject[]): JsonObject[] {
  return next.map((c) => {
    const old = prev.find((p) => p['type'] === c['type']);
    return old && old['status'] === c['status'] ? {...c, lastTransitionTime: old['lastTransitionTime']} : c;
  });
}

function modeFor(problem: PodProblem | undefined, everStarted: boolean): Mode {
  if (problem?.type === 'ImagePullBackOff' && !everStarted) return 'pull';
  if (problem?.type === 'CrashLoopBackOff') return 'crash';
  if (problem?.type === 'NotReady') return 'unready';
  return 'ok';
}

/** Moves pods through their lifecycle on every controller step. */
export class Kubelet {
  private readonly runtime = new Map<string, Runtime>();
  private nodeIndex = 0;
  private ipIndex = 10;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly problems: PodProblems,
  ) {}

  /** One step for every pod; `noise` adds time-driven repeats (restarts, repeated warnings). Returns true on state changes. */
  step(noise: boolean): boolean {
    let changed = false;
    for (const pod of this.store.list(pods)) {
      const uid = pod.metadata.uid ?? '';
      if (pod.metadata.deletionTimestamp) {
        this.store.delete(pods, pod.metadata.namespace, pod.metadata.name ?? '');
        this.runtime.delete(uid);
        changed = true;
        continue;
      }
      let rt = this.runtime.get(uid);
      if (!rt) {
        rt = {ticks: 0, restarts: 0, nextRestart: 1, containerId: randomBytes(32).toString('hex')};
        this.runtime.set(uid, rt);
      }
      rt.ticks += 1;
      changed = this.podStep(pod, rt, noise) || changed;
    }
    return changed;
  }

  private nextNode(): string {
    const nodes = this.store.list(resourceByName('nodes')).map((n) => n.metadata.name ?? '');
    const list = nodes.length ? nodes : ['aks-atp-00000000-vmss000000'];
    return list[this.nodeIndex++ % list.length]!;
  }

  private podStep(pod: KubeObject, rt: Runtime, noise: boolean): boolean {
    const now = this.clock.iso();
    const problem = this.problems.match(pod);
    const spec = (pod['spec'] ?? {}) as JsonObject;
    const prevStatus = (pod['status'] ?? {}) as JsonObject;
    const prevConds = objects(prevStatus, 'conditions');
    const node = str(spec, 'nodeName');
    const mode0 = rt.mode;

    if (!node) {
      if (problem?.type === 'Pending') {
        const message = problem.message ?? DEFAULT_UNSCHEDULABLE;
        if (rt.mode !== 'unschedulable' || (noise && rt.ticks % 20 === 0)) this.recorder.record(pod, 'Warning', 'FailedScheduling', message, SCHEDULER);
        rt.mode = 'unschedulable';
        const status = {
          ...prevStatus,
          phase: 'Pending',
          conditions: keepTransitions([cond('PodScheduled', 'False', now, 'Unschedulable', message)], prevConds),
        };
        return this.write(pod, status, mode0 !== rt.mode);
      }
      const nodeName = this.nextNode();
      const ip = `10.244.${Math.floor(this.ipIndex / 250) % 250}.${(this.ipIndex++ % 250) + 2}`;
      const addresses = objects(getPath(this.store.tryGet(resourceByName('nodes'), undefined, nodeName), 'status'), 'addresses');
      const hostIP =
        str(
          addresses.find((a) => a['type'] === 'InternalIP'),
          'address',
        ) || '10.224.0.4';
      spec['nodeName'] = nodeName;
      rt.mode = 'scheduled';
      this.recorder.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, SCHEDULER);
      const status = {
        phase: 'Pending',
        conditions: [cond('PodScheduled', 'True', now)],
        hostIP,
        hostIPs: [{ip: hostIP}],
        podIP: ip,
        podIPs: [{ip}],
        startTime: now,
        ...(prevStatus['qosClass'] ? {qosClass: prevStatus['qosClass']} : {}),
      };
      return this.write(pod, status, true);
    }

    const everStarted = objects(prevStatus, 'containerStatuses').some((c) => getPath(c, 'state.running') || c['restartCount']);
    const mode = modeFor(problem, everStarted);
    rt.mode = mode;
    const kubelet = {component: 'kubelet', host: node};
    const containers = objects(spec, 'containers');
    if (mode !== mode0) this.transitionEvents(pod, mode, containers, kubelet);
    if (mode === 'crash' && (mode !== mode0 || (noise && rt.ticks >= rt.nextRestart))) {
      rt.restarts += 1;
      rt.nextRestart = rt.ticks + Math.min(2 ** rt.restarts, 64);
      for (const c of containers)
        this.recorder.record(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${str(c, 'name')} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          kubelet,
          `spec.containers{${str(c, 'name')}}`,
        );
    }
    if ((mode !== mode0 && mode === 'unready') || (mode === mode0 && noise && rt.ticks % 10 === 0)) {
      this.repeatWarnings(pod, mode, containers, kubelet, problem);
    }
    if ((mode === 'ok' || mode === 'unready') && (!rt.startedAt || mode0 === 'crash' || mode0 === 'pull')) rt.startedAt = now;

    const statuses = containers.map((c) => this.containerStatus(pod, c, mode, rt, now, problem));
    const ready = mode === 'ok';
    const notReady = `containers with unready status: [${containers.map((c) => str(c, 'name')).join(' ')}]`;
    const conditions = keepTransitions(
      [
        cond('PodReadyToStartContainers', 'True', now),
        cond('Initialized', 'True', now),
        ready ? cond('Ready', 'True', now) : cond('Ready', 'False', now, 'ContainersNotReady', notReady),
        ready ? cond('ContainersReady', 'True', now) : cond('ContainersReady', 'False', now, 'ContainersNotReady', notReady),
        cond('PodScheduled', 'True', now),
      ],
      prevConds,
    );
    const status = {...prevStatus, phase: mode === 'pull' ? 'Pending' : 'Running', conditions, containerStatuses: statuses};
    return this.write(pod, status, mode !== mode0);
  }

  private containerStatus(pod: KubeObject, c: JsonObject, mode: Mode, rt: Runtime, now: string, problem: PodProblem | undefined): JsonObject {
    const image = str(c, 'image');
    const name = str(c, 'name');
    const imageID = `${image.split(':')[0]}@sha256:${createHash('sha256').update(image).digest('hex')}`;
    const base = {name, image, imageID, containerID: `containerd://${rt.containerId}`};
    if (mode === 'pull') {
      return {
        name,
        state: {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"`}},
        lastState: {},
        ready: false,
        restartCount: 0,
        image,
        imageID: '',
        started: false,
      };
    }
    if (mode === 'crash') {
      const exitCode = problem?.type === 'CrashLoopBackOff' ? (problem.exitCode ?? 1) : 1;
      const backoff = Math.min(10 * 2 ** (rt.restarts - 1), 300);
      const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      const waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${backoff >= 60 ? `${backoff / 60}m0s` : `${backoff}s`} restarting failed container=${name} pod=${podRef}`,
      };
      const previous = objects(getPath(pod, 'status'), 'containerStatuses').find((s) => s['name'] === name);
      const lastTerminated = getPath(previous, 'lastState.terminated');
      const sameRestart = previous && previous['restartCount'] === rt.restarts && lastTerminated;
      const terminated = sameRestart ? lastTerminated : {exitCode, reason: 'Error', startedAt: now, finishedAt: now, containerID: base.containerID};
      return {...base, state: {waiting}, lastState: {terminated}, ready: false, restartCount: rt.restarts, started: false};
    }
    const restartCount = rt.restarts;
    return {...base, state: {running: {startedAt: rt.startedAt ?? now}}, lastState: {}, ready: mode === 'ok', restartCount, started: true};
  }

  private transitionEvents(pod: KubeObject, mode: Mode, containers: JsonObject[], kubelet: {component: string; host: string}): void {
    for (const c of containers) {
      const name = str(c, 'name');
      const image = str(c, 'image');
      const fieldPath = `spec.containers{${name}}`;
      if (mode === 'pull') {
        this.recorder.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, kubelet, fieldPath);
        this.recorder.record(
          pod,
          'Warning',
          'Failed',
          `Failed to pull image "${image}": rpc error: code = NotFound desc = ` +
            `failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
          kubelet,
          fieldPath,
        );
        this.recorder.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', kubelet, fieldPath);
        this.recorder.record(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, kubelet, fieldPath);
        this.recorder.record(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', kubelet, fieldPath);
        continue;
      }
      this.recorder.record(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, kubelet, fieldPath);
      this.recorder.record(pod, 'Normal', 'Created', `Created container: ${name}`, kubelet, fieldPath);
      this.recorder.record(pod, 'Normal', 'Started', `Started container ${name}`, kubelet, fieldPath);
    }
  }

  private repeatWarnings(
    pod: KubeObject,
    mode: Mode,
    containers: JsonObject[],
    kubelet: {component: string; host: string},
    problem: PodProblem | undefined,
  ): void {
    for (const c of containers) {
      const fieldPath = `spec.containers{${str(c, 'name')}}`;
      if (mode === 'pull') this.recorder.record(pod, 'Normal', 'BackOff', `Back-off pulling image "${str(c, 'image')}"`, kubelet, fieldPath);
      if (mode === 'unready') {
        const message = problem?.type === 'NotReady' && problem.message ? problem.message : 'Readiness probe failed: HTTP probe failed with statuscode: 503';
        this.recorder.record(pod, 'Warning', 'Unhealthy', message, kubelet, fieldPath);
      }
    }
  }

  private write(pod: KubeObject, status: JsonObject, structural: boolean): boolean {
    if (isDeepStrictEqual(pod['status'], status) && !structural) return false;
    pod['status'] = status;
    this.store.update(pods, pod, {internal: true});
    return structural;
  }
}

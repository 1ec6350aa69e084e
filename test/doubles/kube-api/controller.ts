// The control loop: kubelet, ReplicaSet and Deployment controllers stepped on a timer (or settled at once).
import type {Clock} from './clock.js';
import {DeploymentController} from './deployment-controller.js';
import type {EventRecorder} from './events.js';
import {Kubelet} from './kubelet.js';
import type {PodProblems} from './problems.js';
import {ReplicaSetController} from './replicaset-controller.js';
import type {Store} from './store.js';

/** Drives the simulated cluster; one `step()` is one tick of every controller (`double.controller`). */
export class ControlLoop {
  private readonly kubelet: Kubelet;
  private readonly replicaSets: ReplicaSetController;
  private readonly deployments: DeploymentController;
  private timer: NodeJS.Timeout | undefined;
  /** Errors thrown inside controller steps (a healthy double keeps this empty). */
  readonly errors: Error[] = [];

  constructor(
    private readonly store: Store,
    clock: Clock,
    recorder: EventRecorder,
    problems: PodProblems,
    /** Milliseconds between automatic steps. */
    readonly stepMs: number,
  ) {
    this.kubelet = new Kubelet(store, clock, recorder, problems);
    this.replicaSets = new ReplicaSetController(store, clock, recorder);
    this.deployments = new DeploymentController(store, clock, recorder);
  }

  /** One tick: pods progress, RS status, deployment rollout, pod creation/deletion, RS status. */
  step(noise = true): void {
    try {
      this.kubelet.step(noise);
      this.replicaSets.syncStatus();
      this.deployments.sync();
      this.replicaSets.syncPods();
      this.replicaSets.syncStatus();
    } catch (e) {
      this.errors.push(e as Error);
    }
  }

  /** Steps (without time-driven noise) until nothing changes; returns the number of steps taken. */
  settle(maxSteps = 500): number {
    for (let i = 1; i <= maxSteps; i++) {
      const before = this.store.rv;
      this.step(false);
      if (this.store.rv === before) return i;
    }
    throw new Error(`kube-api double: controllers did not settle within ${maxSteps} steps`);
  }

  /** Starts automatic stepping every `stepMs`. */
  start(): void {
    this.timer ??= setInterval(() => this.step(), this.stepMs);
    this.timer.unref();
  }

  /** Stops automatic stepping (the world freezes until `start()` or manual `step()`). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** True while stepping automatically. */
  get running(): boolean {
    return this.timer !== undefined;
  }
}

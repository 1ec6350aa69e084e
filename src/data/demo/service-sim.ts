// One ATP service in one region: revisions, pods and a rolling update, traffic, errors and latency.
import type {PodInfo, PodProblem} from '../readings/types.js';
import type {RolloutStatus} from '../sources/types.js';
import {hash, unit, wobbleH} from './random.js';
import {trendSeries} from './series.js';
import {DEMO_PROFILE} from './topology.js';

export interface RevisionRecord {
  revision: number;
  readonly version: string;
  readonly bad: boolean;
  createdAt: number;
}

interface PodSim {
  readonly name: string;
  readonly revision: RevisionRecord;
  readonly createdAt: number;
  readyAt: number;
}

const POD_READY_MS = 4_000;
const BAD_ERROR_RATIO = 0.3;
const UNSCHEDULABLE = '0/6 nodes are available: 6 node(s) had untolerated taint {node.kubernetes.io/unreachable: }';

/** Baseline version of a service, e.g. `1.2.4`. */
export function baseVersion(service: string): [string, string] {
  const minor = 1 + (hash(service) % 4);
  return [`1.${minor}.3`, `1.${minor}.4`];
}

export class ServiceSim {
  readonly revisions: RevisionRecord[] = [];
  active: RevisionRecord;
  pods: PodSim[] = [];
  outage = false;
  /** Counts changes to the pod list and the active revision. */
  podsVersion = 0;
  rps = 0;
  errorRatio = 0;
  p95 = 0;
  p99 = 0;
  readonly errorSeries = trendSeries();
  readonly p95Series = trendSeries();
  readonly readySeries = trendSeries();
  private readonly profile;
  private podCounter = 0;
  /** Noise keys, hashed once. */
  private readonly keys: {rps: number; err: number; bad: number; lat: number; p99: number};

  constructor(
    readonly service: string,
    readonly region: string,
    private readonly seed: number,
    start: number,
  ) {
    this.profile = DEMO_PROFILE[service] ?? {rps: 50, p95: 100, errors: 0.002, replicas: 2};
    const key = `${service}@${region}`;
    this.keys = {rps: hash(`${key}:rps`), err: hash(`${key}:err`), bad: hash(`${key}:bad`), lat: hash(`${key}:lat`), p99: hash(`${key}:p99`)};
    const [old, current] = baseVersion(service);
    this.revisions.push({revision: 1, version: old, bad: false, createdAt: start - 14 * 86_400_000});
    this.active = {revision: 2, version: current, bad: false, createdAt: start - 3 * 86_400_000 - (hash(service + region) % 36) * 3_600_000};
    this.revisions.push(this.active);
    for (let i = 0; i < this.profile.replicas; i++) this.pods.push(this.newPod(this.active, this.active.createdAt, this.active.createdAt));
  }

  /** Replicas set by a scale (undefined: the profile's). */
  scaledTo: number | undefined;

  get desired(): number {
    return this.scaledTo ?? this.profile.replicas;
  }

  /** `kubectl rollout restart`: a new revision with the same version, so every pod is replaced one by one. */
  restart(t: number): RevisionRecord {
    const revision = Math.max(...this.revisions.map((r) => r.revision)) + 1;
    this.active = {revision, version: this.active.version, bad: this.active.bad, createdAt: t};
    this.revisions.push(this.active);
    this.podsVersion++;
    return this.active;
  }

  /** Starts a rolling update to a new revision (a deploy). */
  deploy(version: string, bad: boolean, t: number): void {
    const revision = Math.max(...this.revisions.map((r) => r.revision)) + 1;
    this.active = {revision, version, bad, createdAt: t};
    this.revisions.push(this.active);
  }

  /** `kubectl rollout undo --to-revision` semantics: the old revision becomes the newest number. */
  rollbackTo(revision: number, t: number): RevisionRecord {
    const target = this.revisions.find((r) => r.revision === revision);
    if (!target) throw new Error(`revision ${revision} not found for ${this.service}@${this.region}`);
    if (target === this.active) throw new Error(`revision ${revision} is already active for ${this.service}@${this.region}`);
    target.revision = Math.max(...this.revisions.map((r) => r.revision)) + 1;
    target.createdAt = t;
    this.active = target;
    this.podsVersion++;
    return target;
  }

  rolloutStatus(t: number): RolloutStatus {
    const updated = this.pods.filter((p) => p.revision === this.active).length;
    const ready = this.outage ? 0 : this.pods.filter((p) => p.readyAt <= t).length;
    const updatedReady = this.outage ? 0 : this.pods.filter((p) => p.revision === this.active && p.readyAt <= t).length;
    const done = updatedReady === this.desired && this.pods.length === this.desired;
    const message = done
      ? `deployment "${this.service}" successfully rolled out`
      : `Waiting for deployment "${this.service}" rollout to finish: ${updatedReady} of ${this.desired} updated replicas are available...`;
    return {desired: this.desired, updated, ready, available: ready, done, message};
  }

  step(t: number): void {
    this.progressRollout(t);
    const k = this.keys;
    const regionFactor = this.region === 'us-east' ? 1.2 : 0.8;
    const ready = this.outage ? [] : this.pods.filter((p) => p.readyAt <= t);
    const badShare = ready.length ? ready.filter((p) => p.revision.bad).length / ready.length : 0;
    this.rps = this.profile.rps * regionFactor * (1 + 0.1 * wobbleH(this.seed, k.rps, t, 45_000));
    if (ready.length === 0) {
      this.errorRatio = 1;
      this.p95 = 0;
      this.p99 = 0;
    } else {
      const base = this.profile.errors * (1 + 0.4 * wobbleH(this.seed, k.err, t, 20_000));
      this.errorRatio = Math.min(1, base + badShare * BAD_ERROR_RATIO * (1 + 0.08 * wobbleH(this.seed, k.bad, t, 9_000)));
      this.p95 = this.profile.p95 * (1 + 0.12 * wobbleH(this.seed, k.lat, t, 30_000)) * (1 + badShare * 5.5);
      this.p99 = this.p95 * (1.7 + 0.2 * wobbleH(this.seed, k.p99, t, 25_000));
    }
    this.readySeries.offer(t, ready.length);
    this.errorSeries.offer(t, this.errorRatio);
    this.p95Series.offer(t, this.p95);
  }

  readyCount(t: number): number {
    return this.outage ? 0 : this.pods.filter((p) => p.readyAt <= t).length;
  }

  /** Ready pods created after `since` (a restart's or a scale-up's new pods). */
  freshReady(since: number, t: number): number {
    return this.outage ? 0 : this.pods.filter((p) => p.createdAt > since && p.readyAt <= t).length;
  }

  /** The replicas the service runs on a calm day. */
  get baseReplicas(): number {
    return this.profile.replicas;
  }

  restarts(): number {
    return this.pods.reduce((sum, p) => sum + podRestarts(this.seed, p.name), 0);
  }

  podInfos(t: number): PodInfo[] {
    return this.pods.map((p) => {
      const problem: PodProblem | undefined = this.outage
        ? {state: 'Pending', reason: UNSCHEDULABLE, pod: p.name}
        : p.readyAt > t
          ? {state: 'NotReady', reason: 'Readiness probe failed: HTTP probe failed with statuscode: 503', pod: p.name}
          : undefined;
      return {
        name: p.name,
        phase: this.outage ? 'Pending' : 'Running',
        ready: !this.outage && p.readyAt <= t,
        restarts: podRestarts(this.seed, p.name),
        image: `atpacr.azurecr.io/atp/${this.service}:${p.revision.version}`,
        node: `aks-npgeneric-${(hash(p.name) % 90000) + 10000}-vmss00000${hash(p.name) % 6}`,
        startedAt: p.createdAt,
        problem,
      };
    });
  }

  private newPod(revision: RevisionRecord, createdAt: number, readyAt: number): PodSim {
    const rs = (hash(`${this.service}:${revision.version}`) % 0xfffff).toString(16).padStart(5, '0');
    const suffix = (hash(`${this.region}:${this.podCounter++}:${this.service}`) % 0xfffff).toString(36).padStart(5, 'x');
    return {name: `${this.service}-${rs}f9c-${suffix}`, revision, createdAt, readyAt};
  }

  /** maxSurge 1, maxUnavailable 0: one new pod at a time, an old pod goes when it is ready. */
  private progressRollout(t: number): void {
    if (this.outage) return;
    const stale = this.pods.filter((p) => p.revision !== this.active);
    const starting = this.pods.filter((p) => p.revision === this.active && p.readyAt > t);
    if (stale.length === 0 && this.pods.length > this.desired) {
      // scaled down: the newest pods go first, as the ReplicaSet controller prefers
      this.pods = this.pods.slice(0, this.desired);
      this.podsVersion++;
      return;
    }
    if (stale.length === 0 && this.pods.length >= this.desired) return;
    const readyNew = this.pods.filter((p) => p.revision === this.active && p.readyAt <= t);
    if (this.pods.length > this.desired && stale.length > 0 && readyNew.length > 0) {
      this.pods = this.pods.filter((p) => p !== stale[0]);
      this.podsVersion++;
      return;
    }
    if (starting.length === 0 && this.pods.length <= this.desired) {
      this.pods.push(this.newPod(this.active, t, t + POD_READY_MS));
      this.podsVersion++;
    }
    // A pod that just became ready changes what the pane shows.
    if (this.pods.some((p) => p.readyAt <= t && p.readyAt > t - 1_000)) this.podsVersion++;
  }
}

export function podRestarts(seed: number, pod: string): number {
  const u = unit(seed, pod, 7);
  return u > 0.85 ? 1 + Math.floor(u * 4) : 0;
}

// Sources and their capabilities. A pane offers an action only when one of its sources has the capability
// (k9s dao: Restartable, Scalable, ...).
import type {CheckEntry, DlqEntity, EventInfo, PaneId, PodInfo, ReadingByPane} from '../readings/types.js';
import type {Clock} from '../clock.js';
import type {ResolvedContext} from '../config/context.js';
import type {SourceKind} from './kinds.js';

export {SOURCE_KINDS, type SourceKind} from './kinds.js';

/** What a backend factory gets: its own settings, the context, the clock and the environment. */
export interface SourceEnv {
  readonly clock: Clock;
  readonly context: ResolvedContext;
  readonly env: NodeJS.ProcessEnv;
  readonly readOnly: boolean;
}

/** A backend that produces readings for one or more panes. */
export interface Source {
  /** Unique within a context, e.g. `demo` or `prometheus`. */
  readonly id: string;
  readonly kind: SourceKind;
  /** One line for `atp-cockpit contexts`, e.g. `Prometheus http://127.0.0.1:9090`. */
  readonly description: string;
  readonly panes: readonly PaneId[];
  read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]>;
  readonly capabilities: Capabilities;
  close?(): Promise<void>;
}

/** What a source can do besides reading. Mutating methods are refused below the UI in read-only mode. */
export interface Capabilities {
  readonly detail?: HealthDetailable;
  readonly rollback?: Rollbackable;
  readonly inspect?: DlqInspectable;
  readonly replay?: DlqReplayable;
  readonly freeze?: Freezable;
  /** `kubectl rollout restart` (k9s: Restartable). */
  readonly restart?: Restartable;
  /** `kubectl scale` (k9s: Scalable). */
  readonly scale?: Scalable;
  /** Container logs; reading, so allowed in read-only. */
  readonly logs?: Loggable;
  /** Recent changes made by any cockpit on this context's objects (read back from Kubernetes Events). */
  readonly teamActions?: TeamVisible;
}

/** Progress reported by a running action. */
export type Progress =
  | {readonly kind: 'rollout'; readonly status: RolloutStatus}
  | {
      readonly kind: 'replay';
      readonly done: number;
      readonly total: number;
      readonly failed: number;
      readonly current?: string;
      /** Set while the replay is not moving for a reason it knows (a lost connection, locks still held by one). */
      readonly waiting?: ReplayWaiting;
    }
  | {readonly kind: 'step'; readonly message: string};

/** Why a replay is not moving, said every second while it lasts (issue 15: never a frozen bar). */
export type ReplayWaiting =
  | {readonly kind: 'reconnecting'; readonly attempt: number; readonly of: number; readonly waitedMs: number; readonly cause: string}
  | {readonly kind: 'resolving'; readonly what: string; readonly waitedMs: number}
  | {readonly kind: 'locks'; readonly count: number; readonly waitedMs: number; readonly upToMs: number};

/** Handed to every mutating call: cancellation and a progress callback. */
export interface RunControl {
  readonly signal: AbortSignal;
  progress(p: Progress): void;
}

export interface ServiceRef {
  readonly service: string;
  readonly region: string;
}

export interface HealthDetail {
  readonly pods: readonly PodInfo[];
  readonly events: readonly EventInfo[];
  readonly checks?: readonly CheckEntry[];
}

export interface HealthDetailable {
  detail(ref: ServiceRef, signal: AbortSignal): Promise<HealthDetail>;
}

export interface Revision {
  readonly revision: number;
  readonly version: string;
  readonly createdAt?: number;
  readonly status: string;
  readonly active: boolean;
  readonly description?: string;
}

export interface RolloutStatus {
  readonly desired: number;
  readonly updated: number;
  readonly ready: number;
  readonly available: number;
  readonly done: boolean;
  readonly failed?: boolean;
  readonly message: string;
}

export interface RollbackOutcome {
  readonly fromRevision?: number;
  readonly toRevision: number;
  readonly status: RolloutStatus;
}

/** A Helm release a rollback acts on: `helm rollback` takes every service of the release back, not only one. */
export interface ReleaseScope {
  readonly release: string;
  readonly namespace: string;
  /** The services the release deploys (as far as the source knows them). */
  readonly services: readonly string[];
}

export interface Rollbackable {
  /** Revisions, newest first; exactly one is `active`. */
  history(ref: ServiceRef, signal: AbortSignal): Promise<readonly Revision[]>;
  /** Where the rollback acts, e.g. `deployment/ingestion -n atp-ingest-ns (us-east)`. */
  where(ref: ServiceRef): string;
  /** The CLI line a human would run for the same rollback. */
  command(ref: ServiceRef, toRevision: number): string;
  /** `note` (who, why, incident) is recorded as the change-cause and an Event; without it, the process's user@host. */
  rollback(ref: ServiceRef, toRevision: number, run: RunControl, note?: ChangeNote): Promise<RollbackOutcome>;
  /** The Helm release behind `ref` when its rollback is a release rollback; undefined for one Deployment. */
  release?(ref: ServiceRef): ReleaseScope | undefined;
}

/** Who makes a change, from where and why: recorded where Kubernetes users look (change-cause, Event). */
export interface ChangeNote {
  /** The person, e.g. `alice`. */
  readonly by: string;
  /** The machine the cockpit runs on, e.g. `jump-2`. */
  readonly host: string;
  readonly reason: string;
  readonly incident?: string;
  /** The journal action id of the change: lets a cockpit recognise its own Events when they are read back. */
  readonly id?: string;
}

export interface RestartOutcome {
  /** The `kubectl.kubernetes.io/restartedAt` value set (RFC 3339). */
  readonly restartedAt: string;
  readonly status: RolloutStatus;
}

export interface Restartable {
  where(ref: ServiceRef): string;
  command(ref: ServiceRef): string;
  /** Sets the pod template's restartedAt annotation, then follows the rollout until it completes or `run` stops. */
  restart(ref: ServiceRef, note: ChangeNote, run: RunControl): Promise<RestartOutcome>;
}

/** The HorizontalPodAutoscaler that targets a deployment. */
export interface HpaInfo {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly desired?: number;
}

/** What the scale form shows before asking for N. */
export interface ScaleInfo {
  readonly replicas: number;
  readonly ready: number;
  readonly hpa?: HpaInfo;
  /** Why the HPA could not be read (forbidden, API missing), if so. */
  readonly hpaError?: string;
  /** The bounds the cockpit accepts (inclusive). */
  readonly min: number;
  readonly max: number;
}

/** A requested replica count checked against the bounds and the HPA. */
export interface ScaleCheck {
  readonly ok: boolean;
  readonly error?: string;
  readonly warnings: readonly string[];
}

export interface ScaleOutcome {
  readonly from: number;
  readonly to: number;
  readonly warnings: readonly string[];
  /** The deployment followed until the new count is available (or the caller stopped following). */
  readonly status: RolloutStatus;
}

export interface Scalable {
  info(ref: ServiceRef, signal: AbortSignal): Promise<ScaleInfo>;
  check(info: ScaleInfo, replicas: number): ScaleCheck;
  where(ref: ServiceRef): string;
  command(ref: ServiceRef, replicas: number): string;
  scale(ref: ServiceRef, replicas: number, note: ChangeNote, run: RunControl): Promise<ScaleOutcome>;
}

/** A pod and its containers, for choosing what to tail. */
export interface LogTarget {
  readonly pod: string;
  readonly containers: readonly string[];
  /** Restarts of the first container: a previous instance exists. */
  readonly restarts: number;
}

export interface LogRequest {
  readonly pod: string;
  /** Default: the pod's first container. */
  readonly container?: string;
  readonly follow?: boolean;
  /** The previous (crashed) instance of the container: `kubectl logs --previous`. */
  readonly previous?: boolean;
  /** Epoch ms: only lines from then on. */
  readonly sinceTime?: number;
  /** Keep only lines containing this text (case-insensitive), matched after sanitising. */
  readonly filter?: string;
  /** Ring buffer size; default 10,000 lines. */
  readonly maxLines?: number;
}

/** Why a tail ended. */
export interface LogEnd {
  readonly reason: 'eof' | 'stopped' | 'timeout' | 'error';
  readonly message?: string;
}

/** A running (or finished) tail: the kept lines, sanitised, and how many were dropped to bound memory. */
export interface LogTail {
  lines(): readonly string[];
  /** Lines dropped because the ring buffer was full. */
  readonly dropped: number;
  /** The ring buffer's size in lines. */
  readonly capacity?: number;
  /** Lines received (before the filter). */
  readonly received: number;
  /** Resolves when the stream ends; never rejects. */
  readonly done: Promise<LogEnd>;
  /** Called after new lines arrive (batched per chunk). */
  onChange(listener: () => void): () => void;
  stop(): void;
}

export interface Loggable {
  targets(ref: ServiceRef, signal: AbortSignal): Promise<readonly LogTarget[]>;
  command(ref: ServiceRef, request: LogRequest): string;
  tail(ref: ServiceRef, request: LogRequest, signal: AbortSignal): LogTail;
}

/** A change made by some cockpit, read back from a Kubernetes Event. */
export interface TeamAction {
  readonly at: number;
  readonly by: string;
  readonly host: string;
  /** `restart`, `scale`, `rollback`, `freeze`, `unfreeze`. */
  readonly action: string;
  /** e.g. `deployment/ingestion -n atp-ingest-ns`. */
  readonly object: string;
  readonly region: string;
  /** The configured service the object belongs to, when the source knows it (matches a ServiceRef). */
  readonly service?: string;
  /** The freeze the object belongs to (a freeze or unfreeze of one of its objects): matches a freeze plan's target. */
  readonly freeze?: FreezeKind;
  readonly reason: string;
  readonly incident?: string;
  readonly message: string;
  /** The journal action id the change carried (ChangeNote.id): equal to an entry of this cockpit's journal when it was ours. */
  readonly id?: string;
}

export interface TeamVisible {
  /** Newest first. */
  recent(signal: AbortSignal): Promise<readonly TeamAction[]>;
}

/** A dead-lettered message as shown to a person; every string already sanitised. */
export interface DlqMessage {
  readonly sequenceNumber: number;
  readonly messageId: string;
  readonly reason: string;
  readonly description?: string;
  readonly deliveryCount: number;
  readonly enqueuedAt: number;
  readonly contentType?: string;
  readonly correlationId?: string;
  readonly subject?: string;
  readonly sessionId?: string;
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
  readonly body: {readonly kind: 'text' | 'json' | 'binary' | 'empty'; readonly preview: string; readonly bytes: number};
}

export interface DlqInspectable {
  peek(entity: string, options: {readonly max: number; readonly reason?: string}, signal: AbortSignal): Promise<readonly DlqMessage[]>;
}

/** Where a replay sends copies. `reaches` lists every consumer entity a copy lands in (topic fan-out). */
export interface ReplayTarget {
  readonly entity: string;
  readonly label: string;
  readonly reaches: readonly string[];
}

export interface ReplayPlan {
  readonly entity: string;
  readonly target: ReplayTarget;
  readonly reason?: string;
  readonly maxCount: number;
  /** Exactly the messages the dry run showed; only these are replayed. */
  readonly messages: readonly DlqMessage[];
}

export interface ReplayOutcome {
  readonly replayed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly stoppedEarly: boolean;
  readonly errors: readonly string[];
  /** Copies sent whose DLQ original could not be completed (still in the DLQ; the copy carries the deterministic id). */
  readonly sentNotCompleted: readonly string[];
  /** Outcomes that were uncertain after a lost connection, and what looking at the broker showed. */
  readonly resolved?: readonly string[];
  /** Why the replay stopped before the end, when it was not Esc or a refused send (e.g. reconnect attempts ran out). */
  readonly stopReason?: string;
}

export interface DlqReplayable {
  targets(entity: DlqEntity): readonly ReplayTarget[];
  command(plan: ReplayPlan): string;
  replay(plan: ReplayPlan, run: RunControl): Promise<ReplayOutcome>;
}

export const FREEZE_KINDS = ['deployments', 'integrity', 'writes'] as const;
export type FreezeKind = (typeof FREEZE_KINDS)[number];

/** An active freeze as the header shows it. */
export interface Freeze {
  readonly kind: FreezeKind;
  readonly by: string;
  readonly at: number;
  readonly reason: string;
  readonly incident?: string;
  readonly objects?: readonly string[];
}

export interface FreezeRequest {
  readonly by: string;
  readonly reason: string;
  readonly incident?: string;
  /** The journal action id (ChangeNote.id): the freeze's Events carry it, so this cockpit knows its own when read back. */
  readonly id?: string;
}

export interface FreezeOutcome {
  /** The objects changed, e.g. `cronjob/atp-purge -n atp-system`. */
  readonly objects: readonly string[];
}

export interface Freezable {
  readonly kinds: readonly FreezeKind[];
  list(signal: AbortSignal): Promise<readonly Freeze[]>;
  /** What a freeze of `kind` touches, in words. */
  describe(kind: FreezeKind): string;
  command(kind: FreezeKind, frozen: boolean): string;
  /** The kinds of object a freeze of `kind` acts on (`CronJob`, `HelmRelease`, ...), when known: they set its real reach. */
  objectKinds?(kind: FreezeKind): readonly string[];
  freeze(kind: FreezeKind, request: FreezeRequest, run: RunControl): Promise<FreezeOutcome>;
  unfreeze(kind: FreezeKind, request: FreezeRequest, run: RunControl): Promise<FreezeOutcome>;
}

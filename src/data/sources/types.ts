// Sources and their capabilities. A pane offers an action only when one of its sources has the capability
// (k9s dao: Restartable, Scalable, ...).
import type {
  CheckEntry,
  DlqEntity,
  EventInfo,
  PaneId,
  PodInfo,
  ReadingByPane,
} from '../readings/types.js';
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
  rollback(ref: ServiceRef, toRevision: number, run: RunControl): Promise<RollbackOutcome>;
  /** The Helm release behind `ref` when its rollback is a release rollback; undefined for one Deployment. */
  release?(ref: ServiceRef): ReleaseScope | undefined;
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

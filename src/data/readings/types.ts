// Typed readings: what sources hand to panes. Immutable by convention; no React here.

/** The five live panes, in screen order. */
export const PANE_IDS = ['health', 'lag', 'dlq', 'outbox', 'burn'] as const;
export type PaneId = (typeof PANE_IDS)[number];

export type HealthStatus = 'Healthy' | 'Degraded' | 'Unhealthy' | 'Unknown';

/** One point of a time series; `t` is epoch milliseconds. */
export interface Sample {
  readonly t: number;
  readonly v: number;
}
export type Series = readonly Sample[];

/** One entry of an ASP.NET Core health-check response. */
export interface CheckEntry {
  readonly name: string;
  readonly status: HealthStatus;
  readonly description?: string;
  readonly durationMs?: number;
  readonly exception?: string;
}

/** A runbook problem state seen on a pod (section 11). */
export interface PodProblem {
  readonly state: 'CrashLoopBackOff' | 'ImagePullBackOff' | 'Pending' | 'NotReady' | 'Error';
  readonly reason: string;
  readonly pod?: string;
}

export interface PodInfo {
  readonly name: string;
  readonly phase: string;
  readonly ready: boolean;
  readonly restarts: number;
  readonly image?: string;
  readonly node?: string;
  readonly startedAt?: number;
  readonly problem?: PodProblem;
}

export interface EventInfo {
  readonly at: number;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly object: string;
  readonly count?: number;
}

/** One service in one region. Every field but the key is optional: sources fill what they know. */
export interface ServiceHealth {
  readonly service: string;
  readonly region: string;
  readonly status?: HealthStatus;
  readonly statusReason?: string;
  readonly liveStatus?: HealthStatus;
  readonly checks?: readonly CheckEntry[];
  readonly checkDurationMs?: number;
  readonly podsReady?: number;
  readonly podsDesired?: number;
  /** Ready pods over recent time. */
  readonly readySeries?: Series;
  /** When the source's own records (a Deployment condition, pod conditions) say the service stopped serving. */
  readonly downSince?: number;
  readonly restarts?: number;
  readonly problems?: readonly PodProblem[];
  readonly pods?: readonly PodInfo[];
  readonly events?: readonly EventInfo[];
  readonly errorRatio?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  readonly requestRate?: number;
  readonly errorSeries?: Series;
  readonly p95Series?: Series;
  readonly version?: string;
  readonly revision?: number;
  /** Kubernetes namespace / deployment, when known. */
  readonly namespace?: string;
  readonly deployment?: string;
  readonly paused?: boolean;
}

/** A value observed on one target (a volume, an endpoint, a key, a region). */
export interface TargetValue {
  readonly target: string;
  readonly value: number;
}

/**
 * Catalog signals that are not a service row: disks (DiskSpaceLow), certificates (CertificateExpiring), signing keys
 * (KeyRotationOverdue), and the tamper and compliance counters. A list that is undefined means no source reported
 * that signal, so its alert is not evaluated; an empty list means a source looked and found no target.
 */
export interface PlatformSignals {
  /** Free space per volume, as a ratio of its size. */
  readonly diskFree?: readonly TargetValue[];
  /** Certificate expiry per endpoint, epoch milliseconds. */
  readonly certExpiry?: readonly TargetValue[];
  /** Last rotation per signing key, epoch milliseconds. */
  readonly keyRotated?: readonly TargetValue[];
  /** Tamper alerts raised in the recent window, per service and region. */
  readonly tamperEvents?: readonly TargetValue[];
  /** Retention or residency violations raised in the recent window, per region. */
  readonly complianceEvents?: readonly TargetValue[];
}

/**
 * When a source's own records say an alert condition began, keyed by alert key (`ServiceDown:ingestion@us-east`):
 * Prometheus's `ALERTS_FOR_STATE`, a Deployment condition's `lastTransitionTime`, the demo's event log. Lets an
 * alert's age reach back past the trend window and past the cockpit's start.
 */
export type AlertOnsets = Readonly<Record<string, number>>;

export interface HealthReading {
  readonly services: readonly ServiceHealth[];
  readonly platform?: PlatformSignals;
  readonly onsets?: AlertOnsets;
  /** Set when the backend answered only in part (e.g. a Log Analytics PartialError): a short note the pane shows. */
  readonly partial?: string;
}

export interface ProjectionLag {
  readonly projection: string;
  readonly region: string;
  readonly lagSeconds: number;
  readonly p95Seconds?: number;
  readonly p99Seconds?: number;
  readonly eventsPerSecond?: number;
  /** Lag P95 (or current lag when no P95 is known) over recent time. */
  readonly series?: Series;
}

export interface LagReading {
  readonly projections: readonly ProjectionLag[];
  readonly onsets?: AlertOnsets;
  /** Set when the backend answered only in part (e.g. a Log Analytics PartialError): a short note the pane shows. */
  readonly partial?: string;
}

export interface DlqEntity {
  /** Service Bus path: `queue` or `topic/Subscriptions/sub`. */
  readonly entity: string;
  readonly kind: 'queue' | 'subscription';
  readonly topic?: string;
  readonly consumer?: string;
  readonly deadLetter: number;
  readonly active: number;
  readonly transferDeadLetter?: number;
  readonly growthPerMin?: number;
  readonly oldestAgeSeconds?: number;
  readonly reasons?: Readonly<Record<string, number>>;
  /** Dead-letter depth over recent time. */
  readonly series?: Series;
}

export interface DlqReading {
  readonly entities: readonly DlqEntity[];
  readonly onsets?: AlertOnsets;
  /** Set when the backend answered only in part (e.g. a Log Analytics PartialError): a short note the pane shows. */
  readonly partial?: string;
}

export interface Outbox {
  readonly service: string;
  readonly region: string;
  readonly pending: number;
  readonly oldestAgeSeconds: number;
  readonly relayPerSecond?: number;
  readonly series?: Series;
}

export interface OutboxReading {
  readonly outboxes: readonly Outbox[];
  readonly onsets?: AlertOnsets;
  /** Set when the backend answered only in part (e.g. a Log Analytics PartialError): a short note the pane shows. */
  readonly partial?: string;
}

/** Sloth's windows (`slo:sli_error:ratio_rate<window>`). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

export interface SloBurn {
  /** Sloth's `sloth_id`, e.g. `atp-availability`. */
  readonly slo: string;
  readonly service?: string;
  readonly description?: string;
  /** Objective as a ratio, e.g. 0.999. */
  readonly objective: number;
  readonly periodDays: number;
  /** Error ratio per window. */
  readonly errorRatio: Readonly<Partial<Record<BurnWindow, number>>>;
  /** Fraction of the period's budget left (Sloth `slo:period_error_budget_remaining:ratio`). */
  readonly budgetRemaining?: number;
  readonly burnSeries?: Series;
}

export interface BurnReading {
  readonly slos: readonly SloBurn[];
  readonly onsets?: AlertOnsets;
  /** Set when the backend answered only in part (e.g. a Log Analytics PartialError): a short note the pane shows. */
  readonly partial?: string;
}

/** Maps each pane to its reading type. */
export interface ReadingByPane {
  health: HealthReading;
  lag: LagReading;
  dlq: DlqReading;
  outbox: OutboxReading;
  burn: BurnReading;
}

// Paging as the cockpit sees it: the open PagerDuty incidents of the configured services, and the three changes it
// may make to one (acknowledge, escalate to the next level, resolve). A pager is a source that serves no pane: it
// is polled by the session beside the panes, and the alert view joins its incidents to the alerts (match.ts).
import type {RunControl} from '../sources/types.js';

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** One incident, every string already sanitised for display. */
export interface PagingIncident {
  /** PagerDuty's id, e.g. `Q2B5XJ3K8TQ1VA`. */
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly status: IncidentStatus;
  readonly urgency: 'high' | 'low';
  /** The dedup key (`incident_key`): what an Events API v2 integration sent as `dedup_key`. */
  readonly incidentKey?: string;
  readonly service: {readonly id: string; readonly name: string};
  readonly escalationPolicy: {readonly id: string; readonly name: string};
  /** Who the incident is assigned to now (user names), empty when resolved. */
  readonly assignees: readonly string[];
  /**
   * The escalation level the assignees are on-call at, from `/oncalls` of the incident's policy; undefined when no
   * assignee is found there (PagerDuty's incident object does not carry the level itself).
   */
  readonly level?: number;
  /** Epoch ms the incident was triggered. */
  readonly createdAt: number;
  /** Epoch ms of the last status change: "since when" it is in its status. */
  readonly statusSince: number;
  /** The latest acknowledgement, while acknowledged. */
  readonly acknowledged?: {readonly by: string; readonly at: number};
  readonly url?: string;
}

/** One poll's result. */
export interface PagingReading {
  readonly incidents: readonly PagingIncident[];
  /** Epoch ms the list was read. */
  readonly at: number;
  /** Pages fetched to list every incident (PagerDuty's classic pagination). */
  readonly pages: number;
  /** More incidents are open than the cockpit reads in one poll (source.ts MAX_PAGES). */
  readonly truncated?: boolean;
}

/** What a change returns: the incident as PagerDuty answered with it. */
export interface PagingOutcome {
  readonly incident: PagingIncident;
}

/** The people behind each escalation level, for "escalating pages whom". */
export interface LevelTargets {
  readonly level: number;
  /** Schedules or users of the level, e.g. `ATP Secondary`. */
  readonly targets: readonly string[];
}

/** A paging backend: PagerDuty over its REST API, or the demo's own. */
export interface Pager {
  readonly kind: 'pagerduty' | 'demo';
  /** One line for the alert view and `contexts`, e.g. `PagerDuty https://api.pagerduty.com (2 services)`. */
  readonly description: string;
  /** The environment variable holding the token, shown in commands as `$NAME`. */
  readonly tokenEnv: string;
  /** The `From` address sent with every change. */
  readonly from: string;
  readonly baseUrl: string;
  list(signal: AbortSignal): Promise<PagingReading>;
  /** One incident, fresh (preconditions re-read it just before a change). */
  get(id: string, signal: AbortSignal): Promise<PagingIncident>;
  /** The levels of an escalation policy, in order (level 1 first). */
  levels(policyId: string, signal: AbortSignal): Promise<readonly LevelTargets[]>;
  acknowledge(id: string, run: RunControl): Promise<PagingOutcome>;
  escalate(id: string, level: number, run: RunControl): Promise<PagingOutcome>;
  resolve(id: string, run: RunControl): Promise<PagingOutcome>;
  close?(): void;
}

/** The change a paging action makes, as PUT /incidents/{id} bodies name it. */
export type PagingChange = {readonly status: 'acknowledged' | 'resolved'} | {readonly escalationLevel: number};

// PagerDuty's JSON (REST API v2 incident, on-call and escalation policy objects) into the cockpit's types. Every
// string is sanitised: incident titles come from whoever triggered the event.
import {SourceError} from '../errors.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {IncidentStatus, LevelTargets, PagingIncident} from './types.js';

/** A reference object: `{id, type, summary}`. */
export interface RefJson {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly summary?: unknown;
}

/** The fields of an incident the cockpit reads. */
export interface IncidentJson {
  readonly id?: unknown;
  readonly incident_number?: unknown;
  readonly title?: unknown;
  readonly status?: unknown;
  readonly urgency?: unknown;
  readonly incident_key?: unknown;
  readonly created_at?: unknown;
  readonly last_status_change_at?: unknown;
  readonly html_url?: unknown;
  readonly service?: RefJson;
  readonly escalation_policy?: RefJson;
  readonly assignments?: readonly {readonly at?: unknown; readonly assignee?: RefJson}[];
  readonly acknowledgements?: readonly {readonly at?: unknown; readonly acknowledger?: RefJson}[];
}

/** One entry of GET /oncalls. */
export interface OnCallJson {
  readonly escalation_level?: unknown;
  readonly user?: RefJson;
  readonly escalation_policy?: RefJson;
}

const STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged', 'resolved'];
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? sanitizeLine(v).slice(0, 300) : fallback);
const time = (v: unknown): number | undefined => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : undefined);

/** Map of `policyId\u0000userId` → escalation level, from /oncalls. */
export type OnCallLevels = ReadonlyMap<string, number>;

export function onCallLevels(entries: readonly OnCallJson[]): OnCallLevels {
  const map = new Map<string, number>();
  for (const e of entries) {
    const level = e.escalation_level;
    if (typeof level !== 'number' || typeof e.user?.id !== 'string' || typeof e.escalation_policy?.id !== 'string') continue;
    const key = `${e.escalation_policy.id}\u0000${e.user.id}`;
    map.set(key, Math.min(level, map.get(key) ?? level));
  }
  return map;
}

/** One incident; a SourceError of kind `shape` when the fields the cockpit relies on are missing. */
export function parseIncident(json: IncidentJson, levels: OnCallLevels = new Map()): PagingIncident {
  const id = json?.id;
  const status = json?.status as IncidentStatus;
  const createdAt = time(json?.created_at);
  if (typeof id !== 'string' || !STATUSES.includes(status) || createdAt === undefined) {
    throw new SourceError('shape', `PagerDuty sent an incident without id, status or created_at (${text(JSON.stringify(json ?? null)).slice(0, 120)})`);
  }
  const policyId = text(json.escalation_policy?.id);
  const assignments = json.assignments ?? [];
  const assigneeLevels = assignments.flatMap((a) => {
    const l = typeof a.assignee?.id === 'string' ? levels.get(`${policyId}\u0000${a.assignee.id}`) : undefined;
    return l === undefined ? [] : [l];
  });
  const acks = (json.acknowledgements ?? []).flatMap((a) => {
    const at = time(a.at);
    return at === undefined ? [] : [{by: text(a.acknowledger?.summary, 'someone'), at}];
  });
  const lastAck = acks.sort((a, b) => b.at - a.at)[0];
  return {
    id: text(id),
    number: typeof json.incident_number === 'number' ? json.incident_number : 0,
    title: text(json.title, '(untitled)'),
    status,
    urgency: json.urgency === 'low' ? 'low' : 'high',
    incidentKey: typeof json.incident_key === 'string' && json.incident_key ? text(json.incident_key) : undefined,
    service: {id: text(json.service?.id), name: text(json.service?.summary, text(json.service?.id))},
    escalationPolicy: {id: policyId, name: text(json.escalation_policy?.summary, policyId)},
    assignees: assignments.map((a) => text(a.assignee?.summary, text(a.assignee?.id, '?'))),
    level: assigneeLevels.length ? Math.max(...assigneeLevels) : undefined,
    createdAt,
    statusSince: time(json.last_status_change_at) ?? createdAt,
    acknowledged: status === 'acknowledged' ? lastAck : undefined,
    url: typeof json.html_url === 'string' && /^https?:\/\//.test(json.html_url) ? text(json.html_url) : undefined,
  };
}

/** The levels of GET /escalation_policies/{id}: each rule's targets, level 1 first. */
export function parsePolicyLevels(json: unknown): LevelTargets[] {
  const rules = (json as {escalation_policy?: {escalation_rules?: unknown}})?.escalation_policy?.escalation_rules;
  if (!Array.isArray(rules)) throw new SourceError('shape', 'PagerDuty sent an escalation policy without escalation_rules');
  return rules.map((r: {targets?: readonly RefJson[]}, i) => ({level: i + 1, targets: (r?.targets ?? []).map((t) => text(t.summary, text(t.id, '?')))}));
}

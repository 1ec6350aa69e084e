// An alert's PagerDuty incident as words for the alert view: state, who is assigned, escalation level, since when;
// and one line on the paging service itself (how many incidents, how fresh, or why it cannot be read). Pure.
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {PollSnapshot} from '../../data/poller.js';
import type {PagingIncident, PagingReading} from '../../data/pagerduty/types.js';
import {incidentTarget} from '../../actions/paging.js';
import type {ActionRequest} from '../../actions/types.js';

import {duration, utcClock} from '../format.js';
import type {Tone} from '../theme.js';

/** "PagerDuty #1042 triggered 14m (since 03:04:00Z) · assigned Dana Primary · level 1 (ATP)". */
export function incidentText(incident: PagingIncident, now: number): string {
  const state =
    incident.status === 'acknowledged' && incident.acknowledged
      ? `acknowledged by ${incident.acknowledged.by} at ${utcClock(incident.acknowledged.at)}`
      : `${incident.status} ${duration(Math.max(0, now - incident.statusSince))} (since ${utcClock(incident.statusSince)})`;
  const level = incident.level !== undefined ? `level ${incident.level}` : 'level unknown';
  return [
    `PagerDuty #${incident.number || incident.id} ${state}`,
    incident.assignees.length ? `assigned ${incident.assignees.join(', ')}` : 'unassigned',
    `${level} (${incident.escalationPolicy.name})`,
  ].join(' · ');
}

/** One line per alert of a group that has an incident (targets named when the group has several). */
export function incidentLines(alerts: readonly ActiveAlert[], now: number): string[] {
  return alerts.flatMap((a) => {
    if (!a.paging) return [];
    const more = a.paging.others > 0 ? ` (+${a.paging.others} more matching)` : '';
    return [`${alerts.length > 1 ? `${a.target}: ` : ''}${incidentText(a.paging.incident, now)}${more}`];
  });
}

/** The paging service's own line: open incidents, matched to alerts, data age; or its error. */
export function pagingStatus(
  state: PollSnapshot<PagingReading> | undefined,
  alerts: readonly ActiveAlert[],
  now: number,
  staleAfterMs: number,
  description: string,
): {readonly tone: Tone; readonly text: string} | undefined {
  if (!state) return undefined;
  const reading = state.value;
  const age = state.lastSuccessAt === undefined ? undefined : now - state.lastSuccessAt;
  const failing = state.error !== undefined && (state.lastSuccessAt === undefined || (state.errorAt ?? 0) >= state.lastSuccessAt);
  if (!reading) return {tone: failing ? 'crit' : 'muted', text: failing ? `paging: ${description}: ${state.error}` : `paging: ${description}: reading…`};
  const matched = new Set(alerts.flatMap((a) => (a.paging ? [a.paging.incident.id] : [])));
  const open = reading.incidents.length;
  const triggered = reading.incidents.filter((i) => i.status === 'triggered').length;
  const stale = failing || age === undefined || age > staleAfterMs;
  const parts = [
    `paging: ${open} open incident${open === 1 ? '' : 's'} (${triggered} unacknowledged), ${matched.size} matched to alerts`,
    reading.truncated ? 'more open than one poll reads' : '',
    `read ${duration(age ?? 0)} ago${stale ? ' (stale)' : ''}`,
    failing ? `error: ${state.error}` : '',
  ];
  return {tone: stale ? 'warn' : 'muted', text: parts.filter(Boolean).join(' · ')};
}

const PAGING_KINDS: ReadonlySet<string> = new Set(['acknowledge', 'escalate', 'resolve']);

/** A paging key pressed on a selected alert acts on that alert's incident (undefined: not a paging key, or no incident). */
export function pagingRequest(kind: string | undefined, alert: ActiveAlert | undefined): (ActionRequest & {incident: string}) | undefined {
  if (kind === undefined || !PAGING_KINDS.has(kind) || !alert?.paging) return undefined;
  return {kind, incident: incidentTarget(alert.paging.incident)};
}

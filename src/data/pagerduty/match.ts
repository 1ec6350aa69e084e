// Which PagerDuty incident belongs to which alert, and what that does to the alert's clocks.
//
// An incident matches an alert when (docs/pagerduty.md, "Matching"):
// 1. its dedup key (`incident_key`) is the alert's key, e.g. `ServiceDown:ingestion@us-east` (an Events API v2
//    integration that sends the cockpit's key as `dedup_key`); or
// 2. its title names the alert (`ServiceDown`) and its target as whole words: `ingestion@us-east` as written, or
//    `ingestion` and `us-east` apart, as Alertmanager's default PagerDuty template writes labels.
// A key match beats a title match; among equals the newest incident wins, and the others are counted.
import type {ActiveAlert} from '../alerts/evaluate.js';
import type {ResponseClock} from '../alerts/escalation.js';
import type {PagingIncident} from './types.js';

/** The incident an alert is joined to, and how many more open incidents also match it. */
export interface AlertIncident {
  readonly incident: PagingIncident;
  readonly by: 'key' | 'title';
  readonly others: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `word` standing alone: not inside a longer name (`ingestion` is not in `ingestion-worker`). */
const word = (w: string) => new RegExp(`(^|[^A-Za-z0-9_.-])${escape(w)}($|[^A-Za-z0-9_-])`, 'i');

/** Whether `title` names the alert and its target. */
export function titleMatches(title: string, name: string, target: string): boolean {
  if (!word(name).test(title)) return false;
  if (word(target).test(title)) return true;
  const parts = target.split('@').filter(Boolean);
  return parts.length > 1 && parts.every((p) => word(p).test(title));
}

/** The open incident for `alert`, if any. */
export function incidentFor(alert: Pick<ActiveAlert, 'key' | 'name' | 'target'>, incidents: readonly PagingIncident[]): AlertIncident | undefined {
  const open = incidents.filter((i) => i.status !== 'resolved');
  const byKey = open.filter((i) => i.incidentKey === alert.key);
  const byTitle = open.filter((i) => i.incidentKey !== alert.key && titleMatches(i.title, alert.name, alert.target));
  const newest = (list: readonly PagingIncident[]) => [...list].sort((a, b) => b.createdAt - a.createdAt)[0];
  const best = newest(byKey) ?? newest(byTitle);
  if (!best) return undefined;
  return {incident: best, by: byKey.length ? 'key' : 'title', others: byKey.length + byTitle.length - 1};
}

/** The respond clock stops when the incident is acknowledged (runbook: "Acknowledge in PagerDuty within 5 minutes"). */
export function stopClocks(clocks: readonly ResponseClock[], incident: PagingIncident | undefined): readonly ResponseClock[] {
  const ack = incident?.acknowledged;
  if (!ack) return clocks;
  return clocks.map((c) => (c.what === 'respond' ? {...c, acknowledged: ack} : c));
}

/** Alerts joined to their incidents; an acknowledged incident stops its alert's respond clock. */
export function withIncidents(alerts: readonly ActiveAlert[], incidents: readonly PagingIncident[] | undefined): readonly ActiveAlert[] {
  if (!incidents || incidents.length === 0) return alerts;
  return alerts.map((a) => {
    const paging = incidentFor(a, incidents);
    return paging ? {...a, paging, clocks: stopClocks(a.clocks, paging.incident)} : a;
  });
}

// Alerts as words: one line for the strip and `status`, and the full account for the alert view. Pure.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertRule} from '../data/alerts/rule.js';
import type {ResponseClock} from '../data/alerts/escalation.js';
import {duration, utcClock} from './format.js';

/** How long an alert has fired (or 0 while pending). */
export const firedFor = (alert: ActiveAlert, now: number): number => (alert.firingSince === undefined ? 0 : now - alert.firingSince);

/** A clock as words: "respond within 5m: 3m left", "resolve overdue by 20m", "acknowledged by Ana at 03:12Z". */
export function clockText(clock: ResponseClock): string {
  if (clock.acknowledged) return `acknowledged by ${clock.acknowledged.by} at ${utcClock(clock.acknowledged.at)}`;
  return clock.leftMs >= 0
    ? `${clock.what} within ${duration(clock.withinMs)}: ${duration(clock.leftMs)} left`
    : `${clock.what} overdue by ${duration(-clock.leftMs)}`;
}

/** The clock that matters now: the respond clock while it runs, then the resolve clock. */
export function currentClock(alert: ActiveAlert): ResponseClock | undefined {
  return alert.clocks.find((c) => c.what === 'respond' && (c.leftMs >= 0 || c.acknowledged)) ?? alert.clocks.find((c) => c.what === 'resolve');
}

/** Who comes next and when: "next CTO (if customer-impacting) in 3h26m". */
export function nextText(alert: ActiveAlert): string {
  const next = alert.escalation.next;
  return next ? `next ${next.who}${next.when ? ` (${next.when})` : ''} in ${duration(next.inMs)}` : '';
}

/**
 * One alert's line as its parts, most important first: what (severity, name, target), the value (with "(stale data)"
 * when the source stopped answering), how long it has fired, who to page now, the clock, who is next, the runbook
 * section. A narrow line keeps the leading parts whole (fitParts, src/data/text/width.ts).
 */
export function alertParts(alert: ActiveAlert, now: number, sev1Marker = '!!'): string[] {
  const mark = alert.severity === 1 ? `${sev1Marker} SEV-1 ${sev1Marker}` : `SEV-${alert.severity}`;
  const clock = currentClock(alert);
  return [
    `${mark} ${alert.name} ${alert.target}`,
    `${alert.summary}${alert.stale ? ' (stale data)' : ''}`,
    duration(firedFor(alert, now)),
    alert.escalation.now,
    clock ? clockText(clock) : '',
    nextText(alert),
    `runbook ${alert.runbook}`,
  ].filter(Boolean);
}

/** One alert as a line of text: what, how bad, since when, who to page now, the clock, who is next, the runbook section. */
export function alertText(alert: ActiveAlert, now: number, sev1Marker = '!!'): string {
  const parts = alertParts({...alert, stale: false}, now, sev1Marker);
  return `${parts.join(' · ')}${alert.stale ? ' (stale data)' : ''}`;
}

/** "4 catalog alerts not evaluated: no source (DiskSpaceLow, ...)", or '' when every rule was evaluated. */
export function coverageText(unevaluated: readonly AlertRule[]): string {
  if (unevaluated.length === 0) return '';
  const catalog = unevaluated.filter((r) => r.catalog).length;
  const noun = catalog === unevaluated.length ? 'catalog alert' : 'alert';
  return `${unevaluated.length} ${noun}${unevaluated.length === 1 ? '' : 's'} not evaluated: no source (${unevaluated.map((r) => r.name).join(', ')})`;
}

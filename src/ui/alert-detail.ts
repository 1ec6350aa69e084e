// The alert view's words (issue 14): the order of its list, one line per alert, and the full account of one alert —
// what and how much, since when, the runbook's condition, who is paged now and next, the clocks, the actions that fit
// (with their keys) and the runbook section's procedure. Pure: the view wraps, windows and colours these lines.
import type {AlertFit} from '../actions/alert-actions.js';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {Procedures} from '../data/procedures/load.js';
import {procedureLink, sectionOf} from '../data/procedures/parse.js';
import {alertParts, clockText} from './alert-text.js';
import {incidentLines} from './overlays/alert-incident.js';
import {duration, utcStamp} from './format.js';
import {groupAlerts} from '../data/alerts/incident-summary.js';
import type {Tone} from './theme.js';

export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

/** The alerts as the view lists them: firing in the incident summary's order (cause before burn), then pending. */
export function orderAlerts(alerts: readonly ActiveAlert[]): ActiveAlert[] {
  return [...groupAlerts(alerts).flatMap((g) => g.alerts), ...alerts.filter((a) => a.state === 'pending')];
}

/** One alert as a list line: the strip's words for a firing alert; how long the condition has held for a pending one. */
export function listText(a: ActiveAlert, now: number, sev1Marker: string): string {
  return listParts(a, now, sev1Marker).join(' · ');
}

/** The list's line as parts, so a narrow list keeps whole facts (fitParts). */
export function listParts(a: ActiveAlert, now: number, sev1Marker: string): string[] {
  if (a.state === 'firing') return alertParts(a, now, sev1Marker);
  const held = `condition held ${duration(now - a.activeSince)} of ${duration(a.forMs)}`;
  return [`pending SEV-${a.severity} ${a.name} ${a.target}`, a.summary, held, `runbook ${a.runbook}`];
}

/** "next: Secondary on-call in 46m", or '' when nobody comes next. */
function nextLine(a: ActiveAlert): string {
  const next = a.escalation.next;
  return next ? `next: ${next.who}${next.when ? ` (${next.when})` : ''} in ${duration(next.inMs)}` : 'next: nobody further in the escalation matrix';
}

/** The steps of the section the alert cites, or where to find them. */
function procedureLines(a: ActiveAlert, procedures: Procedures | undefined): DetailLine[] {
  const section = sectionOf(a.runbook);
  if (!procedures) return [{text: `procedure ${a.runbook}: no procedures loaded`, tone: 'muted'}];
  const link = procedureLink(procedures.urlTemplate, section);
  const steps = procedures.sections.get(section)?.lines ?? [];
  const head = steps.length
    ? {text: `procedure ${a.runbook}, from ${procedures.origin}:`, bold: true}
    : {text: procedures.error ?? `procedure ${a.runbook}: no section ${section} in ${procedures.origin}`, tone: 'warn' as const};
  return [head, ...steps.map((l) => ({text: `  ${l}`})), ...(link ? [{text: `link: ${link}`, tone: 'info' as const}] : [])];
}

/** The actions that fit, each with its key (`keyOf` reads the keymap), then why others are not offered. */
function actionLines(fit: AlertFit, keyOf: (kind: string) => string): DetailLine[] {
  if (fit.offers.length === 0 && fit.notes.length === 0)
    return [{text: "actions: none of the cockpit's actions fits this alert; follow the procedure", tone: 'muted'}];
  return [
    {text: 'actions:', bold: true},
    ...fit.offers.map((o) => ({text: `  ${keyOf(o.request.kind).padEnd(2)} ${o.label} — ${o.why}`, tone: 'accent' as const, bold: true})),
    ...fit.notes.map((n) => ({text: `  ${n}`, tone: 'muted' as const})),
  ];
}

/** The full account of one alert, before wrapping. */
export function detailLines(a: ActiveAlert, now: number, procedures: Procedures | undefined, fit: AlertFit, keyOf: (kind: string) => string): DetailLine[] {
  const firing =
    a.firingSince !== undefined
      ? `firing for ${duration(now - a.firingSince)}`
      : `pending: condition held ${duration(now - a.activeSince)} of ${duration(a.forMs)}`;
  return [
    {text: `value: ${a.summary}${a.stale ? ' (stale data: the source stopped answering)' : ''}`},
    {text: `since ${utcStamp(a.activeSince)} (${duration(now - a.activeSince)} ago) · ${firing}`},
    {text: `condition: ${a.threshold}`},
    // A pending alert pages nobody yet: say who it pages when its `for` duration is met.
    {text: `escalation ${a.state === 'firing' ? 'now' : 'once it fires'}: ${a.escalation.now}`, tone: a.state === 'firing' ? 'crit' : 'muted'},
    {text: `escalation ${nextLine(a)}`},
    ...(a.clocks.length ? [{text: `clock: ${a.clocks.map(clockText).join(' · ')}`}] : []),
    ...incidentLines([a], now).map((text) => ({text, tone: a.paging?.incident.status === 'triggered' ? ('warn' as const) : undefined})),
    ...(a.escalation.note ? [{text: `runbook conflict: ${a.escalation.note}`, tone: 'warn' as const}] : []),
    ...actionLines(fit, keyOf),
    ...procedureLines(a, procedures),
  ];
}

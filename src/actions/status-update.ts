// The status update the runbook asks for (Topic 7, War Room Updates: "Every 15 minutes: IC posts status update";
// SEV-2 actions: "Post updates every 30 min"), composed from the alerts firing now and the journal, and when the next
// one is due. Pure: the editor shows the text, the header shows the countdown. docs/status-updates.md.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {SEVERITY_POLICY, type Severity} from '../data/alerts/escalation.js';
import {sanitizeLine} from '../data/text/sanitize.js';
import {duration} from '../data/text/units.js';
import {groupAlerts, groupText} from '../data/alerts/incident-summary.js';
import type {JournalEntry} from './journal.js';

/** The journal's name for a status update (copied or posted). */
export const UPDATE_ACTION = 'update';

/** The runbook's war room for SEV-1 and SEV-2 (Topic 5, Alert Channels; Topic 7). */
export const INCIDENT_CHANNEL = '#atp-incidents';

/** When the next update is due, and how often the runbook asks for one. */
export interface UpdateDue {
  readonly severity: Severity;
  readonly everyMin: number;
  /** The last update copied or posted, or the incident's start when there was none since. */
  readonly from: number;
  readonly dueAt: number;
  /** Negative when overdue. */
  readonly leftMs: number;
}

const firing = (alerts: readonly ActiveAlert[]) => alerts.filter((a) => a.state === 'firing');

/** When the incident began: the earliest moment a firing alert that asks for updates started firing. */
export function incidentStart(alerts: readonly ActiveAlert[]): number | undefined {
  let start: number | undefined;
  for (const a of firing(alerts)) {
    if (SEVERITY_POLICY[a.severity].updateEveryMin === undefined) continue;
    const t = a.firingSince ?? a.activeSince;
    if (start === undefined || t < start) start = t;
  }
  return start;
}

/**
 * The next update due: every 15 minutes while a SEV-1 fires, every 30 while the worst is a SEV-2, counted from the
 * last update copied or posted (or the incident's start, when the last update is older than the incident).
 * Undefined when nothing that asks for updates fires (SEV-3 posts "when resolved", SEV-4 never).
 */
export function updateDue(alerts: readonly ActiveAlert[], lastUpdateAt: number | undefined, now: number): UpdateDue | undefined {
  let severity: Severity | undefined;
  for (const a of firing(alerts))
    if (SEVERITY_POLICY[a.severity].updateEveryMin !== undefined && (severity === undefined || a.severity < severity)) severity = a.severity;
  const start = incidentStart(alerts);
  const everyMin = severity === undefined ? undefined : SEVERITY_POLICY[severity].updateEveryMin;
  if (severity === undefined || everyMin === undefined || start === undefined) return undefined;
  const from = Math.max(start, lastUpdateAt ?? start);
  const dueAt = from + everyMin * 60_000;
  return {severity, everyMin, from, dueAt, leftMs: dueAt - now};
}

/** When the last update was copied or posted, from the journal (entries in file order). */
export function lastUpdateAt(entries: readonly JournalEntry[], context: string): number | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    // One journal file can hold several contexts (the demo's too): another context's update is not this one's.
    if (e.action === UPDATE_ACTION && e.phase === 'finished' && e.context === context) return Date.parse(e.at);
  }
  return undefined;
}

/** `14:32 UTC`: the runbook's timeline format (Topic 8, "2025-10-30 14:32 UTC"), without the date. */
export function hhmm(t: number): string {
  return `${new Date(t).toISOString().slice(11, 16)} UTC`;
}

/** What the composer reads. */
export interface ComposeInput {
  readonly alerts: readonly ActiveAlert[];
  /** The journal (file order); only this context's entries since the incident began are listed. */
  readonly journal: readonly JournalEntry[];
  readonly now: number;
  readonly context: {readonly name: string; readonly environment: string};
  readonly lastUpdateAt?: number;
  /** At most this many things done are listed (the newest); the rest are counted. */
  readonly maxDone?: number;
}

/** The composed update: its text, and the time it promises the next one by. */
export interface ComposedUpdate {
  readonly text: string;
  readonly severity?: Severity;
  readonly nextAt?: number;
}

const clean = (s: unknown) => sanitizeLine(String(s ?? '')).trim();

/** `ingestion@us-east` → region `us-east`, service `ingestion`; other targets (a DLQ entity, an SLO) name neither. */
function place(target: string): {service?: string; region?: string} {
  const at = target.lastIndexOf('@');
  return at > 0 ? {service: target.slice(0, at), region: target.slice(at + 1)} : {};
}

const uniq = (xs: readonly (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();

/** "Impact: ingestion, query in us-east; firing since 14:32 UTC (12m)". */
function impactLine(services: readonly string[], regions: readonly string[], start: number, now: number): string {
  const what = services.length ? services.join(', ') : 'see the alerts above';
  const where = regions.length ? ` in ${regions.join(', ')}` : '';
  return `Impact: ${what}${where}; firing since ${hhmm(start)} (${duration(now - start)})`;
}

/** What was done: finished and failed actions since `since`, oldest first, one line each. */
function doneLines(journal: readonly JournalEntry[], since: number, max: number): string[] {
  const done = journal.filter((e) => (e.phase === 'finished' || e.phase === 'failed') && e.action !== UPDATE_ACTION && Date.parse(e.at) >= since);
  const shown = done.slice(-max).map((e) => {
    const what = clean(e.message) || `${clean(e.action)} ${clean(e.target)}`;
    return `- ${hhmm(Date.parse(e.at))} ${e.phase === 'failed' ? 'FAILED: ' : ''}${what} (${clean(e.who?.user) || '?'})`;
  });
  const older = done.length - shown.length;
  return [...(older > 0 ? [`- (${older} earlier action${older === 1 ? '' : 's'} in the journal)`] : []), ...shown];
}

/** Composes the update: what is wrong, impact and regions, what was done and when, and the next update time. */
export function composeUpdate(input: ComposeInput): ComposedUpdate {
  const {alerts, now, context} = input;
  // A shared journal file holds other contexts too (the demo's): their actions are not this incident's.
  const journal = input.journal.filter((e) => e.context === context.name);
  const groups = groupAlerts(alerts);
  const top = groups[0];
  const where = `context ${clean(context.name)}${context.name === context.environment ? '' : ` (${clean(context.environment)})`}`;
  if (!top) {
    // Nothing fires: what was done lately (the last update onwards, at most 4 hours back), for a closing update.
    const done = doneLines(journal, Math.max(input.lastUpdateAt ?? 0, now - 4 * 3_600_000), input.maxDone ?? 8);
    const lines = [
      `Status update ${hhmm(now)} · ${where}`,
      'Status: Mitigated (no alert is firing now)',
      'What was done:',
      ...(done.length ? done : ['- nothing recorded in the journal']),
    ];
    return {text: lines.join('\n')};
  }
  const worst = top.worst;
  const start = incidentStart(alerts) ?? worst.firingSince ?? worst.activeSince;
  const due = updateDue(alerts, input.lastUpdateAt, now);
  const everyMin = due?.everyMin ?? SEVERITY_POLICY[worst.severity].updateEveryMin;
  const nextAt = everyMin === undefined ? undefined : now + everyMin * 60_000;
  const places = firing(alerts).map((a) => place(a.target));
  const services = uniq(places.map((p) => p.service));
  const regions = uniq(places.map((p) => p.region));
  const others = groups.length - 1;
  // The runbook's channel topic: "[SEV-X] [Service] Brief description" (Topic 7, War Room Creation).
  const title = `[SEV-${worst.severity}] ${clean(services[0] ?? worst.target)} ${clean(worst.name)}${others ? ` (+${others} more)` : ''}`;
  const wrong = groups
    .slice(0, 5)
    .map((g) => `- SEV-${g.worst.severity} ${clean(groupText(g))}: ${clean(g.worst.summary)} (since ${hhmm(g.worst.firingSince ?? g.worst.activeSince)})`);
  if (groups.length > 5) wrong.push(`- and ${groups.length - 5} more alert group(s)`);
  const done = doneLines(journal, start, input.maxDone ?? 8);
  const lines = [
    `${title} · status update ${hhmm(now)} · ${where}`,
    'Status: Investigating',
    'What is wrong:',
    ...wrong,
    impactLine(services, regions, start, now),
    `Regions: ${regions.length ? regions.join(', ') : 'not region-specific'}`,
    'What was done:',
    ...(done.length ? done : ['- nothing recorded in the journal yet']),
    `Escalation: ${clean(worst.escalation.now)}`,
    nextAt === undefined ? 'Next update: when resolved' : `Next update: by ${hhmm(nextAt)} (every ${everyMin} min for SEV-${due?.severity ?? worst.severity})`,
  ];
  return {text: lines.join('\n'), severity: worst.severity, nextAt};
}

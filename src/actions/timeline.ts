// The incident timeline (issue 19): alert transitions and actions from the journal, colleagues' changes read back
// from Kubernetes Events, and deploy markers, merged into one ordered list for `incident show` and the `T` view.
// Pure: the callers read the journal, the Events and the revision histories. docs/incident-record.md.
import type {TeamAction} from '../data/sources/types.js';
import {sanitizeLine} from '../data/text/sanitize.js';
import {ALERT_ACTION} from './alert-record.js';
import type {JournalEntry} from './journal.js';

export type TimelineKind = 'alert' | 'deploy' | 'action' | 'page' | 'update' | 'team';

/** One line of the record. Every string is sanitised (one line, no control sequences). */
export interface TimelineEntry {
  readonly at: number;
  readonly kind: TimelineKind;
  /** `fired`/`cleared` for alerts, the journal phase for actions, `deployed`, or the colleague's action (`rollback`). */
  readonly what: string;
  /** The alert's name, the action's kind, or `revision N` for a deploy. */
  readonly subject: string;
  readonly target: string;
  readonly who?: string;
  readonly reason?: string;
  readonly incident?: string;
  /** An alert's value (the evaluation's own words, e.g. `errors 12.0% > 5.0%`), or a deploy's version. */
  readonly value?: string;
  readonly severity?: number;
  /** When an alert's condition began (its onset), before its `for` duration made it fire. */
  readonly onset?: number;
  readonly detail?: string;
  readonly source: 'journal' | 'kubernetes' | 'revisions';
  /** The journal entry's sequence number. */
  readonly seq?: number;
}

export type {DeployMarker} from './timeline-feed.js';
import type {DeployMarker} from './timeline-feed.js';

export interface TimelineInput {
  readonly journal: readonly JournalEntry[];
  /**
   * The context the record is about. A journal file can hold several contexts (the default path is shared by every
   * context of a config, the demo's included): a demo's simulated alerts must never read as a real incident's.
   */
  readonly context: string;
  readonly team?: readonly TeamAction[];
  readonly deploys?: readonly DeployMarker[];
  /** Only entries at or after this time (epoch ms). */
  readonly since?: number;
}

/** How long before and after a journaled action an Event by the same person counts as that action's own Event. */
export const OWN_EVENT_MS = 5 * 60_000;
/** How long after a deploy an alert on the same target counts as "errors began after the deploy". */
export const DEPLOY_WINDOW_MS = 60 * 60_000;

// Pages, acknowledgements and escalations (PagerDuty), and the posted updates, are journaled as actions like the
// others; their kind names which they are. Anything else is one of the cockpit's own actions.
const PAGE = /^(page|pager|pagerduty|acknowledge|ack|escalate|reassign|resolve|unacknowledge)([-_:.]|$)/i;
const UPDATE = /^(update|status-update|status|post|notify|slack|announce)([-_:.]|$)/i;

/** Which part of the record a journaled action belongs to, from its kind. */
export function kindOfAction(action: string): TimelineKind {
  if (action === ALERT_ACTION) return 'alert';
  if (PAGE.test(action) || /pagerduty/i.test(action)) return 'page';
  if (UPDATE.test(action)) return 'update';
  return 'action';
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? sanitizeLine(v) : undefined);
const time = (v: unknown, fallback: string): number => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : Date.parse(fallback);
};

/** Alert entries: each episode's first `fired` and its `cleared`; what a second cockpit wrote about it is left out. */
function alertEntries(journal: readonly JournalEntry[]): TimelineEntry[] {
  const open = new Set<string>();
  const out: TimelineEntry[] = [];
  for (const e of journal) {
    if (e.action !== ALERT_ACTION) continue;
    const p = e.params ?? {};
    const key = `${e.context}\u0000${String(p.key ?? e.target)}`;
    if (e.phase === 'fired') {
      if (open.has(key)) continue;
      open.add(key);
    } else if (e.phase === 'cleared') {
      if (!open.delete(key)) continue;
    } else continue;
    const severity = Number(p.severity);
    const onset = e.phase === 'fired' ? time(p.onset, e.at) : undefined;
    out.push({
      at: e.phase === 'fired' ? time(p.since, e.at) : time(p.clearedAt, e.at),
      kind: 'alert',
      what: e.phase,
      subject: text(p.alert) ?? 'alert',
      target: sanitizeLine(e.target),
      who: `${sanitizeLine(e.who.user)}@${sanitizeLine(e.who.host)}`,
      value: text(p.value),
      severity: Number.isInteger(severity) && severity > 0 ? severity : undefined,
      onset,
      detail: e.phase === 'fired' && typeof p.onset === 'string' && p.onset !== p.since ? `condition since ${p.onset.replace(/\.\d{3}Z$/, 'Z')}` : undefined,
      source: 'journal',
      seq: e.seq,
    });
  }
  return out;
}

/** The words of a posted or copied update (its `text` parameter), on one line and bounded. */
const UPDATE_TEXT_CHARS = 400;
function updateText(e: JournalEntry): string | undefined {
  const words = text(e.params?.text);
  return words && words.length > UPDATE_TEXT_CHARS ? `${words.slice(0, UPDATE_TEXT_CHARS - 1)}…` : words;
}

/** The cockpit's actions (every phase but `started`, which only repeats `confirmed`). */
function actionEntries(journal: readonly JournalEntry[]): TimelineEntry[] {
  return journal
    .filter((e) => e.action !== ALERT_ACTION && e.phase !== 'started')
    .map((e) => ({
      at: Date.parse(e.at),
      kind: kindOfAction(e.action),
      value: kindOfAction(e.action) === 'update' ? updateText(e) : undefined,
      what: e.phase,
      subject: sanitizeLine(e.action),
      target: sanitizeLine(e.target),
      who: `${sanitizeLine(e.who.user)}@${sanitizeLine(e.who.host)}`,
      reason: text(e.reason),
      incident: text(e.incident),
      detail: text(e.message),
      source: 'journal' as const,
      seq: e.seq,
    }));
}

/**
 * Colleagues' changes. An Event a journaled action left is not repeated: it carries that action's id, or (from a
 * cockpit that did not record the id) the same action, person and host near in time.
 */
function teamEntries(team: readonly TeamAction[], journal: readonly JournalEntry[]): TimelineEntry[] {
  const ids = new Set(journal.map((e) => e.actionId));
  const own = journal.filter((e) => e.action !== ALERT_ACTION && (e.phase === 'finished' || e.phase === 'failed' || e.phase === 'started'));
  const isOwn = (t: TeamAction) =>
    (t.id !== undefined && ids.has(t.id)) ||
    own.some((e) => e.action === t.action && e.who.user === t.by && e.who.host === t.host && Math.abs(Date.parse(e.at) - t.at) <= OWN_EVENT_MS);
  return team
    .filter((t) => !isOwn(t))
    .map((t) => ({
      at: t.at,
      kind: 'team' as const,
      what: sanitizeLine(t.action),
      subject: sanitizeLine(t.action),
      target: t.service ? `${sanitizeLine(t.service)}@${sanitizeLine(t.region)}` : `${sanitizeLine(t.object)}${t.region ? ` (${sanitizeLine(t.region)})` : ''}`,
      who: `${sanitizeLine(t.by)}@${sanitizeLine(t.host)}`,
      reason: text(t.reason),
      incident: text(t.incident),
      detail: text(t.message),
      source: 'kubernetes' as const,
    }));
}

/** Deploy markers, each with the first alert on its target whose condition began after it (within DEPLOY_WINDOW_MS). */
function deployEntries(deploys: readonly DeployMarker[], alerts: readonly TimelineEntry[]): TimelineEntry[] {
  const began = (a: TimelineEntry) => a.onset ?? a.at;
  return deploys.map((d) => {
    const after = alerts
      .filter((a) => a.what === 'fired' && a.target === d.target && began(a) >= d.at && began(a) - d.at <= DEPLOY_WINDOW_MS)
      .sort((a, b) => began(a) - began(b))[0];
    return {
      at: d.at,
      kind: 'deploy' as const,
      what: 'deployed',
      subject: `revision ${d.revision}`,
      target: sanitizeLine(d.target),
      value: sanitizeLine(d.version),
      detail: after ? `errors began ${minutes(began(after) - d.at)} after it (${after.subject}, fired ${minutes(after.at - d.at)} after)` : undefined,
      source: 'revisions' as const,
    };
  });
}

const minutes = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)}m`);

/** The record, oldest first (ties keep: deploys, alerts, then journal order, then colleagues). */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const journal = input.journal.filter((e) => e.context === input.context);
  const alerts = alertEntries(journal);
  const all = [...deployEntries(input.deploys ?? [], alerts), ...alerts, ...actionEntries(journal), ...teamEntries(input.team ?? [], journal)];
  const since = input.since ?? -Infinity;
  return all
    .map((e, i) => ({e, i}))
    .filter(({e}) => Number.isFinite(e.at) && e.at >= since)
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({e}) => e);
}

/** What `buildTimeline` left out for belonging to other contexts, in words (undefined when nothing was). */
export function otherContexts(journal: readonly JournalEntry[], context: string): string | undefined {
  const counts = new Map<string, number>();
  for (const e of journal) if (e.context !== context) counts.set(e.context, (counts.get(e.context) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const each = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${sanitizeLine(name)} ${n}`);
  return `${total} journal ${total === 1 ? 'entry' : 'entries'} of other contexts left out (${each.join(', ')})`;
}

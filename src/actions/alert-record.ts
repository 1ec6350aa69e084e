// Alert transitions into the journal, for the incident record (issue 19): an alert firing (name, severity, target,
// value, since) and clearing (its last value), each once, in the same hash chain as the actions. Only transitions are
// written, never every evaluation, and a flapping alert is held: it clears only after it stayed away for a while.
// docs/incident-record.md says who writes (never a read-only cockpit) and what is left out.
import {randomUUID} from 'node:crypto';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {PaneId} from '../data/readings/types.js';
import type {Identity} from './identity.js';
import type {Journal, JournalEntry, JournalRecord} from './journal.js';

/** The journal's `action` for alert transitions. */
export const ALERT_ACTION = 'alert';

/** How long a firing alert must stay away before it is recorded as cleared (a flapping alert writes one pair). */
export const CLEAR_HOLD_MS = 60_000;

/** What the record keeps about a firing alert. */
interface Open {
  readonly episode: string;
  readonly key: string;
  readonly name: string;
  readonly severity: number;
  readonly target: string;
  readonly runbook: string;
  /** The pane whose reading raises it (undefined when an older entry did not say). */
  readonly pane?: PaneId;
  readonly since: number;
  value: string;
  /** When it was first seen gone (undefined while it fires). */
  goneSince?: number;
}

export interface AlertScope {
  readonly journal: Journal;
  readonly identity: Identity;
  readonly context: string;
  readonly environment: string;
}

/** One evaluation as the recorder sees it. */
export interface AlertObservation {
  readonly alerts: readonly ActiveAlert[];
  readonly now: number;
  /** Panes that have a reading now: an alert of a pane without one is not known to have cleared. */
  readonly readPanes: ReadonlySet<PaneId>;
  /** Rules no reading could evaluate now (by name): their alerts are not known to have cleared either. */
  readonly unevaluated: ReadonlySet<string>;
}

/** The region of a target written `service@region` (undefined for entities and volumes). */
export function regionOf(target: string): string | undefined {
  const at = target.lastIndexOf('@');
  return at > 0 ? target.slice(at + 1) : undefined;
}

/** Alerts of `context` whose last journaled transition is `fired`: still open in the record. */
export function openAlerts(entries: readonly JournalEntry[], context: string): ReadonlyMap<string, JournalEntry> {
  const open = new Map<string, JournalEntry>();
  for (const e of entries) {
    if (e.action !== ALERT_ACTION || e.context !== context) continue;
    const key = typeof e.params?.key === 'string' ? e.params.key : undefined;
    if (!key) continue;
    if (e.phase === 'fired') open.set(key, e);
    else if (e.phase === 'cleared') open.delete(key);
  }
  return open;
}

/** Watches evaluations and journals each alert's firing and clearing once. Appends run one after another. */
export class AlertRecorder {
  private readonly open = new Map<string, Open>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly scope: AlertScope,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly holdMs = CLEAR_HOLD_MS,
  ) {
    // Alerts the journal still holds open (this cockpit or another one quit while they fired): not fired again
    // when they are still firing, and cleared when this cockpit finds them gone.
    for (const [key, e] of openAlerts(scope.journal.read(), scope.context)) {
      const p = e.params ?? {};
      const since = typeof p.since === 'string' ? Date.parse(p.since) : Date.parse(e.at);
      this.open.set(key, {
        episode: e.actionId,
        key,
        name: String(p.alert ?? key.split(':')[0]),
        severity: Number(p.severity ?? 0),
        target: e.target,
        runbook: String(p.runbook ?? ''),
        pane: typeof p.pane === 'string' ? (p.pane as PaneId) : undefined,
        since,
        value: String(p.value ?? ''),
      });
    }
  }

  /** Diffs one evaluation against the record; writes what changed. Never throws (errors go to `onError`). */
  observe(o: AlertObservation): void {
    const present = new Set<string>();
    for (const a of o.alerts) {
      present.add(a.key);
      if (a.state !== 'firing') continue;
      const known = this.open.get(a.key);
      if (known) {
        known.value = a.summary;
        known.goneSince = undefined;
        continue;
      }
      const since = a.firingSince ?? o.now;
      const {key, name, severity, target, runbook, pane} = a;
      const open: Open = {episode: randomUUID(), key, name, severity, target, runbook, pane, since, value: a.summary};
      this.open.set(a.key, open);
      this.write('fired', open, {since: iso(since), onset: iso(a.activeSince)}, `${a.name} SEV-${a.severity} ${a.target}: ${a.summary}`);
    }
    for (const open of [...this.open.values()]) {
      if (present.has(open.key)) continue;
      const known = (open.pane === undefined || o.readPanes.has(open.pane)) && !o.unevaluated.has(open.name);
      if (!known) continue;
      open.goneSince ??= o.now;
      if (o.now - open.goneSince < this.holdMs) continue;
      this.open.delete(open.key);
      this.write('cleared', open, {since: iso(open.since), clearedAt: iso(open.goneSince)}, `${open.name} ${open.target} cleared (last: ${open.value})`);
    }
  }

  /** Resolves when every transition observed so far is written (tests, and before quitting). */
  flush(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private write(phase: 'fired' | 'cleared', a: Open, times: Record<string, string>, message: string): void {
    const {journal, identity, context, environment} = this.scope;
    const region = regionOf(a.target);
    const record: JournalRecord = {
      actionId: a.episode,
      action: ALERT_ACTION,
      phase,
      who: identity,
      context,
      environment,
      target: a.target,
      params: {alert: a.name, key: a.key, severity: a.severity, runbook: a.runbook, pane: a.pane, value: a.value, ...(region ? {region} : {}), ...times},
      message,
    };
    this.queue = this.queue.then(() => journal.append(record)).catch(this.onError);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

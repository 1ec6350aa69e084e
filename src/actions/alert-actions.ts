// Which actions fit an alert (issue 14), as requests for the normal action flow: the alert view offers them, and the
// flow still resolves the target, checks read-only and freezes, confirms and journals. Pure: the view passes in what
// it read (the revision history, the freezes, what the context's sources can do).
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {Freeze, FreezeKind, Revision, ServiceRef} from '../data/sources/types.js';
import {duration} from '../data/text/units.js';
import type {FreezeRequest} from './defs/freeze.js';
import type {ReplayRequest} from './defs/replay.js';
import type {RollbackRequest} from './defs/rollback.js';

/**
 * A deploy is "recent" for an alert when the running revision went live at most this long before the alert's
 * condition began. An hour covers the slow failures (a leak, a queue that fills) while a deploy from yesterday is
 * no longer the first suspect; the runbook's procedures (6.1, 6.2, 6.3) say "if a deploy preceded it, roll back".
 */
export const DEPLOY_WINDOW_MS = 60 * 60_000;
/** A revision that went live this little after the alert began still counts: the cluster's clock and ours differ. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** Alerts a bad release causes (runbook 6.1, 6.2, 6.3 each say to roll back a deploy that preceded it). */
const RELEASE_ALERTS: ReadonlySet<string> = new Set(['ServiceDown', 'HighErrorRate', 'HighLatency']);

/** The actions the alert view may offer: their keys there act on the selected alert, never on a pane's row. */
export const ALERT_ACTION_KINDS: ReadonlySet<string> = new Set(['rollback', 'replay', 'freeze']);

/** One action the alert view offers: the request for the flow, and why it fits. */
export interface AlertAction {
  /** The request of the action's definition (src/actions/defs): its `kind` is the action, and names its key. */
  readonly request: RollbackRequest | ReplayRequest | FreezeRequest;
  /** What the key does, e.g. `roll back ingestion@us-east`. */
  readonly label: string;
  readonly why: string;
}

/** What fits an alert: the offers, and why an action a person might expect is not offered. */
export interface AlertFit {
  readonly offers: readonly AlertAction[];
  readonly notes: readonly string[];
}

/** The revision history as the view read it. */
export type HistoryState =
  {readonly state: 'loading'} | {readonly state: 'known'; readonly history: readonly Revision[]} | {readonly state: 'error'; readonly message: string};

export interface FitInput {
  /** The health pane's source can roll back. */
  readonly canRollback: boolean;
  /** The DLQ pane's source can replay. */
  readonly canReplay: boolean;
  /** The kinds the context's freezer knows (empty: no source can freeze). */
  readonly freezeKinds: readonly FreezeKind[];
  readonly freezes: readonly Freeze[];
  /** The revision history of the alert's service (only read for the alerts a release causes). */
  readonly history?: HistoryState;
}

/** The SERVICE@REGION a release alert names, or undefined for any other alert. */
export function releaseTarget(alert: ActiveAlert): ServiceRef | undefined {
  const at = alert.target.lastIndexOf('@');
  if (!RELEASE_ALERTS.has(alert.name) || at <= 0) return undefined;
  return {service: alert.target.slice(0, at), region: alert.target.slice(at + 1)};
}

/** The rollback when the running revision went live shortly before the alert began; otherwise why not. */
export function rollbackFit(alert: ActiveAlert, ref: ServiceRef, history: readonly Revision[]): AlertAction | string {
  const active = history.find((r) => r.active);
  const name = `${ref.service}@${ref.region}`;
  if (!active) return `no rollback: ${name} has no running revision in its history`;
  if (!history.some((r) => !r.active)) return `no rollback: ${name} has no earlier revision`;
  if (active.createdAt === undefined) return `no rollback offered: the history does not say when revision ${active.revision} went live`;
  const lead = alert.activeSince - active.createdAt;
  const rev = `revision ${active.revision} (${active.version})`;
  if (lead < -CLOCK_SKEW_MS) return `no rollback offered: ${rev} went live ${duration(-lead)} after the alert began`;
  if (lead > DEPLOY_WINDOW_MS) return `no rollback offered: ${rev} went live ${duration(lead)} before the alert began, not a recent deploy`;
  const when = lead >= 0 ? `${duration(lead)} before the alert began` : 'as the alert began';
  return {request: {kind: 'rollback', service: ref.service, region: ref.region}, label: `roll back ${name}`, why: `${rev} went live ${when}`};
}

/** The DLQ entity a DLQBacklog alert is about (its key is `DLQBacklog:ENTITY`, the full path the replay needs). */
export function backlogEntity(alert: ActiveAlert): string | undefined {
  const prefix = 'DLQBacklog:';
  return alert.name === 'DLQBacklog' && alert.key.startsWith(prefix) ? alert.key.slice(prefix.length) : undefined;
}

/** The actions that fit `alert`: rollback for a bad deploy, replay for a DLQ backlog, freeze integrity on tampering. */
export function alertActions(alert: ActiveAlert, input: FitInput): AlertFit {
  const offers: AlertAction[] = [];
  const notes: string[] = [];
  const ref = releaseTarget(alert);
  if (ref && input.canRollback) {
    const h = input.history;
    if (!h || h.state === 'loading') notes.push(`rollback: reading when ${ref.service}@${ref.region} was last deployed…`);
    else if (h.state === 'error') notes.push(`rollback: cannot read the revision history: ${h.message}`);
    else {
      const fit = rollbackFit(alert, ref, h.history);
      if (typeof fit === 'string') notes.push(fit);
      else offers.push(fit);
    }
  }
  const entity = backlogEntity(alert);
  if (entity && input.canReplay) {
    offers.push({request: {kind: 'replay', entity}, label: `replay ${entity}`, why: 'runbook 10.2: fix the cause first, then replay a small batch'});
  }
  if (alert.name === 'TamperDetected' && input.freezeKinds.includes('integrity')) {
    const frozen = input.freezes.find((f) => f.kind === 'integrity');
    if (frozen) notes.push(`integrity is already frozen (by ${frozen.by}: ${frozen.reason})`);
    else
      offers.push({
        request: {kind: 'freeze', freeze: 'integrity'},
        label: 'freeze integrity',
        why: 'runbook 17.1: purge and export stop while the tampering is investigated',
      });
  }
  return {offers, notes};
}

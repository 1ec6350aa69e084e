// Which actions fit an alert (issue 14), as requests for the normal action flow: the alert view offers them, the footer
// puts their keys first, and the flow still resolves the target, checks read-only and freezes, confirms and journals.
// Pure: the view passes in what it read (the revision history, the freezes, what the context's sources can do).
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {SCALE_MAX} from '../data/scale-check.js';
import type {ServiceHealth} from '../data/readings/types.js';
import type {Freeze, FreezeKind, Revision, ServiceRef} from '../data/sources/types.js';
import {duration} from '../data/text/units.js';
import type {FreezeRequest} from './defs/freeze.js';
import type {ReplayRequest} from './defs/replay.js';
import type {RollbackRequest} from './defs/rollback.js';
import type {ScaleRequest} from './defs/scale.js';
import {CAPACITY_STEP, outageOver, regionFit} from './region-fit.js';

/**
 * A deploy is "recent" for an alert when the running revision went live at most this long before the alert's
 * condition began. An hour covers the slow failures (a leak, a queue that fills) while a deploy from yesterday is
 * no longer the first suspect; the runbook's procedures (6.1, 6.2, 6.3) say "if a deploy preceded it, roll back".
 */
export const DEPLOY_WINDOW_MS = 60 * 60_000;
/** A revision that went live this little after the alert began still counts: the cluster's clock and ours differ. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** The actions an alert can call for; their keys in the alert view act on the selected alert, never on a pane's row. */
export type AlertActionKind = 'rollback' | 'replay' | 'freeze' | 'scale';

/** The runbook's action for an alert: which of the cockpit's actions, and the runbook's words for that step. */
export interface RunbookAction {
  readonly kind: AlertActionKind;
  readonly step: string;
}

/**
 * The one table of which runbook step is which cockpit action, by alert (the runbook's ATP Alert Catalog, Topic 6:
 * its "Runbook Section" and "Auto-Remediation" columns, and the procedures of those sections). The alert view offers
 * from it (after the checks below), and the footer puts the keys of the firing alerts' actions first. Alerts absent
 * here have no cockpit action: DatabaseConnectionFailure and MessageBusDown ("Retry, then page"), DiskSpaceLow,
 * CertificateExpiring, KeyRotationOverdue ("No"), ComplianceViolation (its freeze is of the breaching operation, which
 * the cockpit cannot name), and the burn alerts (their cause is found in the health pane). docs/alerts-and-escalation.md.
 */
export const RUNBOOK_ACTIONS: Readonly<Record<string, readonly RunbookAction[]>> = {
  ServiceDown: [{kind: 'rollback', step: 'runbook 6.1 (Service Restart): a deploy preceded the outage, roll it back rather than restart'}],
  HighErrorRate: [{kind: 'rollback', step: 'runbook 6.2 (Error Investigation): a bad release is rolled back'}],
  HighLatency: [{kind: 'rollback', step: 'runbook 6.3 (Performance Tuning): a deploy started it, roll it back'}],
  ProjectionLagHigh: [{kind: 'scale', step: 'runbook 10.1 (Projection Catchup), the catalog\'s remediation "Scale workers (KEDA)"'}],
  DLQBacklog: [{kind: 'replay', step: 'runbook 10.2 (DLQ Triage): fix the cause first, then replay a small batch'}],
  TamperDetected: [{kind: 'freeze', step: 'runbook 17.1 (Tamper Investigation), the catalog\'s "Freeze, escalate": purge and export stop'}],
  // Not in the catalog: the emergency procedure's "Verify secondary region capacity ... Scale up if needed" (region-fit.ts).
  RegionOutage: [{kind: 'scale', step: CAPACITY_STEP}],
};

/**
 * Why an action a person might expect is not offered, where the runbook speaks of it (shown in the alert's account
 * after the offers). Our reading of the runbook; docs/alerts-and-escalation.md gives the reasons at length.
 */
export const NOT_OFFERED: Readonly<Record<string, string>> = {
  ServiceDown:
    'no restart offered: the catalog\'s "Pod restart (K8s)" is what Kubernetes already does, and it has not brought a pod back; ' +
    'the runbook restarts only a transient 503 (x on the health row, if you judge it so)',
  HighLatency: 'no scale offered: the runbook scales out only saturated pods, which the alert cannot tell (s on the health row)',
  DatabaseConnectionFailure: 'no action: "Retry, then page"; restart only after the database answers again (a restart storm exhausts the pool)',
  MessageBusDown: 'no action: "Retry, then page"; the outboxes keep every event meanwhile',
  TamperDetected:
    "no restart offered: the runbook's security response says do not restart services (it preserves memory dumps); " + 'keep every piece of evidence',
};

/**
 * The actions the alert view may offer: their keys there act on the selected alert, never on a pane's row. Restart is
 * offered for no alert, and listed so that `x` there says why (NOT_OFFERED, a region outage: fail over) instead of
 * restarting the health pane's selected row.
 */
export const ALERT_ACTION_KINDS: ReadonlySet<string> = new Set([...Object.values(RUNBOOK_ACTIONS).flatMap((a) => a.map((x) => x.kind)), 'restart']);

/** The runbook's action of `alert` of kind `kind`, if the table has one. */
const runbookAction = (alert: ActiveAlert, kind: AlertActionKind) => RUNBOOK_ACTIONS[alert.name]?.find((a) => a.kind === kind);

/**
 * The kinds of action the firing alerts call for, worst alert first, each once (the footer's order). Pending alerts
 * do not count: their condition has not held long enough to act on.
 */
export function fittingKinds(alerts: readonly ActiveAlert[]): AlertActionKind[] {
  // A ServiceDown of a region that is wholly down calls for the outage's action, not its own rollback.
  const firing = alerts.filter((a) => a.state === 'firing' && !outageOver(a, alerts)).sort((a, b) => a.severity - b.severity);
  return [...new Set(firing.flatMap((a) => (RUNBOOK_ACTIONS[a.name] ?? []).map((x) => x.kind)))];
}

/**
 * The deployment whose workers run the projections (the runbook's `kubectl get pods -n atp-projection-ns`): a
 * ProjectionLagHigh on `timeline@us-east` scales `projection@us-east`.
 */
export const PROJECTION_SERVICE = 'projection';

/**
 * Our choice, not the runbook's (it names no count): the scale offered for a lagging projection doubles the workers
 * running, so they drain the backlog at about twice the rate events arrive, within the bounds every scale checks. The
 * form shows the current count, the HPA's range and the bounds, and the person changes the number before confirming.
 */
export const SUGGESTED_SCALE_FACTOR = 2;

/** One action the alert view offers: the request for the flow, and why it fits. */
export interface AlertAction {
  /** The request of the action's definition (src/actions/defs): its `kind` is the action, and names its key. */
  readonly request: RollbackRequest | ReplayRequest | FreezeRequest | ScaleRequest;
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
  /** The health pane's source can scale. */
  readonly canScale: boolean;
  /** The desired replicas of a service as the health pane last read them (the scale's suggestion doubles them). */
  readonly replicasOf?: (ref: ServiceRef) => number | undefined;
  /** The alerts as evaluated now, and the health pane's rows as last read (a region outage: region-fit.ts). */
  readonly alerts?: readonly ActiveAlert[];
  readonly services?: readonly ServiceHealth[];
  /** The kinds the context's freezer knows (empty: no source can freeze). */
  readonly freezeKinds: readonly FreezeKind[];
  readonly freezes: readonly Freeze[];
  /** The revision history of the alert's service (only read for the alerts a release causes). */
  readonly history?: HistoryState;
}

/** The SERVICE@REGION a release alert names, or undefined for any other alert. */
export function releaseTarget(alert: ActiveAlert): ServiceRef | undefined {
  const at = alert.target.lastIndexOf('@');
  if (!runbookAction(alert, 'rollback') || at <= 0) return undefined;
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
  const step = runbookAction(alert, 'rollback')?.step;
  return {
    request: {kind: 'rollback', service: ref.service, region: ref.region},
    label: `roll back ${name}`,
    why: `${step ? `${step}; ` : ''}${rev} went live ${when}`,
  };
}

/** The projection workers' SERVICE@REGION a ProjectionLagHigh names (its target is PROJECTION@REGION). */
export function lagWorkers(alert: ActiveAlert): ServiceRef | undefined {
  const at = alert.target.lastIndexOf('@');
  return runbookAction(alert, 'scale') && at > 0 ? {service: PROJECTION_SERVICE, region: alert.target.slice(at + 1)} : undefined;
}

/** Why the form starts where it does: the suggested count is ours, and says so. */
function suggestion(current: number | undefined, replicas: number | undefined): string {
  if (current === undefined || replicas === undefined) return 'the form starts from the current count';
  const how = replicas === current * SUGGESTED_SCALE_FACTOR ? `twice the ${current} running` : `${current} running, doubled within the bounds`;
  return `${replicas} is ${how} (our suggestion; change it in the form)`;
}

/** The scale of the projection workers for a lagging projection, prefilled with the suggested count; or why not. */
function scaleFit(alert: ActiveAlert, input: FitInput): AlertAction | string | undefined {
  const ref = lagWorkers(alert);
  if (!ref) return undefined;
  const name = `${ref.service}@${ref.region}`;
  if (!input.canScale) return `no scale offered: no source of the health pane can scale ${name}`;
  const current = input.replicasOf?.(ref);
  const replicas = current === undefined ? undefined : Math.min(SCALE_MAX, Math.max(1, current * SUGGESTED_SCALE_FACTOR));
  const step = runbookAction(alert, 'scale')?.step ?? '';
  return {
    request: {kind: 'scale', ...ref, ...(replicas !== undefined ? {replicas} : {})},
    label: replicas !== undefined ? `scale ${name} to ${replicas} replicas` : `scale ${name}`,
    why: `${step}; ${suggestion(current, replicas)}`,
  };
}

/** The DLQ entity a DLQBacklog alert is about (its key is `DLQBacklog:ENTITY`, the full path the replay needs). */
export function backlogEntity(alert: ActiveAlert): string | undefined {
  const prefix = 'DLQBacklog:';
  return alert.name === 'DLQBacklog' && alert.key.startsWith(prefix) ? alert.key.slice(prefix.length) : undefined;
}

/**
 * The actions that fit `alert`: rollback for a bad deploy, replay for a DLQ backlog, freeze integrity on tampering, and
 * for a region outage the scale of the healthy region's services (region-fit.ts).
 */
export function alertActions(alert: ActiveAlert, input: FitInput): AlertFit {
  // A region outage first: its own scale, and neither restart nor rollback for the services of the dark region.
  const region = regionFit(alert, input);
  if (region) return region;
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
    offers.push({request: {kind: 'replay', entity}, label: `replay ${entity}`, why: runbookAction(alert, 'replay')?.step ?? ''});
  }
  if (runbookAction(alert, 'freeze') && input.freezeKinds.includes('integrity')) {
    const frozen = input.freezes.find((f) => f.kind === 'integrity');
    if (frozen) notes.push(`integrity is already frozen (by ${frozen.by}: ${frozen.reason})`);
    else
      offers.push({
        request: {kind: 'freeze', freeze: 'integrity'},
        label: 'freeze integrity',
        why: runbookAction(alert, 'freeze')?.step ?? '',
      });
  }
  const scale = scaleFit(alert, input);
  if (typeof scale === 'string') notes.push(scale);
  else if (scale) offers.push(scale);
  const not = NOT_OFFERED[alert.name];
  if (not) notes.push(not);
  return {offers, notes};
}

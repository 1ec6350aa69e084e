// Acknowledge, escalate and resolve a PagerDuty incident: each an action as data, with the curl line that does the
// same (the token as $ENV_VAR, never its value). Escalating says whom it pages, and what the runbook's matrix asks.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {describeError} from '../data/errors.js';
import {curlCommand} from '../data/pagerduty/command.js';
import {RUNBOOK_LEVELS} from '../data/pagerduty/config.js';
import type {LevelTargets, Pager, PagingChange, PagingIncident} from '../data/pagerduty/types.js';
import {duration, utcClock} from '../data/text/units.js';
import {refusalLive, whereContext, type PlanEnv} from './env.js';
import type {ActionPlan, ActionResult} from './types.js';

/** The PagerDuty incident changes: their definitions' kinds and journal action names. */
export type PagingActionKind = 'acknowledge' | 'escalate' | 'resolve';

/** `PD#1042`: the name a person types to confirm in production. */
export const incidentTarget = (i: PagingIncident): string => `PD#${i.number || i.id}`;

/** Our choice: a change is one small request; 10 s is plenty, and the run's own signal cancels sooner. */
const READ_TIMEOUT_MS = 10_000;

function pagerOf(env: PlanEnv): Pager {
  const pager = env.session.paging?.pager;
  if (!pager) throw new Error(`context ${env.session.context.name} has no paging service (add "paging" to it: docs/pagerduty.md)`);
  return pager;
}

const about = (alert: ActiveAlert | undefined) => (alert ? ` (${alert.name} ${alert.target})` : '');
const people = (i: PagingIncident) => (i.assignees.length ? i.assignees.join(', ') : 'nobody');

interface Shape {
  readonly kind: PagingActionKind;
  readonly change: PagingChange;
  readonly title: string;
  readonly effect: string;
  readonly blastRadius: string;
  readonly notes: readonly string[];
  readonly params?: Readonly<Record<string, unknown>>;
  /** Why the re-read incident refuses this change, if it does. */
  refuse(now: PagingIncident): string | undefined;
  call(pager: Pager, control: Parameters<ActionPlan['run']>[0]): ReturnType<Pager['acknowledge']>;
  done(after: PagingIncident): string;
}

function plan(env: PlanEnv, incident: PagingIncident, alert: ActiveAlert | undefined, shape: Shape): ActionPlan {
  const pager = pagerOf(env);
  const target = incidentTarget(incident);
  return {
    kind: shape.kind,
    title: shape.title,
    target,
    where: [
      whereContext(env),
      pager.kind === 'demo' ? 'demo PagerDuty (nobody is paged)' : pager.baseUrl,
      `service ${incident.service.name}`,
      `as ${pager.from}`,
    ].join(' · '),
    effect: shape.effect,
    command: curlCommand(pager, incident.id, shape.change),
    blastRadius: shape.blastRadius,
    notes: shape.notes.length ? shape.notes : undefined,
    params: {incidentId: incident.id, incidentNumber: incident.number, title: incident.title, alert: alert?.key, severity: alert?.severity, ...shape.params},
    before: {status: incident.status, assignees: incident.assignees, level: incident.level, acknowledgedBy: incident.acknowledged?.by},
    requireReason: false,
    cancellable: false,
    async preconditions() {
      const common = await refusalLive(env, {kind: shape.kind, rules: [{rule: 'writable'}]});
      if (common) return common;
      let now: PagingIncident;
      try {
        now = await pager.get(incident.id, AbortSignal.timeout(READ_TIMEOUT_MS));
      } catch (error) {
        return `refused: cannot re-read ${target} from PagerDuty (${describeError(error)})`;
      }
      if (now.status === 'resolved') return `refused: ${target} is already resolved`;
      return shape.refuse(now);
    },
    async run(control): Promise<ActionResult> {
      const {incident: after} = await shape.call(pager, control);
      return {
        ok: true,
        message: shape.done(after),
        after: {
          status: after.status,
          assignees: after.assignees,
          level: after.level,
          acknowledgedBy: after.acknowledged?.by,
          acknowledgedAt: after.acknowledged?.at,
        },
      };
    },
  };
}

/** Acknowledge: PagerDuty stops notifying, and the alert's respond clock stops. */
export function acknowledgePlan(env: PlanEnv, incident: PagingIncident, alert?: ActiveAlert): ActionPlan {
  const respond = alert?.clocks.find((c) => c.what === 'respond');
  const left = respond && (respond.leftMs >= 0 ? `${duration(respond.leftMs)} left` : `overdue by ${duration(-respond.leftMs)}`);
  const clock = respond ? ` (SEV-${alert!.severity}: respond within ${duration(respond.withinMs)}, ${left})` : '';
  return plan(env, incident, alert, {
    kind: 'acknowledge',
    change: {status: 'acknowledged'},
    title: `Acknowledge PagerDuty incident #${incident.number}${about(alert)}`,
    effect:
      `${incidentTarget(incident)} goes from ${incident.status} to acknowledged as ${pagerOf(env).from}: ` +
      `PagerDuty stops notifying ${people(incident)}; the alert's respond clock stops${clock}`,
    blastRadius: `one incident (${incidentTarget(incident)} on ${incident.service.name}); nobody new is paged; the alert keeps firing until its cause is fixed`,
    notes: [],
    refuse: (now) => {
      if (now.status !== 'acknowledged') return undefined;
      const by = now.acknowledged ? ` by ${now.acknowledged.by} at ${utcClock(now.acknowledged.at)}` : '';
      return `refused: ${incidentTarget(incident)} is already acknowledged${by}`;
    },
    call: (pager, control) => pager.acknowledge(incident.id, control),
    done: (after) => `${incidentTarget(after)} acknowledged${after.acknowledged ? ` by ${after.acknowledged.by} at ${utcClock(after.acknowledged.at)}` : ''}`,
  });
}

/** The runbook role of level `n` of an escalation policy (Topic 43: L1 Primary, L2 Secondary, L3 Manager). */
export function runbookRole(level: number, names: readonly string[] = RUNBOOK_LEVELS): string | undefined {
  return names[level - 1];
}

/** What the runbook's matrix says about paging `role` for this alert now (escalation.ts, Topic 9 and 43). */
function matrixNote(alert: ActiveAlert | undefined, role: string | undefined, now: number): string {
  if (!alert || !role) return "no alert is joined to this incident: the runbook's matrix cannot be checked";
  const short = role.replace(/ \(.*\)$/, '');
  const at = `SEV-${alert.severity} firing ${duration(alert.firingSince === undefined ? 0 : Math.max(0, now - alert.firingSince))}`;
  if (alert.escalation.engaged.some((w) => w.startsWith(short))) return `runbook matrix (${at}): ${short} is due now`;
  const next = alert.escalation.next;
  if (next && next.who === short) return `runbook matrix (${at}): ${short} is due in ${duration(next.inMs)}; escalating now is earlier than it asks`;
  return `runbook matrix (${at}): ${alert.escalation.now}; it does not call for ${short} yet`;
}

/** Escalate to the next level of the incident's policy: whom that pages, from PagerDuty's policy or the runbook. */
export async function escalatePlan(env: PlanEnv, incident: PagingIncident, alert?: ActiveAlert): Promise<ActionPlan> {
  const pager = pagerOf(env);
  const from = incident.level ?? 1;
  const to = from + 1;
  let levels: readonly LevelTargets[] | undefined;
  let policyError: string | undefined;
  try {
    levels = await pager.levels(incident.escalationPolicy.id, AbortSignal.timeout(READ_TIMEOUT_MS));
  } catch (error) {
    policyError = describeError(error);
  }
  const role = runbookRole(to);
  const targets = levels?.find((l) => l.level === to)?.targets;
  const last = levels ? to > levels.length : to > RUNBOOK_LEVELS.length;
  const pages = targets?.length ? `${targets.join(', ')}${role ? ` (runbook: ${role.replace(/ \(.*\)$/, '')})` : ''}` : (role ?? `level ${to}`);
  const notes = [
    matrixNote(alert, role, env.now()),
    ...(incident.level === undefined ? ['PagerDuty did not say which level the incident is at (no assignee found in /oncalls): level 1 assumed'] : []),
    ...(policyError ? [`escalation policy ${incident.escalationPolicy.name} could not be read (${policyError}): whom it pages is the runbook's rotation`] : []),
    ...(alert?.severity === 1 ? ['SEV-1: the runbook also asks for VP Engineering at once, by phone + e-mail (Topic 43 L4), outside PagerDuty'] : []),
  ];
  return plan(env, incident, alert, {
    kind: 'escalate',
    change: {escalationLevel: to},
    title: `Escalate PagerDuty incident #${incident.number} to level ${to}${about(alert)}: pages ${pages}`,
    effect:
      `${incidentTarget(incident)} is reassigned from level ${from} (${people(incident)}) to level ${to} of ${incident.escalationPolicy.name}: ` +
      `PagerDuty pages ${pages}; the incident is triggered again for them`,
    blastRadius: `pages ${pages} now (phone/SMS/push as their notification rules say); ${people(incident)} stop being notified`,
    notes,
    params: {fromLevel: from, toLevel: to, pages},
    refuse: (now) => {
      if (last)
        return (
          `refused: level ${from} is the last level of ${incident.escalationPolicy.name}; ` +
          'beyond it the runbook escalates by phone + e-mail (Topic 43: L4 VP Engineering)'
        );
      if ((now.level ?? 1) !== from) return `refused: ${incidentTarget(incident)} is now at level ${now.level} (changed since this plan); plan again`;
      return undefined;
    },
    call: (p, control) => p.escalate(incident.id, to, control),
    done: (after) => `${incidentTarget(after)} escalated to level ${after.level ?? to}: assigned ${people(after)}`,
  });
}

/** Resolve: the incident closes in PagerDuty (runbook Topic 7, step 7 "Resolve PagerDuty incident"). */
export function resolvePlan(env: PlanEnv, incident: PagingIncident, alert?: ActiveAlert): ActionPlan {
  const firing = alert?.state === 'firing';
  return plan(env, incident, alert, {
    kind: 'resolve',
    change: {status: 'resolved'},
    title: `Resolve PagerDuty incident #${incident.number}${about(alert)}`,
    effect: `${incidentTarget(incident)} goes from ${incident.status} to resolved: PagerDuty stops notifying ${people(incident)} and closes the incident`,
    blastRadius: `one incident (${incidentTarget(incident)} on ${incident.service.name}); a later trigger with the same dedup key opens a new incident`,
    notes: firing ? [`${alert!.name} ${alert!.target} is still firing: the alert integration may trigger a new incident at once`] : [],
    refuse: () => undefined,
    call: (pager, control) => pager.resolve(incident.id, control),
    done: (after) => `${incidentTarget(after)} resolved`,
  });
}

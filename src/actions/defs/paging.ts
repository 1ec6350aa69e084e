// Acknowledge, escalate and resolve a PagerDuty incident, declared once each: `A` / `E` / `X` or `:ack` /
// `:escalate` / `:resolve [PD#N]`. Without an incident named: the one open incident there is, or a pick among them
// (a target is never guessed). The plans are in ../paging.ts.
import {evaluateAlerts, type ActiveAlert} from '../../data/alerts/evaluate.js';
import {withIncidents} from '../../data/pagerduty/match.js';
import type {PagingIncident} from '../../data/pagerduty/types.js';
import {PANE_IDS, type ReadingByPane} from '../../data/readings/types.js';
import type {Session} from '../../data/session.js';
import {defineAction, type ActionDefinition, type KeySpec, type Next, type StepEnv} from '../definition.js';
import {acknowledgePlan, escalatePlan, incidentTarget, resolvePlan} from '../paging.js';
import type {ActionPlan, ActionRequest} from '../types.js';

export interface PagingRequest extends ActionRequest {
  readonly kind: 'acknowledge' | 'escalate' | 'resolve';
  /** `PD#1042`, `1042` or PagerDuty's id; empty: choose among the open incidents. */
  readonly incident: string;
}

const openIncidents = (session: Session): readonly PagingIncident[] => session.paging?.poller.snapshot().value?.incidents ?? [];

/** The incident `text` names: `PD#1042`, `#1042`, `1042` or its id. */
export function findIncident(incidents: readonly PagingIncident[], text: string): PagingIncident | undefined {
  const n = /^(?:PD)?#?(\d+)$/i.exec(text.trim())?.[1];
  return incidents.find((i) => i.id === text.trim() || (n !== undefined && i.number === Number(n)));
}

/** The firing alert joined to `incident`, evaluated from the current readings (for its clocks and the matrix). */
function alertOf(env: StepEnv, incident: PagingIncident): ActiveAlert | undefined {
  const readings = Object.fromEntries(PANE_IDS.map((p) => [p, env.snapshot(p).value])) as Partial<ReadingByPane>;
  const {alerts} = evaluateAlerts({readings, now: env.now(), thresholds: env.session.context.thresholds});
  return withIncidents(alerts, [incident]).find((a) => a.state === 'firing' && a.paging?.incident.id === incident.id);
}

interface Spec {
  readonly kind: PagingRequest['kind'];
  readonly word: string;
  readonly key: KeySpec;
  readonly confirmLabel: string;
  readonly typedName: boolean;
  /** Which open incidents the action can act on. */
  readonly fits: (i: PagingIncident) => boolean;
  readonly none: string;
  readonly plan: (env: StepEnv, incident: PagingIncident, alert: ActiveAlert | undefined) => ActionPlan | Promise<ActionPlan>;
}

function planSteps(spec: Spec, env: StepEnv, incident: PagingIncident): Next {
  const built = spec.plan(env, incident, alertOf(env, incident));
  if (!(built instanceof Promise)) return {step: 'plan', plan: built};
  return {
    step: 'loading',
    title: `Reading the escalation policy of ${incidentTarget(incident)}…`,
    next: built.then((plan) => ({step: 'plan', plan})),
    failTitle: spec.confirmLabel,
  };
}

function pagingAction(spec: Spec): ActionDefinition {
  const title = `${spec.confirmLabel} a PagerDuty incident`;
  return defineAction<PagingRequest>({
    kind: spec.kind,
    key: spec.key,
    command: {
      word: spec.word,
      usage: '[PD#N]',
      parse: (arg) => ({kind: spec.kind, incident: arg}),
      complete: (session) => openIncidents(session).filter(spec.fits).map(incidentTarget),
    },
    available: (session) => session.paging !== undefined,
    request: () => ({kind: spec.kind, incident: ''}),
    target: (r) => r.incident || 'an open incident',
    rules: [{rule: 'writable'}],
    confirmLabel: spec.confirmLabel,
    typedName: spec.typedName,
    start: (request, env) => {
      const state = env.session.paging?.poller.snapshot();
      const all = state?.value?.incidents;
      if (!all) return {step: 'notice', title, text: `PagerDuty has not been read yet${state?.error ? `: ${state.error}` : ''}.`, tone: 'warn'};
      if (request.incident) {
        const found = findIncident(all, request.incident);
        if (!found) return {step: 'notice', title, text: `No open incident "${request.incident}". Open: ${all.map(incidentTarget).join(', ') || 'none'}.`};
        return planSteps(spec, env, found);
      }
      const candidates = all.filter(spec.fits);
      if (candidates.length === 0) return {step: 'notice', title, text: spec.none};
      if (candidates.length === 1) return planSteps(spec, env, candidates[0]!);
      return {
        step: 'pick',
        title: `${title}: ${candidates.length} open; choose one`,
        choices: candidates.map((i) => ({
          label: incidentTarget(i),
          detail: `${i.status} · ${i.title} · ${i.assignees.join(', ') || 'unassigned'}`,
          next: () => ({step: 'start', request: {kind: spec.kind, incident: incidentTarget(i)}}),
        })),
      };
    },
  });
}

// Acknowledging is what the runbook's 5 minutes ask for: no typed name even in production (it pages nobody).
export const acknowledge = pagingAction({
  kind: 'acknowledge',
  word: 'ack',
  key: {keys: ['A'], hint: 'ack page', help: "Acknowledge a PagerDuty incident (stops the alert's respond clock)", places: ['panes', 'alerts']},
  confirmLabel: 'Acknowledge',
  typedName: false,
  fits: (i) => i.status === 'triggered',
  none: 'No unacknowledged PagerDuty incident is open.',
  plan: acknowledgePlan,
});

export const escalate = pagingAction({
  kind: 'escalate',
  word: 'escalate',
  key: {keys: ['E'], hint: 'escalate', help: 'Escalate a PagerDuty incident to the next level (says whom it pages)', places: ['panes', 'alerts']},
  confirmLabel: 'Escalate',
  typedName: true,
  fits: (i) => i.status !== 'resolved',
  none: 'No PagerDuty incident is open.',
  plan: escalatePlan,
});

export const resolve = pagingAction({
  kind: 'resolve',
  word: 'resolve',
  key: {keys: ['X'], hint: 'resolve page', help: 'Resolve a PagerDuty incident', places: ['panes', 'alerts']},
  confirmLabel: 'Resolve',
  typedName: true,
  fits: (i) => i.status !== 'resolved',
  none: 'No PagerDuty incident is open.',
  plan: resolvePlan,
});

// Rollback, declared once: `r` on a health row or `:rollback SERVICE[@REGION]`; the revision history to choose from;
// the plan in ../rollback.ts. A reason is required, as for restart and scale: it is written on the deployment's
// change-cause and its Event, so the team and `kubectl rollout history` see why (runbook: every action traceable).
import {capabilityFor} from '../../data/session.js';
import {RollbackPicker} from '../../ui/dialogs/rollback-picker.js';
import {defineAction, type Next, type Step, type StepEnv} from '../definition.js';
import {defaultRevision, rollbackPlan} from '../rollback.js';
import {knownServices} from '../targets.js';
import type {ActionRequest} from '../types.js';
import {serviceRequest, serviceSteps} from './service-target.js';

export interface RollbackRequest extends ActionRequest {
  readonly kind: 'rollback';
  readonly service: string;
  readonly region?: string;
}

function revisions(env: StepEnv, service: string, region: string): Next {
  const found = capabilityFor(env.session, 'health', 'rollback');
  if (!found) throw new Error('no source of the health pane can roll back');
  const ref = {service, region};
  const next = found.capability.history(ref, AbortSignal.timeout(15_000)).then((history): Step => {
    if (history.length < 2) return {step: 'notice', title: 'Rollback', text: `${service}@${region} has no earlier revision to roll back to.`};
    const initial = Math.max(
      0,
      history.findIndex((h) => h === defaultRevision(history)),
    );
    return {
      step: 'form',
      render: (io) => (
        <RollbackPicker
          target={ref}
          history={history}
          initial={initial}
          onCancel={io.cancel}
          onPick={(to) => io.next(() => ({step: 'plan', plan: rollbackPlan(env, ref, history, to)}), 'Rollback')}
        />
      ),
    };
  });
  return {step: 'loading', title: `Reading the revision history of ${service}@${region}…`, next, failTitle: 'Rollback: cannot read the revision history'};
}

export const rollback = defineAction<RollbackRequest>({
  kind: 'rollback',
  key: {
    keys: ['r'],
    hint: 'rollback',
    help: 'Roll back the selected service (revision history, confirm, follow the rollout)',
    footer: 1,
    panes: ['health'],
    places: ['panes', 'detail'],
  },
  command: {
    word: 'rollback',
    usage: 'SERVICE[@REGION]',
    parse: (arg) => (arg ? {kind: 'rollback', ...serviceRequest(arg)} : 'usage: rollback SERVICE[@REGION]'),
    complete: (session) => {
      const services = knownServices(session.feeds.health.snapshot().value?.services ?? []);
      return [...new Set([...services.map((s) => s.split('@')[0] ?? s), ...services])];
    },
  },
  available: (session) => capabilityFor(session, 'health', 'rollback') !== undefined,
  row: {pane: 'health', missing: 'rollback: focus the health pane (1) and select a service'},
  request: (key = '') => ({kind: 'rollback', ...serviceRequest(key)}),
  target: (r) => `${r.service}${r.region ? `@${r.region}` : ''}`,
  holds: 'health',
  rules: [{rule: 'writable'}, {rule: 'fresh', pane: 'health'}],
  confirmLabel: 'Roll back',
  reasonRequired: true,
  start: (request, env) => {
    const ctx = env.session.context;
    if (!capabilityFor(env.session, 'health', 'rollback')) {
      return {
        step: 'notice',
        title: 'Rollback unavailable',
        text: `No source of the health pane in context ${ctx.name} can roll back (sources: ${ctx.panes.health.join(', ') || 'none'}).`,
      };
    }
    return serviceSteps(env, request, {verb: 'Roll back', title: 'Rollback', then: (ref) => revisions(env, ref.service, ref.region)});
  },
});

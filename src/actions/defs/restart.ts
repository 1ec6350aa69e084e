// Restart, declared once: `x` on a health row or `:restart SERVICE[@REGION]`; no form, the plan straight from the exact
// service (../restart.ts); a reason is required (it is written on the deployment and its Event).
import {capabilityFor} from '../../data/session.js';
import {defineAction} from '../definition.js';
import {restartPlan} from '../restart.js';
import {knownServices} from '../targets.js';
import type {ActionRequest} from '../types.js';
import {serviceRequest, serviceSteps} from './service-target.js';

export interface RestartRequest extends ActionRequest {
  readonly kind: 'restart';
  readonly service: string;
  readonly region?: string;
}

export const restart = defineAction<RestartRequest>({
  kind: 'restart',
  key: {
    keys: ['x'],
    hint: 'restart',
    help: 'Restart the selected service (kubectl rollout restart: every pod replaced in turn, followed)',
    footer: 6,
    panes: ['health'],
    places: ['panes', 'detail'],
  },
  command: {
    word: 'restart',
    usage: 'SERVICE@REGION',
    parse: (arg) => (arg ? {kind: 'restart', ...serviceRequest(arg)} : 'usage: restart SERVICE@REGION'),
    complete: (session) => knownServices(session.feeds.health.snapshot().value?.services ?? []),
  },
  available: (session) => capabilityFor(session, 'health', 'restart') !== undefined,
  row: {pane: 'health', missing: 'restart: focus the health pane (1) and select a service'},
  request: (key = '') => ({kind: 'restart', ...serviceRequest(key)}),
  target: (r) => `${r.service}${r.region ? `@${r.region}` : ''}`,
  holds: 'health',
  rules: [{rule: 'writable'}, {rule: 'fresh', pane: 'health'}],
  confirmLabel: 'Restart',
  reasonRequired: true,
  start: (request, env) => {
    const ctx = env.session.context;
    if (!capabilityFor(env.session, 'health', 'restart')) {
      return {
        step: 'notice',
        title: 'Restart unavailable',
        text: `No source of the health pane in context ${ctx.name} can restart (sources: ${ctx.panes.health.join(', ') || 'none'}).`,
      };
    }
    return serviceSteps(env, request, {verb: 'Restart', title: 'Restart', then: (ref) => ({step: 'plan', plan: restartPlan(env, ref)})});
  },
});

// Scale, declared once: `s` on a health row or `:scale SERVICE[@REGION] [N]`; the deployment's scale and HPA are read,
// the form asks for N (bounds and HPA checked as it is typed), then the plan (../scale.ts).
import {capabilityFor} from '../../data/session.js';
import type {ServiceRef} from '../../data/sources/types.js';
import {ScaleForm} from '../../ui/dialogs/scale-form.js';
import {defineAction, type Next, type StepEnv} from '../definition.js';
import {scalePlan} from '../scale.js';
import {knownServices} from '../targets.js';
import type {ActionRequest} from '../types.js';
import {serviceRequest, serviceSteps} from './service-target.js';

export interface ScaleRequest extends ActionRequest {
  readonly kind: 'scale';
  readonly service: string;
  readonly region?: string;
  /** The count asked for on the command line; the form starts from it. */
  readonly replicas?: number;
}

const USAGE = 'usage: scale SERVICE@REGION N';

function parse(arg: string): ScaleRequest | string {
  const [target, count, ...rest] = arg.split(/\s+/).filter(Boolean);
  if (!target || rest.length) return USAGE;
  if (count !== undefined && !/^\d{1,4}$/.test(count)) return `${USAGE} (N: a whole number of replicas, got "${count}")`;
  return {kind: 'scale', ...serviceRequest(target), ...(count !== undefined ? {replicas: Number(count)} : {})};
}

function form(env: StepEnv, ref: ServiceRef, wanted: number | undefined): Next {
  const found = capabilityFor(env.session, 'health', 'scale');
  if (!found) throw new Error('no source of the health pane can scale');
  const cap = found.capability;
  const next = cap.info(ref, AbortSignal.timeout(15_000)).then((info): Next => ({
    step: 'form',
    render: (io) => (
      <ScaleForm
        target={ref}
        info={info}
        initial={wanted ?? info.replicas}
        check={(n) => cap.check(info, n)}
        onCancel={io.cancel}
        onNext={(n) => io.next(() => ({step: 'plan', plan: scalePlan(env, ref, info, n)}), 'Scale')}
      />
    ),
  }));
  return {step: 'loading', title: `Reading the scale and autoscaler of ${ref.service}@${ref.region}…`, next, failTitle: 'Scale: cannot read the deployment'};
}

export const scale = defineAction<ScaleRequest>({
  kind: 'scale',
  key: {
    keys: ['s'],
    hint: 'scale',
    help: 'Scale the selected service to N replicas (current count, HPA range, bounds; kubectl scale)',
    panes: ['health'],
    places: ['panes', 'detail'],
  },
  command: {
    word: 'scale',
    usage: 'SERVICE@REGION N',
    parse,
    complete: (session) => knownServices(session.feeds.health.snapshot().value?.services ?? []),
  },
  available: (session) => capabilityFor(session, 'health', 'scale') !== undefined,
  row: {pane: 'health', missing: 'scale: focus the health pane (1) and select a service'},
  request: (key = '') => ({kind: 'scale', ...serviceRequest(key)}),
  target: (r) => `${r.service}${r.region ? `@${r.region}` : ''}`,
  holds: 'health',
  rules: [{rule: 'writable'}, {rule: 'fresh', pane: 'health'}],
  confirmLabel: 'Scale',
  reasonRequired: true,
  start: (request, env) => {
    const ctx = env.session.context;
    if (!capabilityFor(env.session, 'health', 'scale')) {
      return {
        step: 'notice',
        title: 'Scale unavailable',
        text: `No source of the health pane in context ${ctx.name} can scale (sources: ${ctx.panes.health.join(', ') || 'none'}).`,
      };
    }
    return serviceSteps(env, request, {verb: 'Scale', title: 'Scale', then: (ref) => form(env, ref, request.replicas)});
  },
});

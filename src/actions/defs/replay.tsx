// Replay, declared once: `p` on a DLQ row or `:replay ENTITY`; the reasons and count, the dry run, the plan in
// ../replay.ts.
import {capabilityFor, type Session} from '../../data/session.js';
import type {DlqEntity} from '../../data/readings/types.js';
import type {DlqMessage, ReplayTarget} from '../../data/sources/types.js';
import {ReplayDryRun, ReplaySetup, type ReplayFilter} from '../../ui/dialogs/replay-setup.js';
import {defineAction, type Step, type StepEnv} from '../definition.js';
import {replayPlan} from '../replay.js';
import {entityNames, resolveEntity} from '../targets.js';
import type {ActionRequest} from '../types.js';

export interface ReplayRequest extends ActionRequest {
  readonly kind: 'replay';
  readonly entity: string;
}

/** The dry run: the first `maxCount` dead letters of the chosen reasons, in DLQ order (one peek per reason). */
async function dryRun(session: Session, entity: string, filter: ReplayFilter): Promise<readonly DlqMessage[]> {
  const inspect = capabilityFor(session, 'dlq', 'inspect');
  if (!inspect) throw new Error('no source of the DLQ pane can peek messages');
  const signal = AbortSignal.timeout(15_000);
  if (filter.reasons.length === 0) return inspect.capability.peek(entity, {max: filter.maxCount}, signal);
  const pages = await Promise.all(filter.reasons.map((reason) => inspect.capability.peek(entity, {max: filter.maxCount, reason}, signal)));
  return pages
    .flat()
    .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
    .slice(0, filter.maxCount);
}

function setup(env: StepEnv, entity: DlqEntity, targets: readonly ReplayTarget[]): Step {
  return {
    step: 'form',
    render: (io) => (
      <ReplaySetup
        entity={entity}
        targets={targets}
        onCancel={io.cancel}
        onNext={(filter) =>
          io.next(
            () => dryRun(env.session, entity.entity, filter).then((messages) => dryRunStep(env, entity, targets, filter, messages)),
            'Replay: dry run failed',
          )
        }
      />
    ),
  };
}

function dryRunStep(env: StepEnv, entity: DlqEntity, targets: readonly ReplayTarget[], filter: ReplayFilter, messages: readonly DlqMessage[]): Step {
  const {target, reasons, maxCount} = filter;
  return {
    step: 'form',
    render: (io) => (
      <ReplayDryRun
        entity={entity}
        filter={filter}
        messages={messages}
        onBack={() => io.next(() => setup(env, entity, targets))}
        onNext={() => io.next(() => ({step: 'plan', plan: replayPlan(env, {entity, target, reasons, maxCount, messages})}), 'Replay')}
      />
    ),
  };
}

export const replay = defineAction<ReplayRequest>({
  kind: 'replay',
  key: {
    keys: ['p'],
    hint: 'replay',
    help: 'Replay dead letters of the selected entity (reasons, filter, dry run, confirm)',
    footer: 1,
    panes: ['dlq'],
    places: ['panes', 'detail'],
  },
  command: {
    word: 'replay',
    usage: 'ENTITY',
    parse: (arg) => (arg ? {kind: 'replay', entity: arg} : 'usage: replay ENTITY'),
    complete: (session) => [...new Set((session.feeds.dlq.snapshot().value?.entities ?? []).flatMap((e) => entityNames(e.entity)))],
  },
  available: (session) => capabilityFor(session, 'dlq', 'replay') !== undefined,
  row: {pane: 'dlq', missing: 'replay: focus the DLQ pane (3) and select an entity'},
  request: (key = '') => ({kind: 'replay', entity: key}),
  target: (r) => r.entity,
  holds: 'dlq',
  rules: [{rule: 'writable'}, {rule: 'fresh', pane: 'dlq'}, {rule: 'not-forbidden-by', freezes: ['writes']}],
  confirmLabel: 'Replay',
  start: (request, env) => {
    const found = capabilityFor(env.session, 'dlq', 'replay');
    if (!found) return {step: 'notice', title: 'Replay unavailable', text: `No source of the DLQ pane in context ${env.session.context.name} can replay.`};
    const resolved = resolveEntity(env.snapshot('dlq').value?.entities ?? [], request.entity);
    if (resolved.kind === 'none') return {step: 'notice', title: 'Replay', text: resolved.message};
    if (resolved.kind === 'many') {
      return {
        step: 'pick',
        title: `Replay: "${request.entity}" names ${resolved.candidates.length} entities; choose one`,
        choices: resolved.candidates.map((e) => ({
          label: e.entity,
          detail: `${e.deadLetter} dead-lettered · consumer ${e.consumer ?? '?'}`,
          next: () => ({step: 'start', request: {kind: 'replay', entity: e.entity}}),
        })),
      };
    }
    return setup(env, resolved.value, found.capability.targets(resolved.value));
  },
});

// The first step of every action: its declared rules are evaluated before any dialog opens, then the target is
// resolved exactly (asking when it is ambiguous), then the action's own first dialog opens.
import {freezePlan, freezer} from '../../actions/freeze.js';
import {refusalNow, type PlanEnv} from '../../actions/env.js';
import {defaultRevision} from '../../actions/rollback.js';
import {resolveEntity, resolveService} from '../../actions/targets.js';
import type {ActionKind, ActionPlan, ActionRequest} from '../../actions/types.js';
import {capabilityFor} from '../../data/session.js';
import type {Tone} from '../theme.js';
import type {Flow} from './flow.js';

export interface StartDeps {
  readonly env: PlanEnv;
  setFlow(flow: Flow | undefined): void;
  notice(title: string, text: string, tone?: Tone): void;
  /** Shows a refusal and journals it (a read-only cockpit only explains). */
  refuse(kind: ActionKind, target: string, message: string): void;
  toConfirm(plan: ActionPlan): void;
  fail(title: string): (error: unknown) => void;
}

/** What the journal calls the target of a request that has not been resolved yet. */
export function requestTarget(request: ActionRequest): string {
  if (request.kind === 'rollback') return `${request.service}${request.region ? `@${request.region}` : ''}`;
  if (request.kind === 'replay') return request.entity;
  return request.freeze ?? 'any';
}

/** Turns a request into its first dialog, or a refusal. */
export function startAction(request: ActionRequest, deps: StartDeps): void {
  const {env, setFlow, notice} = deps;
  const {session} = env;
  const ctx = session.context;
  const refusal = refusalNow(env, request.kind, request.kind === 'freeze' || request.kind === 'unfreeze' ? {freeze: request.freeze} : {});
  if (refusal) return deps.refuse(request.kind, requestTarget(request), refusal);

  if (request.kind === 'rollback') {
    const found = capabilityFor(session, 'health', 'rollback');
    if (!found) return notice('Rollback unavailable', `No source of the health pane in context ${ctx.name} can roll back (sources: ${ctx.panes.health.join(', ') || 'none'}).`);
    const rows = env.snapshot('health').value?.services ?? [];
    const resolved = resolveService(rows, request.service, request.region);
    if (resolved.kind === 'none') return notice('Rollback', resolved.message);
    if (resolved.kind === 'many') {
      return setFlow({
        step: 'target-pick',
        title: `Roll back ${request.service}: it runs in ${resolved.candidates.length} regions; choose a region`,
        choices: resolved.candidates.map((ref) => {
          const row = rows.find((r) => r.service === ref.service && r.region === ref.region);
          const detail = `${row?.status ?? 'Unknown'} · ${row?.podsReady ?? '?'}/${row?.podsDesired ?? '?'} pods · ${row?.version ?? '?'}`;
          return {label: `${ref.service}@${ref.region}`, detail, request: {kind: 'rollback', ...ref}};
        }),
      });
    }
    const ref = resolved.value;
    setFlow({step: 'loading', title: `Reading the revision history of ${ref.service}@${ref.region}…`});
    found.capability
      .history(ref, AbortSignal.timeout(15_000))
      .then((history) => {
        if (history.length < 2) return notice('Rollback', `${ref.service}@${ref.region} has no earlier revision to roll back to.`);
        const target = defaultRevision(history);
        setFlow({step: 'rollback-pick', ref, history, initial: Math.max(0, history.findIndex((h) => h === target))});
      })
      .catch(deps.fail('Rollback: cannot read the revision history'));
    return;
  }

  if (request.kind === 'replay') {
    const found = capabilityFor(session, 'dlq', 'replay');
    if (!found) return notice('Replay unavailable', `No source of the DLQ pane in context ${ctx.name} can replay.`);
    const resolved = resolveEntity(env.snapshot('dlq').value?.entities ?? [], request.entity);
    if (resolved.kind === 'none') return notice('Replay', resolved.message);
    if (resolved.kind === 'many') {
      return setFlow({
        step: 'target-pick',
        title: `Replay: "${request.entity}" names ${resolved.candidates.length} entities; choose one`,
        choices: resolved.candidates.map((e) => ({
          label: e.entity,
          detail: `${e.deadLetter} dead-lettered · consumer ${e.consumer ?? '?'}`,
          request: {kind: 'replay', entity: e.entity},
        })),
      });
    }
    setFlow({step: 'replay-setup', entity: resolved.value, targets: found.capability.targets(resolved.value)});
    return;
  }

  const cap = freezer(session);
  if (!cap) return notice('Freeze unavailable', `No source of context ${ctx.name} can freeze.`);
  const on = request.kind === 'freeze';
  if (request.freeze) {
    try {
      deps.toConfirm(freezePlan(env, request.freeze, on));
    } catch (error) {
      deps.fail('Freeze')(error);
    }
    return;
  }
  // The picker offers only what the action can act on: freeze what is not frozen, unfreeze what is.
  const frozen = new Set(env.freezes().map((f) => f.kind));
  setFlow({step: 'freeze-pick', on, kinds: cap.kinds.filter((k) => frozen.has(k) !== on)});
}

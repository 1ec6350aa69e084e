// Freeze and unfreeze, declared once each: `f`/`u` or `:freeze KIND`/`:unfreeze KIND`; the kind picker when no kind
// was given; the plan in ../freeze.ts. A reason is always required.
import {FREEZE_KINDS, type FreezeKind} from '../../data/sources/types.js';
import {FreezePicker} from '../../ui/dialogs/freeze-picker.js';
import {defineAction, type ActionDefinition, type KeySpec, type Step, type StepEnv} from '../definition.js';
import {freezePlan, freezer} from '../freeze.js';
import type {ActionRequest} from '../types.js';

export interface FreezeRequest extends ActionRequest {
  readonly kind: 'freeze' | 'unfreeze';
  readonly freeze?: FreezeKind;
}

function planStep(env: StepEnv, kind: FreezeKind, on: boolean): Step {
  return {step: 'plan', plan: freezePlan(env, kind, on), subject: {freeze: kind}};
}

function freezeAction(on: boolean, key: KeySpec): ActionDefinition {
  const word = on ? 'freeze' : 'unfreeze';
  return defineAction<FreezeRequest>({
    kind: word,
    key,
    command: {
      word,
      usage: 'KIND',
      parse: (arg) =>
        (FREEZE_KINDS as readonly string[]).includes(arg) ? {kind: word, freeze: arg as FreezeKind} : `usage: ${word} ${FREEZE_KINDS.join('|')}`,
      // Freeze offers what is not frozen, unfreeze what is.
      complete: (session) => {
        const frozen = (session.freezes.snapshot().value ?? []).map((f) => f.kind);
        return (freezer(session)?.kinds ?? []).filter((k) => frozen.includes(k) !== on);
      },
    },
    available: (session) => freezer(session) !== undefined,
    request: () => ({kind: word}),
    target: (r) => r.freeze ?? 'any',
    rules: [{rule: 'writable'}, {rule: 'freeze-state', frozen: !on}],
    subject: (r) => ({freeze: r.freeze}),
    confirmLabel: on ? 'Freeze' : 'Unfreeze',
    reasonRequired: true,
    start: (request, env) => {
      const cap = freezer(env.session);
      if (!cap) return {step: 'notice', title: 'Freeze unavailable', text: `No source of context ${env.session.context.name} can freeze.`};
      if (request.freeze) return planStep(env, request.freeze, on);
      // The picker offers only what the action can act on: freeze what is not frozen, unfreeze what is.
      const frozen = new Set(env.freezes().map((f) => f.kind));
      const kinds = cap.kinds.filter((k) => frozen.has(k) !== on);
      return {
        step: 'form',
        render: (io) => (
          <FreezePicker
            on={on}
            kinds={kinds}
            all={cap.kinds}
            active={env.freezes()}
            describe={(k) => cap.describe(k)}
            onCancel={io.cancel}
            onPick={(k) => io.next(() => planStep(env, k, on), 'Freeze')}
          />
        ),
      };
    },
  });
}

export const freeze = freezeAction(true, {
  keys: ['f'],
  hint: 'freeze',
  help: 'Freeze deployments, integrity (purge/export) or writes',
  footer: 6,
  places: ['panes'],
});
export const unfreeze = freezeAction(false, {keys: ['u'], hint: 'unfreeze', help: 'Lift a freeze'});

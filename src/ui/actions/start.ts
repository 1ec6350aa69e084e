// Turns a request into its action's steps: the action's declared rules are evaluated before any dialog opens, then
// its definition's steps follow one another until the plan, which goes to the confirmation. Generic: no action named.
import {refusalNow, type PlanEnv} from '../../actions/env.js';
import type {ActionDefinition, Next} from '../../actions/definition.js';
import type {ActionPlan, ActionRequest} from '../../actions/types.js';
import type {RuleSubject} from '../../actions/rules.js';
import type {Tone} from '../theme.js';
import type {Flow, FlowStep} from './flow.js';

export interface StartDeps {
  readonly env: PlanEnv;
  readonly actions: readonly ActionDefinition[];
  /** Opens a step (or closes the dialog) and returns the flow it opened. */
  show(flow: FlowStep | undefined): Flow | undefined;
  /** The flow open now. */
  current(): Flow | undefined;
  notice(title: string, text: string, tone?: Tone): void;
  /** Shows a refusal and journals it (a read-only cockpit only explains). */
  refuse(def: ActionDefinition, target: string, message: string): void;
  toConfirm(def: ActionDefinition, plan: ActionPlan, subject: RuleSubject | undefined): void;
  fail(title: string): (error: unknown) => void;
}

/** The title errors of `def`'s steps get when they have none: "Rollback", "Freeze". */
export function actionTitle(def: ActionDefinition): string {
  return def.kind.charAt(0).toUpperCase() + def.kind.slice(1);
}

/** Builds a step, turning a throw into the error notice `failTitle`. */
export function attempt(build: () => Next, deps: StartDeps, failTitle: string): Next | undefined {
  try {
    return build();
  } catch (error) {
    deps.fail(failTitle)(error);
    return undefined;
  }
}

/** Shows the step `next` of `def` (waiting for it when it is still being read). */
export function advance(def: ActionDefinition, next: Next | undefined, deps: StartDeps, failTitle = actionTitle(def)): void {
  if (next === undefined) return;
  if (next instanceof Promise) {
    void next.then((step) => advance(def, step, deps, failTitle), deps.fail(failTitle));
    return;
  }
  switch (next.step) {
    case 'notice':
      return deps.notice(next.title, next.text, next.tone);
    case 'loading': {
      const waiting = deps.show({step: 'loading', title: next.title, def, holds: def.holds});
      // Esc closes the wait: what arrives afterwards opens nothing.
      void next.next.then(
        (step) => deps.current() === waiting && advance(def, step, deps, failTitle),
        (error: unknown) => deps.current() === waiting && deps.fail(next.failTitle)(error),
      );
      return;
    }
    case 'pick':
      deps.show({step: 'pick', title: next.title, choices: next.choices, def});
      return;
    case 'form':
      deps.show({step: 'form', render: next.render, def, holds: def.holds});
      return;
    case 'start':
      deps.show(undefined);
      return startAction(next.request, deps);
    case 'plan':
      return deps.toConfirm(def, next.plan, next.subject);
  }
}

/** Turns a request into its first dialog, or a refusal. */
export function startAction(request: ActionRequest, deps: StartDeps): void {
  const def = deps.actions.find((a) => a.kind === request.kind);
  if (!def) return deps.notice('Unknown action', `No action "${request.kind}" is defined.`, 'crit');
  const refusal = refusalNow(deps.env, def, def.subject?.(request));
  if (refusal) return deps.refuse(def, def.target(request), refusal);
  advance(
    def,
    attempt(() => def.start(request, deps.env), deps, actionTitle(def)),
    deps,
  );
}

// What action builders read: the session, the clock, current snapshots and freezes; and the one generic check of
// an action's declared rules (before a dialog opens, and again just before running).
import type {PaneSnapshot} from '../data/feed.js';
import {describeError} from '../data/errors.js';
import type {PaneId} from '../data/readings/types.js';
import type {Session} from '../data/session.js';
import type {Freezable, Freeze, TeamAction} from '../data/sources/types.js';
import type {Identity} from './identity.js';
import {evaluateRules, needsFreezes, type Rule, type RuleFacts, type RuleSubject} from './rules.js';

/** An action as far as its rules go: its kind and the rules its definition declares. */
export interface Ruled {
  readonly kind: string;
  readonly rules: readonly Rule[];
}

export interface PlanEnv {
  readonly session: Session;
  readonly identity: Identity;
  now(): number;
  freezes(): readonly Freeze[];
  snapshot<P extends PaneId>(pane: P): PaneSnapshot<P>;
  /** Recent changes by anyone on the context's objects (the session's team poller); a plan notes a colleague's. */
  teamActions?(): readonly TeamAction[];
}

/** "context NAME [env]" for the dialog's where line. */
export function whereContext(env: PlanEnv): string {
  const c = env.session.context;
  return `context ${c.name} [${c.environment}]${c.production ? ' PRODUCTION' : ''}`;
}

/** The first source of the session that can freeze. */
export function freezer(session: Session): Freezable | undefined {
  for (const source of session.sources.values()) if (source.capabilities.freeze) return source.capabilities.freeze;
  return undefined;
}

function facts(env: PlanEnv, freezes: readonly Freeze[]): RuleFacts {
  const ctx = env.session.context;
  return {
    readOnly: ctx.readOnly,
    readOnlyReason: ctx.readOnlyReason,
    staleAfterMs: ctx.staleAfterMs,
    now: () => env.now(),
    snapshot: (pane) => env.snapshot(pane),
    freezes,
    freezeKinds: freezer(env.session)?.kinds ?? [],
  };
}

/** Why `action` is refused now, from the polled freezes: asked before any dialog of the action opens. */
export function refusalNow(env: PlanEnv, action: Ruled, subject: RuleSubject = {}): string | undefined {
  return evaluateRules(action.rules, facts(env, env.freezes()), subject);
}

/** Why `action` is refused just before running: the same rules, with the freezes read from the backend itself. */
export async function refusalLive(env: PlanEnv, action: Ruled, subject: RuleSubject = {}): Promise<string | undefined> {
  const first = evaluateRules(action.rules, facts(env, env.freezes()), subject);
  if (first || !needsFreezes(action.rules)) return first;
  const cap = freezer(env.session);
  if (!cap) return undefined;
  let live: readonly Freeze[];
  try {
    live = await cap.list(AbortSignal.timeout(10_000));
  } catch (error) {
    return `refused: cannot read the active freezes to check this ${action.kind} (${describeError(error)})`;
  }
  return evaluateRules(action.rules, facts(env, live), subject);
}

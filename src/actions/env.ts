// What action builders read: the session, the clock, current snapshots and freezes.
import type {PaneSnapshot} from '../data/feed.js';
import type {PaneId} from '../data/readings/types.js';
import type {Session} from '../data/session.js';
import type {Freeze} from '../data/sources/types.js';
import type {Identity} from './identity.js';
import {readOnlyRefusal, staleRefusal} from './rules.js';

export interface PlanEnv {
  readonly session: Session;
  readonly identity: Identity;
  now(): number;
  freezes(): readonly Freeze[];
  snapshot<P extends PaneId>(pane: P): PaneSnapshot<P>;
}

/** "context NAME [env]" for the dialog's where line. */
export function whereContext(env: PlanEnv): string {
  const c = env.session.context;
  return `context ${c.name} [${c.environment}]${c.production ? ' PRODUCTION' : ''}`;
}

/** Read-only first, then stale data of `pane`. */
export function commonRefusal(env: PlanEnv, pane: PaneId | undefined): string | undefined {
  const ctx = env.session.context;
  if (ctx.readOnly) return readOnlyRefusal(ctx.readOnlyReason);
  if (!pane) return undefined;
  return staleRefusal(pane, env.snapshot(pane), env.now(), ctx.staleAfterMs[pane]);
}

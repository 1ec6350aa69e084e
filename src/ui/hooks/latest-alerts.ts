// The alerts the screen evaluated last, per session: what `:update` composes from, so the update says "since" the
// same times the strip does (the evaluation's memory lives with the screen, not with the action).
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {Session} from '../../data/session.js';

const latest = new WeakMap<Session, readonly ActiveAlert[]>();

/** Records the screen's latest evaluation for `session`. */
export function publishAlerts(session: Session, alerts: readonly ActiveAlert[]): void {
  latest.set(session, alerts);
}

/** The alerts last evaluated for `session` (none before the first evaluation). */
export function latestAlerts(session: Session): readonly ActiveAlert[] {
  return latest.get(session) ?? [];
}

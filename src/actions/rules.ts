// Shared preconditions: read-only, freezes that forbid an action, and stale data.
import type {PaneSnapshot} from '../data/feed.js';
import {paneHealth} from '../data/feed.js';
import type {PaneId} from '../data/readings/types.js';
import type {Freeze, FreezeKind} from '../data/sources/types.js';
import type {ActionKind} from './types.js';

/** Which freeze forbids which cockpit action. A `writes` freeze forbids a replay (replays write into ATP). */
export const FORBIDDEN_BY: Readonly<Record<ActionKind, readonly FreezeKind[]>> = {
  replay: ['writes'],
  rollback: [],
  freeze: [],
  unfreeze: [],
};

/** Why an active freeze refuses `kind`, if one does. */
export function frozenRefusal(kind: ActionKind, freezes: readonly Freeze[]): string | undefined {
  const blocking = freezes.find((f) => FORBIDDEN_BY[kind].includes(f.kind));
  return blocking ? `refused: a ${blocking.kind} freeze is active (by ${blocking.by}: ${blocking.reason}); unfreeze ${blocking.kind} first` : undefined;
}

/** Why stale data refuses acting on `pane`, if it does. */
export function staleRefusal(pane: PaneId, snapshot: PaneSnapshot<PaneId>, now: number, staleAfterMs: number): string | undefined {
  const health = paneHealth(snapshot, now, staleAfterMs);
  if (snapshot.lastSuccessAt === undefined) return `refused: the ${pane} pane has no data yet`;
  if (health.stale) {
    const age = Math.round((health.ageMs ?? 0) / 1000);
    return `refused: the ${pane} reading is ${age}s old (stale limit ${Math.round(staleAfterMs / 1000)}s)${health.error ? `; source error: ${health.error}` : ''}. Wait for fresh data`;
  }
  return undefined;
}

/** The read-only explanation the action keys give. */
export function readOnlyRefusal(reason: string | undefined): string {
  return `This cockpit is read-only (${reason ?? 'read-only'}): rollback, replay and freeze are disabled, and every backend refuses mutating calls.`;
}

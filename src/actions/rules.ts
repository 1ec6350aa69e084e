// Preconditions as data: each action declares its rules once (its definition, src/actions/defs), and one function evaluates them, before any dialog
// opens and again just before running (issue 13, "refusals come first, not last").
import type {PaneSnapshot} from '../data/feed.js';
import {paneHealth} from '../data/feed.js';
import type {PaneId} from '../data/readings/types.js';
import type {Freeze, FreezeKind} from '../data/sources/types.js';

/** One precondition an action declares. */
export type Rule =
  /** Refused in a read-only cockpit (`--read-only`, or `readOnly` in the context). */
  | {readonly rule: 'writable'}
  /** Refused while `pane`'s reading is missing or older than its stale limit. */
  | {readonly rule: 'fresh'; readonly pane: PaneId}
  /** Refused while a freeze of one of these kinds is active. */
  | {readonly rule: 'not-forbidden-by'; readonly freezes: readonly FreezeKind[]}
  /** The subject freeze must be in this state (freeze: not frozen yet; unfreeze: frozen). */
  | {readonly rule: 'freeze-state'; readonly frozen: boolean};

/** What the rules are evaluated against. */
export interface RuleFacts {
  readonly readOnly: boolean;
  readonly readOnlyReason?: string;
  readonly staleAfterMs: Readonly<Record<PaneId, number>>;
  now(): number;
  snapshot(pane: PaneId): PaneSnapshot<PaneId>;
  /** Active freezes (the polled list before a dialog, the backend's own list just before running). */
  readonly freezes: readonly Freeze[];
  /** The freeze kinds the context's freezer offers. */
  readonly freezeKinds: readonly FreezeKind[];
}

/** What the action is about, as far as the rules care: a freeze kind, or none yet (a picker follows). */
export interface RuleSubject {
  readonly freeze?: FreezeKind;
}

/** The first of `rules` that refuses, as the sentence the person reads; undefined when all pass. */
export function evaluateRules(rules: readonly Rule[], facts: RuleFacts, subject: RuleSubject = {}): string | undefined {
  for (const r of rules) {
    const why = check(r, facts, subject);
    if (why) return why;
  }
  return undefined;
}

/** Whether any of `rules` depends on the active freezes (then the backend's list is read before running). */
export function needsFreezes(rules: readonly Rule[]): boolean {
  return rules.some((r) => r.rule === 'not-forbidden-by' || r.rule === 'freeze-state');
}

function check(r: Rule, facts: RuleFacts, subject: RuleSubject): string | undefined {
  switch (r.rule) {
    case 'writable':
      return facts.readOnly ? readOnlyRefusal(facts.readOnlyReason) : undefined;
    case 'fresh':
      return staleRefusal(r.pane, facts.snapshot(r.pane), facts.now(), facts.staleAfterMs[r.pane]);
    case 'not-forbidden-by': {
      const blocking = facts.freezes.find((f) => r.freezes.includes(f.kind));
      return blocking ? `refused: a ${blocking.kind} freeze is active (by ${blocking.by}: ${blocking.reason}); unfreeze ${blocking.kind} first` : undefined;
    }
    case 'freeze-state':
      return freezeStateRefusal(r.frozen, facts, subject.freeze);
  }
}

function freezeStateRefusal(wantFrozen: boolean, facts: RuleFacts, kind: FreezeKind | undefined): string | undefined {
  if (kind === undefined) {
    const frozen = facts.freezeKinds.filter((k) => facts.freezes.some((f) => f.kind === k));
    if (!wantFrozen && frozen.length === facts.freezeKinds.length) return `refused: everything is already frozen (${frozen.join(', ')})`;
    if (wantFrozen && facts.freezes.length === 0) return 'refused: nothing is frozen';
    return undefined;
  }
  const current = facts.freezes.find((f) => f.kind === kind);
  if (!wantFrozen && current) return `refused: ${kind} is already frozen by ${current.by} (${current.reason})`;
  if (wantFrozen && !current) return `refused: ${kind} is not frozen`;
  return undefined;
}

/** Why stale data refuses acting on `pane`, if it does. */
export function staleRefusal(pane: PaneId, snapshot: PaneSnapshot<PaneId>, now: number, staleAfterMs: number): string | undefined {
  const health = paneHealth(snapshot, now, staleAfterMs);
  if (snapshot.lastSuccessAt === undefined) return `refused: the ${pane} pane has no data yet`;
  if (health.stale) {
    const age = Math.round((health.ageMs ?? 0) / 1000);
    const error = health.error ? `; source error: ${health.error}` : '';
    return `refused: the ${pane} reading is ${age}s old (stale limit ${Math.round(staleAfterMs / 1000)}s)${error}. Wait for fresh data`;
  }
  return undefined;
}

/** The read-only explanation the action keys give. */
export function readOnlyRefusal(reason: string | undefined): string {
  return (
    `This cockpit is read-only (${reason ?? 'read-only'}): every action that changes something is disabled ` +
    '(its key and command only explain), and every backend refuses mutating calls; views, logs and copying an update still work.'
  );
}

// What colleagues did to the object an action is about to change (issue 16, "Actions the whole team can see"):
// the plan's notes say so, so an engineer about to roll back sees that someone else rolled back two minutes ago, and
// one about to freeze or unfreeze sees a colleague's freeze or unfreeze of the same kind.
import type {ChangeNote, FreezeKind, ServiceRef, TeamAction} from '../data/sources/types.js';
import {sanitizeLine} from '../data/text/sanitize.js';
import type {Identity} from './identity.js';
import type {Confirmed} from './types.js';

/**
 * How far back a colleague's change is worth a note: 15 minutes. A rollout of an ATP service takes a few minutes
 * (3 replicas replaced one at a time), and the runbook's first checks after a rollback or restart (error rate,
 * burn over the 5m/1h pair) need another five to ten; a change older than that has either shown its effect on the
 * panes or is history the journal view (`J`) lists anyway. Our own number, not the runbook's.
 */
export const RECENT_MS = 15 * 60_000;

const VERBS: Readonly<Record<string, string>> = {rollback: 'rolled back', restart: 'restarted', scale: 'scaled', freeze: 'froze', unfreeze: 'unfroze'};

/** The note a confirmed action hands the backend: who and where from the identity, why from the confirmation. */
export function changeNote(identity: Identity, confirmed: Confirmed): ChangeNote {
  return {
    by: identity.user,
    host: identity.host,
    reason: confirmed.reason ?? '',
    ...(confirmed.incident ? {incident: confirmed.incident} : {}),
    ...(confirmed.actionId ? {id: confirmed.actionId} : {}),
  };
}

/** "2 min ago": whole minutes, "just now" under one. */
export function ago(ms: number): string {
  const min = Math.floor(ms / 60_000);
  return min < 1 ? 'just now' : `${min} min ago`;
}

/** What the plan builders read: this cockpit's identity, the time, and the polled team actions. */
export interface TeamFacts {
  readonly identity: Identity;
  now(): number;
  teamActions?(): readonly TeamAction[];
}

/** "bob rolled back ingestion@us-east 2 min ago from jump-3: why (INC-7)", or "you (alice@jump-2) …" for our own. */
function noteLine(env: TeamFacts, a: TeamAction, target: string): string {
  const you = a.by === env.identity.user && a.host === env.identity.host;
  const who = you ? `you (${a.by}@${a.host})` : `${a.by}`;
  const from = you ? '' : ` from ${a.host}`;
  const why = `${a.reason ? `: ${a.reason}` : ''}${a.incident ? ` (${a.incident})` : ''}`;
  return sanitizeLine(`${who} ${VERBS[a.action] ?? a.action} ${target} ${ago(Math.max(0, env.now() - a.at))}${from}${why}`);
}

/** The team actions within RECENT_MS that `keep` selects, newest first. */
function recent(env: TeamFacts, keep: (a: TeamAction) => boolean): TeamAction[] {
  const now = env.now();
  return (env.teamActions?.() ?? []).filter((a) => keep(a) && now - a.at <= RECENT_MS).sort((a, b) => b.at - a.at);
}

/** One line per change on `ref` within RECENT_MS, newest first: "bob rolled back ingestion@us-east 2 min ago from jump-3: why (INC-7)". */
export function colleagueNotes(env: TeamFacts, ref: ServiceRef): string[] {
  const target = `${ref.service}@${ref.region}`;
  return recent(env, (a) => a.service === ref.service && a.region === ref.region).map((a) => noteLine(env, a, target));
}

/**
 * One line per freeze or unfreeze of `kind` within RECENT_MS, newest first: "bob froze integrity 2 min ago from jump-3:
 * why (INC-9)". A freeze leaves an Event on every object it holds, in every region: those are one line, not one each.
 */
export function freezeNotes(env: TeamFacts, kind: FreezeKind): string[] {
  const seen = new Set<string>();
  return recent(env, (a) => a.freeze === kind && (a.action === 'freeze' || a.action === 'unfreeze'))
    .filter((a) => {
      // Events without an action id (an older cockpit) are told apart by who, why and the incident.
      const once = a.id ?? `${a.by}|${a.host}|${a.reason}|${a.incident ?? ''}`;
      if (seen.has(`${a.action}|${once}`)) return false;
      seen.add(`${a.action}|${once}`);
      return true;
    })
    .map((a) => noteLine(env, a, kind));
}

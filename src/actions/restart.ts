// Restart: `kubectl rollout restart` of one service's deployment in one region (the pod template's restartedAt
// annotation), followed until the rollout completes. Who, from where, why and the incident go to the backend.
import {capabilityFor} from '../data/session.js';
import type {ServiceRef} from '../data/sources/types.js';
import {whereContext, type PlanEnv} from './env.js';
import {serviceTarget} from './rollback.js';
import {changeNote, colleagueNotes} from './team.js';
import type {ActionPlan} from './types.js';

/** The health row of `ref`, if the pane shows it. */
export function serviceRow(env: PlanEnv, ref: ServiceRef) {
  return env.snapshot('health').value?.services.find((s) => s.service === ref.service && s.region === ref.region);
}

/** A plan's notes, or none when empty (the confirmation shows no empty section). */
export function notesOrNone(notes: readonly string[]): readonly string[] | undefined {
  return notes.length ? notes : undefined;
}

/** Builds the restart plan for `ref`. */
export function restartPlan(env: PlanEnv, ref: ServiceRef): ActionPlan {
  const found = capabilityFor(env.session, 'health', 'restart');
  if (!found) throw new Error('no source of the health pane can restart');
  const cap = found.capability;
  const row = serviceRow(env, ref);
  const target = serviceTarget(ref);
  const pods = row?.podsDesired ?? '?';
  return {
    kind: 'restart',
    title: `Restart ${target}`,
    target,
    where: `${whereContext(env)} · ${cap.where(ref)}`,
    effect: `every pod of ${target} is replaced, one at a time, by a new pod of the same version (${row?.version ?? '?'}); nothing else changes`,
    command: cap.command(ref),
    blastRadius: [
      `${ref.service} in ${ref.region}: ${pods} pods restart in turn (each drops its in-flight requests and connections)`,
      'other regions are untouched',
    ].join('; '),
    notes: notesOrNone(colleagueNotes(env, ref)),
    params: {service: ref.service, region: ref.region},
    before: {version: row?.version, podsReady: row?.podsReady, podsDesired: row?.podsDesired, errorRatio: row?.errorRatio},
    requireReason: true,
    pane: 'health',
    cancellable: false,
    // The declared rules (src/actions/defs/restart.ts) are checked before this, by the host.
    async preconditions() {
      const latest = serviceRow(env, ref);
      if (!latest) return `refused: ${target} is no longer in the health pane`;
      if (latest.paused) return `refused: deployment ${ref.service} is paused; resume it first (kubectl rollout resume)`;
      return undefined;
    },
    async run(control, confirmed) {
      const outcome = await cap.restart(ref, changeNote(env.identity, confirmed), control);
      const {status} = outcome;
      const ok = status.done && !status.failed;
      return {
        ok,
        message: ok ? `${target} restarted: ${status.message}` : `${target} restart did not complete: ${status.message}`,
        after: {restartedAt: outcome.restartedAt, ready: status.ready, desired: status.desired},
      };
    },
  };
}

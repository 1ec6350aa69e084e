// Freeze / unfreeze deployments, integrity (purge/export) or writes, with a required reason; the confirmation names a
// colleague's freeze or unfreeze of the same kind in the last 15 minutes, as rollback, restart and scale do.
import type {Freezable, FreezeKind} from '../data/sources/types.js';
import {freezer, whereContext, type PlanEnv} from './env.js';
import {notesOrNone} from './restart.js';
import {freezeNotes} from './team.js';
import type {ActionPlan} from './types.js';

export {freezer};

const BLAST: Readonly<Record<FreezeKind, string>> = {
  deployments: 'no GitOps/Helm rollout reaches any ATP service until unfrozen (rollbacks from the cockpit stay possible)',
  integrity: 'purge and export stop for every tenant until unfrozen; evidence is preserved',
  writes: 'ATP rejects audit writes (emergency maintenance mode) for every tenant; the cockpit refuses DLQ replays',
};

/**
 * What a freeze really reaches. Suspending a CronJob only stops its next schedules: a Job already running keeps
 * running, and exports requested through the API are not CronJobs at all (runbook 17.1 freezes them with
 * `atp-admin integrity freeze`, which this freeze does not run).
 */
export function freezeBlastRadius(cap: Freezable, kind: FreezeKind): string {
  if (kind === 'integrity' && cap.objectKinds?.(kind).includes('CronJob')) {
    return (
      'new purge and export runs stop for every tenant until unfrozen (their CronJobs are suspended). NOT stopped: purge/export Jobs ' +
      'already running continue to completion, and exports queued through the API continue; stop those separately ' +
      '(kubectl get jobs -n atp-system; atp-admin integrity freeze, runbook 17.1) if the investigation requires it'
    );
  }
  return BLAST[kind];
}

export function freezePlan(env: PlanEnv, kind: FreezeKind, on: boolean): ActionPlan {
  const cap = freezer(env.session);
  if (!cap) throw new Error('no source of this context can freeze');
  const verb = on ? 'Freeze' : 'Unfreeze';
  const active = env.freezes().find((f) => f.kind === kind);
  return {
    kind: on ? 'freeze' : 'unfreeze',
    title: `${verb} ${kind}`,
    target: kind,
    where: whereContext(env),
    effect: on ? cap.describe(kind) : `restores exactly what the ${kind} freeze changed${active?.objects?.length ? `: ${active.objects.join(', ')}` : ''}`,
    command: cap.command(kind, on),
    blastRadius: on ? freezeBlastRadius(cap, kind) : `${kind} resume for every tenant`,
    notes: notesOrNone(freezeNotes(env, kind)),
    params: {kind},
    before: {frozen: Boolean(active), by: active?.by, since: active?.at, reason: active?.reason},
    requireReason: true,
    cancellable: false,
    // The declared rules (src/actions/defs/freeze.tsx: the freeze's state) are all there is to check; the host does.
    preconditions: () => Promise.resolve(undefined),
    async run(control, confirmed) {
      // The action id goes on the freeze's Events, so this cockpit's journal view knows them as its own.
      const request = {by: `${env.identity.user}@${env.identity.host}`, reason: confirmed.reason ?? '', incident: confirmed.incident, id: confirmed.actionId};
      const outcome = on ? await cap.freeze(kind, request, control) : await cap.unfreeze(kind, request, control);
      return {
        ok: true,
        message: `${kind} ${on ? 'frozen' : 'unfrozen'}${outcome.objects.length ? `: ${outcome.objects.join(', ')}` : ''}`,
        after: {frozen: on},
        details: {objects: outcome.objects},
      };
    },
  };
}

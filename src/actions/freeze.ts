// Freeze / unfreeze deployments, integrity (purge/export) or writes, with a required reason.
import type {Session} from '../data/session.js';
import type {Freezable, FreezeKind} from '../data/sources/types.js';
import {commonRefusal, whereContext, type PlanEnv} from './env.js';
import type {ActionPlan} from './types.js';

const BLAST: Readonly<Record<FreezeKind, string>> = {
  deployments: 'no GitOps/Helm rollout reaches any ATP service until unfrozen (rollbacks from the cockpit stay possible)',
  integrity: 'purge and export stop for every tenant until unfrozen; evidence is preserved',
  writes: 'ATP rejects audit writes (emergency maintenance mode) for every tenant; the cockpit refuses DLQ replays',
};

/** The first source of the session that can freeze. */
export function freezer(session: Session): Freezable | undefined {
  for (const source of session.sources.values()) if (source.capabilities.freeze) return source.capabilities.freeze;
  return undefined;
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
    blastRadius: on ? BLAST[kind] : `${kind} resume for every tenant`,
    params: {kind},
    before: {frozen: Boolean(active), by: active?.by, since: active?.at, reason: active?.reason},
    requireReason: true,
    cancellable: false,
    async preconditions() {
      const common = commonRefusal(env, undefined);
      if (common) return common;
      const current = (await cap.list(AbortSignal.timeout(10_000))).find((f) => f.kind === kind);
      if (on && current) return `refused: ${kind} is already frozen by ${current.by} (${current.reason})`;
      if (!on && !current) return `refused: ${kind} is not frozen`;
      return undefined;
    },
    async run(control, confirmed) {
      const request = {by: `${env.identity.user}@${env.identity.host}`, reason: confirmed.reason ?? '', incident: confirmed.incident};
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

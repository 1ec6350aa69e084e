// Scale: `kubectl scale` of one service's deployment in one region to N replicas (the scale subresource), with the
// HPA's say shown before confirming, followed until the new count is available.
import {capabilityFor} from '../data/session.js';
import type {ScaleInfo, ServiceRef} from '../data/sources/types.js';
import {whereContext, type PlanEnv} from './env.js';
import {notesOrNone, serviceRow} from './restart.js';
import {changeNote, colleagueNotes} from './team.js';
import {serviceTarget} from './rollback.js';
import type {ActionPlan} from './types.js';

const READ_MS = 10_000;

/** What changes in pods: started, stopped, or none. */
function podChange(from: number, to: number): string {
  if (to > from) return `${to - from} new pod${to - from === 1 ? '' : 's'} start`;
  if (to < from) return `${from - to} pod${from - to === 1 ? '' : 's'} stop (their in-flight requests are cut off)`;
  return 'no pod changes';
}

/** Builds the plan to scale `ref` from `info.replicas` to `replicas`; throws when the count is out of bounds. */
export function scalePlan(env: PlanEnv, ref: ServiceRef, info: ScaleInfo, replicas: number): ActionPlan {
  const found = capabilityFor(env.session, 'health', 'scale');
  if (!found) throw new Error('no source of the health pane can scale');
  const cap = found.capability;
  const verdict = cap.check(info, replicas);
  if (!verdict.ok) throw new Error(verdict.error);
  const target = serviceTarget(ref);
  const hpa = info.hpa ? `; HPA ${info.hpa.name} keeps ${info.hpa.min}..${info.hpa.max}` : '';
  return {
    kind: 'scale',
    title: `Scale ${target} from ${info.replicas} to ${replicas} replicas`,
    target,
    where: `${whereContext(env)} · ${cap.where(ref)}`,
    effect: `deployment ${ref.service} in ${ref.region} goes from ${info.replicas} to ${replicas} desired replicas (${info.ready} ready now${hpa})`,
    command: cap.command(ref, replicas),
    blastRadius:
      replicas === 0
        ? `${ref.service} in ${ref.region} stops serving: every pod stops; other regions are untouched`
        : `${ref.service} in ${ref.region}: ${podChange(info.replicas, replicas)}; other regions are untouched`,
    notes: notesOrNone([...verdict.warnings, ...colleagueNotes(env, ref)]),
    params: {
      service: ref.service,
      region: ref.region,
      from: info.replicas,
      to: replicas,
      ...(info.hpa ? {hpa: `${info.hpa.name} ${info.hpa.min}..${info.hpa.max}`} : {}),
    },
    before: {replicas: info.replicas, ready: info.ready, podsReady: serviceRow(env, ref)?.podsReady},
    requireReason: true,
    pane: 'health',
    cancellable: false,
    // The declared rules (src/actions/defs/scale.tsx) are checked before this, by the host: here the count again,
    // against the deployment as it is now (someone, or the HPA, may have scaled it while the dialog was open).
    async preconditions() {
      const now = await cap.info(ref, AbortSignal.timeout(READ_MS));
      const check = cap.check(now, replicas);
      if (!check.ok) return `refused: ${check.error}`;
      if (now.replicas === replicas) return `refused: ${target} already has ${replicas} replicas`;
      if (now.replicas !== info.replicas) return `refused: ${target} now has ${now.replicas} replicas (it had ${info.replicas} when planned); plan again`;
      return undefined;
    },
    async run(control, confirmed) {
      const outcome = await cap.scale(ref, replicas, changeNote(env.identity, confirmed), control);
      const {status} = outcome;
      const ok = status.done && !status.failed;
      return {
        ok,
        message: ok
          ? `${target} scaled from ${outcome.from} to ${outcome.to}: ${status.message}`
          : `${target} scale to ${outcome.to} did not complete: ${status.message}`,
        after: {replicas: outcome.to, ready: status.ready, desired: status.desired},
        ...(outcome.warnings.length ? {details: {warnings: outcome.warnings}} : {}),
      };
    },
  };
}

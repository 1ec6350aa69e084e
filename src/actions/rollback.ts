// Rollback: a service's deployment back to a chosen earlier revision, followed to the end of the rollout.
import {capabilityFor} from '../data/session.js';
import type {Revision, ServiceRef} from '../data/sources/types.js';
import {commonRefusal, whereContext, type PlanEnv} from './env.js';
import {frozenRefusal} from './rules.js';
import type {ActionPlan} from './types.js';

/** The default target: the newest revision before the active one. */
export function defaultRevision(history: readonly Revision[]): Revision | undefined {
  const active = history.find((r) => r.active);
  return history.find((r) => !r.active && (!active || r.revision < active.revision)) ?? history.find((r) => !r.active);
}

/** Builds the rollback plan for `ref` to `to`, given its revision history. */
export function rollbackPlan(env: PlanEnv, ref: ServiceRef, history: readonly Revision[], to: Revision): ActionPlan {
  const found = capabilityFor(env.session, 'health', 'rollback');
  if (!found) throw new Error('no source of the health pane can roll back');
  const cap = found.capability;
  const active = history.find((r) => r.active);
  const row = env.snapshot('health').value?.services.find((s) => s.service === ref.service && s.region === ref.region);
  const deploymentsFrozen = env.freezes().find((f) => f.kind === 'deployments');
  return {
    kind: 'rollback',
    title: `Roll back ${ref.service}@${ref.region} to revision ${to.revision} (${to.version})`,
    target: ref.service,
    where: `${whereContext(env)} · ${cap.where(ref)}`,
    effect: `${ref.service}@${ref.region} goes from revision ${active?.revision ?? '?'} (${active?.version ?? '?'}) to ${to.version}; pods are replaced one at a time`,
    command: cap.command(ref, to.revision),
    blastRadius: `every tenant's ${ref.service} traffic in ${ref.region}: ${row?.podsDesired ?? '?'} pods restart in turn; other regions are untouched`,
    notes: deploymentsFrozen ? [`deployments are frozen (${deploymentsFrozen.reason}): GitOps will not revert this rollback while frozen`] : undefined,
    params: {service: ref.service, region: ref.region, toRevision: to.revision, toVersion: to.version},
    before: {revision: active?.revision, version: active?.version, errorRatio: row?.errorRatio, podsReady: row?.podsReady},
    requireReason: false,
    pane: 'health',
    cancellable: false,
    async preconditions() {
      const common = commonRefusal(env, 'health') ?? frozenRefusal('rollback', env.freezes());
      if (common) return common;
      const current = await cap.history(ref, AbortSignal.timeout(10_000));
      const now = current.find((r) => r.active);
      if (now?.version === to.version && now.revision !== to.revision) return `refused: ${ref.service}@${ref.region} already runs ${to.version} (revision ${now.revision})`;
      if (!current.some((r) => r.revision === to.revision)) return `refused: revision ${to.revision} no longer exists`;
      if (now && now.revision === to.revision) return `refused: revision ${to.revision} is already active`;
      const latest = env.snapshot('health').value?.services.find((s) => s.service === ref.service && s.region === ref.region);
      if (latest?.paused) return `refused: deployment ${ref.service} is paused; resume it first (kubectl rollout resume)`;
      return undefined;
    },
    async run(control) {
      const outcome = await cap.rollback(ref, to.revision, control);
      const ok = outcome.status.done && !outcome.status.failed;
      return {
        ok,
        message: ok
          ? `${ref.service}@${ref.region} rolled back to ${to.version} (now revision ${outcome.toRevision}): ${outcome.status.message}`
          : `${ref.service}@${ref.region} rollback to ${to.version} did not complete: ${outcome.status.message}`,
        after: {revision: outcome.toRevision, version: to.version, ready: outcome.status.ready, desired: outcome.status.desired},
      };
    },
  };
}

// Rollback: a service's deployment back to a chosen earlier revision, followed to the end of the rollout.
import {capabilityFor} from '../data/session.js';
import type {ReleaseScope, Revision, ServiceRef} from '../data/sources/types.js';
import {whereContext, type PlanEnv} from './env.js';
import {changeNote, colleagueNotes} from './team.js';
import type {ActionPlan} from './types.js';

/** The default target: the newest revision before the active one. */
export function defaultRevision(history: readonly Revision[]): Revision | undefined {
  const active = history.find((r) => r.active);
  return history.find((r) => !r.active && (!active || r.revision < active.revision)) ?? history.find((r) => !r.active);
}

/** `service@region`: the exact target a person types to confirm in production. */
export function serviceTarget(ref: ServiceRef): string {
  return `${ref.service}@${ref.region}`;
}

/** What really goes back: one Deployment, or (Helm) every service of the release (runbook 24, "helm rollback atp"). */
function blastRadius(ref: ServiceRef, pods: number | undefined, release: ReleaseScope | undefined): string {
  const one = `every tenant's ${ref.service} traffic in ${ref.region}: ${pods ?? '?'} pods restart in turn; other regions are untouched`;
  if (!release) return one;
  const others = release.services.filter((s) => s !== ref.service);
  return (
    `helm rollback takes EVERY service of release ${release.release} back to that release revision, not only ${ref.service}: ` +
    `${release.services.join(', ') || ref.service} in ${ref.region}${others.length ? ` (${others.length} besides ${ref.service})` : ''}; ` +
    `their pods restart in turn; other regions are untouched`
  );
}

/** Builds the rollback plan for `ref` to `to`, given its revision history. */
export function rollbackPlan(env: PlanEnv, ref: ServiceRef, history: readonly Revision[], to: Revision): ActionPlan {
  const found = capabilityFor(env.session, 'health', 'rollback');
  if (!found) throw new Error('no source of the health pane can roll back');
  const cap = found.capability;
  const active = history.find((r) => r.active);
  const row = env.snapshot('health').value?.services.find((s) => s.service === ref.service && s.region === ref.region);
  const deploymentsFrozen = env.freezes().find((f) => f.kind === 'deployments');
  const release = cap.release?.(ref);
  const target = serviceTarget(ref);
  const notes = [
    ...(release ? [`this is a Helm release rollback: ${release.services.length || 'all'} service(s) of ${release.release} go back together`] : []),
    ...(deploymentsFrozen ? [`deployments are frozen (${deploymentsFrozen.reason}): GitOps will not revert this rollback while frozen`] : []),
    ...colleagueNotes(env, ref),
  ];
  return {
    kind: 'rollback',
    title: `Roll back ${target} to revision ${to.revision} (${to.version})`,
    target,
    where: `${whereContext(env)} · ${cap.where(ref)}`,
    effect: `${target} goes from revision ${active?.revision ?? '?'} (${active?.version ?? '?'}) to ${to.version}; pods are replaced one at a time`,
    command: cap.command(ref, to.revision),
    blastRadius: blastRadius(ref, row?.podsDesired, release),
    notes: notes.length ? notes : undefined,
    params: {
      service: ref.service,
      region: ref.region,
      toRevision: to.revision,
      toVersion: to.version,
      ...(release ? {release: release.release, releaseServices: release.services} : {}),
    },
    before: {revision: active?.revision, version: active?.version, errorRatio: row?.errorRatio, podsReady: row?.podsReady},
    requireReason: true,
    pane: 'health',
    cancellable: false,
    // The declared rules (src/actions/defs/rollback.tsx) are checked before these, by the host.
    async preconditions() {
      const current = await cap.history(ref, AbortSignal.timeout(10_000));
      const now = current.find((r) => r.active);
      if (now?.version === to.version && now.revision !== to.revision) return `refused: ${target} already runs ${to.version} (revision ${now.revision})`;
      if (!current.some((r) => r.revision === to.revision)) return `refused: revision ${to.revision} no longer exists`;
      if (now && now.revision === to.revision) return `refused: revision ${to.revision} is already active`;
      const latest = env.snapshot('health').value?.services.find((s) => s.service === ref.service && s.region === ref.region);
      if (latest?.paused) return `refused: deployment ${ref.service} is paused; resume it first (kubectl rollout resume)`;
      return undefined;
    },
    async run(control, confirmed) {
      // Who, why and the incident go where Kubernetes users look (change-cause, an Event), not only into our journal.
      const outcome = await cap.rollback(ref, to.revision, control, changeNote(env.identity, confirmed));
      const ok = outcome.status.done && !outcome.status.failed;
      return {
        ok,
        message: ok
          ? `${target} rolled back to ${to.version} (now revision ${outcome.toRevision}): ${outcome.status.message}`
          : `${target} rollback to ${to.version} did not complete: ${outcome.status.message}`,
        after: {revision: outcome.toRevision, version: to.version, ready: outcome.status.ready, desired: outcome.status.desired},
      };
    },
  };
}

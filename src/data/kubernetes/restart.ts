// `kubectl rollout restart` through the API (k8s.io/kubectl/pkg/polymorphichelpers/objectrestarter.go): set the pod
// template annotation kubectl.kubernetes.io/restartedAt to the time in RFC 3339 with a strategic merge patch, plus the
// change-cause in the same patch; record an Event; follow the rollout from the watch cache.
import {ReadOnlyError} from '../errors.js';
import type {ChangeNote, Restartable, RunControl, ServiceRef} from '../sources/types.js';
import {CHANGE_CAUSE, changeCause, changeEvent, recordChange} from './change.js';
import {kubeError} from './client.js';
import {at, type KubeJson} from './json.js';
import {deploymentTarget, type ActionDeps} from './target.js';
import {goJson} from './undo.js';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** kubectl's words (objectrestarter.go). */
export const PAUSED_RESTART = "can't restart paused deployment (run rollout resume first)";
export const FIELD_MANAGER = 'atp-cockpit';
const STRATEGIC = 'application/strategic-merge-patch+json';
const READ_MS = 15_000;

/** Go's time.RFC3339 in UTC: second precision, `Z`. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** kubectl's patch (`{"spec":{"template":{"metadata":{"annotations":{...restartedAt}}}}}`), plus our change-cause. */
export function restartPatch(restartedAt: string, cause?: string): string {
  const spec = {template: {metadata: {annotations: {[RESTARTED_AT]: restartedAt}}}};
  return goJson(cause ? {metadata: {annotations: {[CHANGE_CAUSE]: cause}}, spec} : {spec});
}

/** Builds the Restartable capability of the kubernetes source. */
export function kubernetesRestart(deps: ActionDeps): Restartable {
  return {
    where: (ref) => deploymentTarget(deps, ref).where,
    command(ref) {
      const t = deploymentTarget(deps, ref);
      return `kubectl rollout restart deployment/${t.name} -n ${t.namespace}${t.flags}`;
    },
    async restart(ref: ServiceRef, note: ChangeNote, run: RunControl) {
      if (deps.readOnly) throw new ReadOnlyError(`restart of ${ref.service}@${ref.region}`);
      const t = deploymentTarget(deps, ref);
      const {client} = t.region;
      run.progress({kind: 'step', message: `reading deployment/${t.name} in ${t.namespace} (${ref.region})`});
      const current: KubeJson = await client.raw(
        `get deployment/${t.name} -n ${t.namespace}`,
        (o) => client.apps.readNamespacedDeployment({name: t.name, namespace: t.namespace}, o),
        {signal: run.signal, timeoutMs: READ_MS},
      );
      if (at(current, 'spec.paused') === true) throw new Error(PAUSED_RESTART);
      const restartedAt = rfc3339(new Date(deps.clock.now()));
      const body = restartPatch(restartedAt, changeCause(`restart deployment/${t.name}`, note));
      run.progress({kind: 'step', message: `patching deployment/${t.name}: ${RESTARTED_AT}=${restartedAt}`});
      let patched: KubeJson;
      try {
        const options = client.exactBody({signal: run.signal, timeoutMs: READ_MS}, body, STRATEGIC);
        const fn = () =>
          client.apps.patchNamespacedDeployment({name: t.name, namespace: t.namespace, body: JSON.parse(body) as object, fieldManager: FIELD_MANAGER}, options);
        patched = (await fn()) as unknown as KubeJson;
      } catch (error) {
        throw kubeError(error, `patch deployment/${t.name} -n ${t.namespace}`);
      }
      await recordChange(
        client,
        changeEvent('restart', patched, `restart deployment/${t.name} (${RESTARTED_AT}=${restartedAt})`, note, new Date(deps.clock.now())),
        run,
      );
      const status = await t.follow(Number(at(patched, 'metadata.generation') ?? 0), run);
      return {restartedAt, status};
    },
  };
}

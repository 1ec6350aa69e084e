// `kubectl scale` through the API (k8s.io/kubectl/pkg/scale ScaleSimple): a merge patch `{"spec":{"replicas":N}}` on
// the deployment's scale subresource. The HorizontalPodAutoscaler targeting the deployment is read first, so the
// form can say when the HPA will override the count. Then the change-cause and an Event record who and why.
import {ReadOnlyError} from '../errors.js';
import {checkScale, SCALE_MAX} from '../scale-check.js';
import type {ChangeNote, HpaInfo, Scalable, ScaleInfo, ServiceRef} from '../sources/types.js';

export {checkScale, SCALE_MAX};
import {sanitizeLine} from '../text/sanitize.js';
import {CHANGE_CAUSE, changeCause, changeEvent, recordChange} from './change.js';
import {FIELD_MANAGER} from './restart.js';
import {kubeError, KubeApiError, type RegionClient} from './client.js';
import {at, nameOf, num, records, str, type KubeJson} from './json.js';
import {deploymentTarget, type ActionDeps} from './target.js';
import {goJson} from './undo.js';

const MERGE = 'application/merge-patch+json';
const READ_MS = 15_000;

/** The HPA among `hpas` whose scaleTargetRef is deployment `name`. */
export function hpaFor(hpas: readonly KubeJson[], name: string): HpaInfo | undefined {
  const hpa = hpas.find((h) => str(h, 'spec.scaleTargetRef.kind') === 'Deployment' && str(h, 'spec.scaleTargetRef.name') === name);
  if (!hpa) return undefined;
  const desired = at(hpa, 'status.desiredReplicas');
  return {
    name: sanitizeLine(nameOf(hpa)),
    min: num(hpa, 'spec.minReplicas', 1),
    max: num(hpa, 'spec.maxReplicas'),
    ...(typeof desired === 'number' ? {desired} : {}),
  };
}

async function readHpas(client: RegionClient, namespace: string, signal: AbortSignal): Promise<readonly KubeJson[]> {
  const list = await client.raw(
    `list horizontalpodautoscalers -n ${namespace}`,
    (o) => client.custom.listNamespacedCustomObject({group: 'autoscaling', version: 'v2', namespace, plural: 'horizontalpodautoscalers'}, o),
    {signal, timeoutMs: READ_MS},
  );
  return records(list, 'items');
}

/** Builds the Scalable capability of the kubernetes source. */
export function kubernetesScale(deps: ActionDeps): Scalable {
  async function info(ref: ServiceRef, signal: AbortSignal): Promise<ScaleInfo> {
    const t = deploymentTarget(deps, ref);
    const {client} = t.region;
    const scale = await client.raw(
      `get deployment/${t.name}/scale -n ${t.namespace}`,
      (o) => client.apps.readNamespacedDeploymentScale({name: t.name, namespace: t.namespace}, o),
      {signal, timeoutMs: READ_MS},
    );
    let hpa: HpaInfo | undefined;
    let hpaError: string | undefined;
    try {
      hpa = hpaFor(await readHpas(client, t.namespace, signal), t.name);
    } catch (error) {
      // No autoscaling/v2 API (404) means no HPA; anything else (403 without `list horizontalpodautoscalers`) is said.
      if (!(error instanceof KubeApiError && error.status === 404)) hpaError = error instanceof Error ? error.message : String(error);
    }
    const replicas = num(scale, 'spec.replicas');
    return {
      replicas,
      ready: num(t.cached(), 'status.readyReplicas'),
      ...(hpa ? {hpa} : {}),
      ...(hpaError ? {hpaError} : {}),
      min: 0,
      max: Math.max(SCALE_MAX, hpa?.max ?? 0),
    };
  }

  return {
    info,
    check: checkScale,
    where: (ref) => deploymentTarget(deps, ref).where,
    command(ref, replicas) {
      const t = deploymentTarget(deps, ref);
      return `kubectl scale deployment/${t.name} -n ${t.namespace} --replicas=${replicas}${t.flags}`;
    },
    async scale(ref, replicas, note: ChangeNote, run) {
      if (deps.readOnly) throw new ReadOnlyError(`scale of ${ref.service}@${ref.region}`);
      const t = deploymentTarget(deps, ref);
      const {client} = t.region;
      const current = await info(ref, run.signal);
      const verdict = checkScale(current, replicas);
      if (!verdict.ok) throw new Error(verdict.error);
      const what = `deployment/${t.name} -n ${t.namespace}`;
      run.progress({kind: 'step', message: `scaling ${what} from ${current.replicas} to ${replicas}`});
      const body = goJson({spec: {replicas}});
      try {
        const options = client.exactBody({signal: run.signal, timeoutMs: READ_MS}, body, MERGE);
        // kubectl sends no fieldManager here (the server derives it from the user agent); neither do we.
        await client.apps.patchNamespacedDeploymentScale({name: t.name, namespace: t.namespace, body: {spec: {replicas}}}, options);
      } catch (error) {
        throw kubeError(error, `scale ${what}`);
      }
      const cause = changeCause(`scale deployment/${t.name} from ${current.replicas} to ${replicas}`, note);
      let patched: KubeJson;
      try {
        const annotate = goJson({metadata: {annotations: {[CHANGE_CAUSE]: cause}}});
        const options = client.exactBody({signal: run.signal, timeoutMs: READ_MS}, annotate, MERGE);
        const fn = () =>
          client.apps.patchNamespacedDeployment(
            {name: t.name, namespace: t.namespace, body: JSON.parse(annotate) as object, fieldManager: FIELD_MANAGER},
            options,
          );
        patched = (await fn()) as unknown as KubeJson;
      } catch (error) {
        throw kubeError(error, `annotate ${what} (scaled to ${replicas}; change-cause not recorded)`);
      }
      await recordChange(
        client,
        changeEvent('scale', patched, `scale deployment/${t.name} from ${current.replicas} to ${replicas}`, note, new Date(deps.clock.now())),
        run,
      );
      const status = await t.follow(num(patched, 'metadata.generation'), run);
      return {from: current.replicas, to: replicas, warnings: verdict.warnings, status};
    },
  };
}

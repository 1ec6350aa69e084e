// Rollback: `kubectl rollout undo` through the API (exact patch, then follow the rollout from the watch cache),
// or `helm rollback` as a subprocess for Helm-managed services.
import * as k8s from '@kubernetes/client-node';
import type {Clock} from '../clock.js';
import {ReadOnlyError} from '../errors.js';
import type {ChangeNote, ReleaseScope, Rollbackable, RollbackOutcome, RolloutStatus, RunControl, ServiceRef} from '../sources/types.js';
import {CHANGE_CAUSE, changeCause, changeEvent, defaultNote, recordChange} from './change.js';
import {kubeError} from './client.js';
import type {KubeSourceConfig} from './config.js';
import {findHelm, helmRollbackArgs, HelmMissingError, runHelm, shellQuote} from './helm-cli.js';
import {annotationsOf, nameOf, type KubeJson} from './json.js';
import type {RegionWatch} from './region.js';
import {helmRevisions, readDeploymentHistory, replicaSetRevisions, revisionOf} from './revisions.js';
import {followRollout, rolloutStatus} from './rollout.js';
import {FIELD_MANAGER} from './restart.js';
import {goJson, undoPlan} from './undo.js';

/** What the rollback capability needs from the source. */
export interface RollbackDeps {
  readonly config: KubeSourceConfig;
  readonly regions: ReadonlyMap<string, RegionWatch>;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly readOnly: boolean;
}

const READ_MS = 15_000;

/** Builds the Rollbackable capability of the kubernetes source. */
export function kubernetesRollback(deps: RollbackDeps): Rollbackable {
  const {config, clock, env} = deps;
  const target = (ref: ServiceRef) => {
    const region = deps.regions.get(ref.region);
    if (!region || !config.services.includes(ref.service)) throw new Error(`unknown service ${ref.service}@${ref.region}`);
    const namespace = config.namespaceOf(ref.service);
    const name = config.deploymentOf(ref.service);
    const cached = () =>
      region
        .namespace(namespace)
        .deployments.items()
        .find((d) => nameOf(d) === name);
    return {region, namespace, name, cached};
  };
  // Helm-managed: listed in helm.services, or (without that list) carrying this release's Helm ownership annotations.
  const helmFor = (ref: ServiceRef) => {
    const helm = config.helm;
    if (!helm) return undefined;
    if (helm.services) return helm.services.includes(ref.service) ? helm : undefined;
    const a = annotationsOf(target(ref).cached());
    return a['meta.helm.sh/release-name'] === helm.release && a['meta.helm.sh/release-namespace'] === helm.namespace ? helm : undefined;
  };
  const helmArgs = (ref: ServiceRef, to: number) => {
    const helm = helmFor(ref);
    return helm ? helmRollbackArgs(helm, to, target(ref).region.client.region, config.kubeconfig) : undefined;
  };
  const releaseOf = (ref: ServiceRef): ReleaseScope | undefined => {
    const helm = helmFor(ref);
    if (!helm) return undefined;
    // Without helm.services, the release's services are those whose Deployment carries its ownership annotations.
    const services = helm.services ?? config.services.filter((service) => helmFor({service, region: ref.region}) === helm);
    return {release: helm.release, namespace: helm.namespace, services};
  };
  const follow = (ref: ServiceRef, generation: number, run: RunControl) => {
    const {region, namespace, name, cached} = target(ref);
    return followRollout(
      {name, observe: cached, broken: () => region.broken(namespace), subscribe: (l) => region.subscribe(l, namespace), generation, clock},
      run,
    );
  };

  async function kubectlUndo(ref: ServiceRef, toRevision: number, run: RunControl, note: ChangeNote): Promise<RollbackOutcome> {
    const {region, namespace, name, cached} = target(ref);
    const {client} = region;
    run.progress({kind: 'step', message: `reading deployment/${name} and its ReplicaSets in ${namespace} (${ref.region})`});
    const history = await readDeploymentHistory(client, namespace, name, {timeoutMs: READ_MS});
    const fromRevision = revisionOf(history.deployment);
    const plan = undoPlan(history, toRevision, changeCause(`rollback deployment/${name} to revision ${toRevision || 'previous'}`, note));
    if (plan.kind === 'skipped') {
      const status = {...rolloutStatus(history.deployment), done: true, message: plan.message};
      run.progress({kind: 'rollout', status});
      return {fromRevision, toRevision: fromRevision, status};
    }
    run.progress({kind: 'step', message: `patching deployment/${name} with the template of replicaset ${plan.replicaSet} (revision ${plan.toRevision})`});
    let patched: k8s.V1Deployment;
    try {
      const options = client.exactBody({timeoutMs: READ_MS}, plan.patch, k8s.PatchStrategy.JsonPatch);
      patched = await client.apps.patchNamespacedDeployment({name, namespace, body: JSON.parse(plan.patch) as object}, options);
    } catch (error) {
      throw kubeError(error, `patch deployment/${name} -n ${namespace}`);
    }
    const detail = `rollback deployment/${name} to revision ${plan.toRevision} (replicaset ${plan.replicaSet})`;
    await recordChange(client, changeEvent('rollback', patched as unknown as KubeJson, detail, note, new Date(clock.now())), run);
    const status = await follow(ref, patched.metadata?.generation ?? 0, run);
    return {fromRevision, toRevision: revisionOf(cached()) || plan.toRevision, status};
  }

  /**
   * `helm rollback` has no change-cause of its own (no --description): once it has succeeded, each Deployment of the
   * release in this region gets the change-cause (the deployment controller copies it to the current ReplicaSet, so
   * `kubectl rollout history` shows it) and an Event. Helm's three-way merge keeps an annotation its chart does not set.
   * The rollback is done by then, so a failure here is said, not thrown.
   */
  async function recordHelm(ref: ServiceRef, release: string, toRevision: number, note: ChangeNote, run: RunControl): Promise<void> {
    for (const service of releaseOf(ref)?.services ?? []) {
      const {region, namespace, name} = target({service, region: ref.region});
      const detail = `helm rollback ${release} to revision ${toRevision} (deployment/${name})`;
      try {
        const body = goJson({metadata: {annotations: {[CHANGE_CAUSE]: changeCause(detail, note)}}});
        const options = region.client.exactBody({signal: run.signal, timeoutMs: READ_MS}, body, 'application/merge-patch+json');
        const patch = {name, namespace, body: JSON.parse(body) as object, fieldManager: FIELD_MANAGER};
        const patched = (await region.client.apps.patchNamespacedDeployment(patch, options)) as unknown as KubeJson;
        await recordChange(region.client, changeEvent('rollback', patched, detail, note, new Date(clock.now())), run);
      } catch (error) {
        const e = kubeError(error, `annotate deployment/${name} -n ${namespace}`);
        if (e.name === 'ReadOnlyError') throw e;
        run.progress({kind: 'step', message: `helm rolled back, but the change-cause of deployment/${name} was not recorded: ${e.message}`});
      }
    }
  }

  async function helmRollback(ref: ServiceRef, toRevision: number, args: string[], run: RunControl, note: ChangeNote): Promise<RollbackOutcome> {
    const helm = helmFor(ref)!;
    const {region, cached} = target(ref);
    const line = ['helm', ...args].map(shellQuote).join(' ');
    if (!findHelm(env)) throw new HelmMissingError(line);
    const before = await helmRevisions(region.client, helm, {timeoutMs: READ_MS});
    const fromRevision = before.find((r) => r.active)?.revision;
    run.progress({kind: 'step', message: `running: ${line}`});
    const observe = (): RolloutStatus => {
      const d: KubeJson | undefined = cached();
      const s = d ? rolloutStatus(d) : {desired: 0, updated: 0, ready: 0, available: 0, done: false, message: ''};
      return {
        ...s,
        done: false,
        failed: undefined,
        message: `helm rollback ${helm.release} ${toRevision} running (--wait)${s.message ? `; ${s.message}` : ''}`,
      };
    };
    let last = observe();
    const timer = setInterval(() => {
      const next = observe();
      if (next.message !== last.message) run.progress({kind: 'rollout', status: next});
      last = next;
    }, 1_000);
    const stopped = new Promise<'stopped'>((resolve) => run.signal.addEventListener('abort', () => resolve('stopped'), {once: true}));
    try {
      const helmRun = runHelm(args, env);
      const result = await Promise.race([helmRun, stopped]);
      if (result === 'stopped') {
        // helm goes on without us watching; who and why are still recorded when it succeeds.
        const quiet: RunControl = {signal: new AbortController().signal, progress: () => undefined};
        helmRun.then(() => recordHelm(ref, helm.release, toRevision, note, quiet)).catch(() => undefined);
        return {fromRevision, toRevision, status: {...last, message: `stopped following; helm rollback continues in the background`}};
      }
      await recordHelm(ref, helm.release, toRevision, note, run);
      const after = await helmRevisions(region.client, helm, {timeoutMs: READ_MS}).catch(() => []);
      const now = cached();
      const status: RolloutStatus = {
        ...(now ? rolloutStatus(now) : last),
        done: true,
        failed: undefined,
        message: `${result.stdout.trim().split('\n').pop() ?? 'helm rollback done'}${now ? `; ${rolloutStatus(now).message}` : ''}`,
      };
      run.progress({kind: 'rollout', status});
      return {fromRevision, toRevision: after.find((r) => r.active)?.revision ?? toRevision, status};
    } finally {
      clearInterval(timer);
    }
  }

  return {
    async history(ref, signal) {
      const helm = helmFor(ref);
      const {region, namespace, name} = target(ref);
      if (helm) return helmRevisions(region.client, helm, {signal, timeoutMs: READ_MS});
      return replicaSetRevisions(await readDeploymentHistory(region.client, namespace, name, {signal, timeoutMs: READ_MS}), ref.service);
    },
    where(ref) {
      const {region, namespace, name} = target(ref);
      const ctx = `${ref.region}: context ${region.client.region.kubeContext}`;
      const helm = helmFor(ref);
      if (!helm) return `deployment/${name} -n ${namespace} (${ctx})`;
      const missing = findHelm(env) ? '' : ' · helm is NOT installed on this machine';
      return `helm release ${helm.release} -n ${helm.namespace} (${ctx}; rolls back every service of the release)${missing}`;
    },
    command(ref, to) {
      const args = helmArgs(ref, to);
      if (args) return ['helm', ...args].map(shellQuote).join(' ');
      const {region, namespace, name} = target(ref);
      const r = region.client.region;
      const context = r.explicit ? ` --context ${shellQuote(r.kubeContext)}` : '';
      const kubeconfig = config.kubeconfig ? ` --kubeconfig ${shellQuote(config.kubeconfig)}` : '';
      return `kubectl rollout undo deployment/${name} -n ${namespace} --to-revision=${to}${context}${kubeconfig}`;
    },
    release: releaseOf,
    async rollback(ref, toRevision, run, note = defaultNote(env)) {
      if (deps.readOnly) throw new ReadOnlyError(`rollback of ${ref.service}@${ref.region}`);
      const args = helmArgs(ref, toRevision);
      return args ? helmRollback(ref, toRevision, args, run, note) : kubectlUndo(ref, toRevision, run, note);
    },
  };
}

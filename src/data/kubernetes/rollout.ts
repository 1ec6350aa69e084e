// Following a rollout the way `kubectl rollout status` does (kubectl/pkg/polymorphichelpers/rollout_status.go),
// from the deployment watch cache rather than a watch of its own.
import type {Clock, TimerHandle} from '../clock.js';
import type {RolloutStatus, RunControl} from '../sources/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {nameOf, num, records, type KubeJson} from './json.js';

/** kubectl's status line and verdict for one observation of a deployment. */
export function rolloutStatus(d: KubeJson): RolloutStatus {
  const name = sanitizeLine(nameOf(d));
  const desired = num(d, 'spec.replicas', 1);
  const s = {desired, updated: num(d, 'status.updatedReplicas'), ready: num(d, 'status.readyReplicas'), available: num(d, 'status.availableReplicas')};
  const replicas = num(d, 'status.replicas');
  if (num(d, 'metadata.generation') > num(d, 'status.observedGeneration')) {
    return {...s, done: false, message: 'Waiting for deployment spec update to be observed...'};
  }
  const progressing = records(d, 'status.conditions').find((c) => c['type'] === 'Progressing');
  if (progressing?.['reason'] === 'ProgressDeadlineExceeded') {
    return {...s, done: true, failed: true, message: `deployment "${name}" exceeded its progress deadline`};
  }
  if (s.updated < desired)
    return {...s, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.updated} out of ${desired} new replicas have been updated...`};
  if (replicas > s.updated)
    return {...s, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${replicas - s.updated} old replicas are pending termination...`};
  if (s.available < s.updated)
    return {...s, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.available} of ${s.updated} updated replicas are available...`};
  return {...s, done: true, message: `deployment "${name}" successfully rolled out`};
}

/** Where a followed rollout's deployment comes from (the watch cache). */
export interface FollowOptions {
  readonly name: string;
  /** The deployment as the watch cache has it now (undefined when deleted). */
  observe(): KubeJson | undefined;
  /** Why the cache cannot be trusted right now (watch broken), if so. */
  broken(): string | undefined;
  /** Calls back on every cache change. */
  subscribe(listener: () => void): () => void;
  /** The generation the rollback produced: older observations are not about it. */
  readonly generation: number;
  readonly clock: Clock;
}

/** Reports progress until the rollout completes, fails (progress deadline) or the caller stops following. */
export function followRollout(options: FollowOptions, run: RunControl): Promise<RolloutStatus> {
  const {clock} = options;
  return new Promise((resolve) => {
    let last: RolloutStatus = {desired: 0, updated: 0, ready: 0, available: 0, done: false, message: 'Waiting for deployment spec update to be observed...'};
    let lastText = '';
    let timer: TimerHandle | undefined;
    let finished = false;
    let unsubscribe = () => {};
    const finish = (status: RolloutStatus) => {
      if (finished) return;
      finished = true;
      unsubscribe();
      if (timer) clock.clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
      resolve(status);
    };
    const evaluate = () => {
      if (finished) return;
      const broken = options.broken();
      const d = options.observe();
      let status: RolloutStatus;
      if (broken) status = {...last, done: false, message: `${last.message} (watch interrupted: ${broken}; reconnecting)`};
      else if (!d) status = {...last, done: true, failed: true, message: `deployment "${options.name}" not found`};
      else if (options.generation > 0 && num(d, 'metadata.generation') < options.generation)
        status = {...rolloutStatus(d), done: false, failed: undefined, message: 'Waiting for deployment spec update to be observed...'};
      else status = rolloutStatus(d);
      if (!broken) last = status;
      const text = `${status.message}|${status.updated}|${status.ready}|${status.available}`;
      if (text !== lastText) {
        lastText = text;
        run.progress({kind: 'rollout', status});
      }
      if (status.done) finish(status);
    };
    const tick = () => {
      evaluate();
      if (!finished) timer = clock.setTimeout(tick, 1_000);
    };
    const onAbort = () => finish({...last, done: false, message: `stopped following; ${last.message}`});
    unsubscribe = options.subscribe(evaluate);
    if (run.signal.aborted) return onAbort();
    run.signal.addEventListener('abort', onAbort, {once: true});
    tick();
  });
}

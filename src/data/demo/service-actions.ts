// The demo's restart, scale and team-visible changes, so every scenario can be played without a cluster: a restart
// cycles the pods one by one, a scale changes the desired replicas (ingestion has an HPA), and each change leaves a
// team action. The demo's logs are in logs.ts.
import type {Clock} from '../clock.js';
import {runbookNamespace} from '../readings/names.js';
import {sleep} from '../sleep.js';
import type {ChangeNote, Restartable, RolloutStatus, RunControl, Scalable, ServiceRef, TeamAction} from '../sources/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {checkScale, SCALE_MAX} from '../scale-check.js';
import type {ServiceSim} from './service-sim.js';
import type {DemoWorld} from './world.js';

/** The demo's HPAs: ingestion autoscales between its usual 3 and 9 replicas. */
const HPAS: Readonly<Record<string, {min: number; max: number}>> = {ingestion: {min: 3, max: 9}};

export interface DemoActionDeps {
  readonly world: DemoWorld;
  readonly clock: Clock;
  sim(ref: ServiceRef): ServiceSim;
}

/** Follows the simulated rollout until done or stopped (the demo's `kubectl rollout status`). */
export async function followDemo(deps: DemoActionDeps, s: ServiceSim, run: RunControl): Promise<RolloutStatus> {
  for (;;) {
    deps.world.advance();
    const status = s.rolloutStatus(deps.world.now);
    run.progress({kind: 'rollout', status});
    if (status.done) return status;
    if (run.signal.aborted) return {...status, message: `stopped following; ${status.message}`};
    await sleep(deps.clock, 500).catch(() => undefined);
  }
}

/** The team actions the demo's changes leave, newest first. */
export class DemoTeam {
  private readonly list: TeamAction[] = [];

  record(ref: ServiceRef, action: string, note: ChangeNote, detail: string, at: number): void {
    const by = sanitizeLine(note.by);
    const host = sanitizeLine(note.host);
    const reason = sanitizeLine(note.reason);
    const incident = note.incident ? sanitizeLine(note.incident) : undefined;
    const message = `${by}@${host} via atp-cockpit: ${detail}${reason ? `; reason: ${reason}` : ''}${incident ? `; incident ${incident}` : ''}`;
    const object = `deployment/${ref.service} -n ${runbookNamespace(ref.service)}`;
    const id = note.id ? {id: sanitizeLine(note.id)} : {};
    this.list.unshift({at, by, host, action, object, region: ref.region, service: ref.service, reason, ...(incident ? {incident} : {}), message, ...id});
    this.list.sort((a, b) => b.at - a.at);
    this.list.length = Math.min(this.list.length, 100);
  }

  recent(): readonly TeamAction[] {
    return [...this.list];
  }
}

export function demoRestart(deps: DemoActionDeps, team: DemoTeam): Restartable {
  return {
    where: (ref) => `deployment/${ref.service} -n ${runbookNamespace(ref.service)} (${ref.region})`,
    command: (ref) => `kubectl rollout restart deployment/${ref.service} -n ${runbookNamespace(ref.service)} --context ${ref.region}`,
    async restart(ref, note, run) {
      deps.world.advance();
      const s = deps.sim(ref);
      const restartedAt = new Date(deps.world.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
      run.progress({kind: 'step', message: `patching deployment/${ref.service}: kubectl.kubernetes.io/restartedAt=${restartedAt}`});
      s.restart(deps.world.now);
      team.record(ref, 'restart', note, `restart deployment/${ref.service}`, deps.clock.now());
      deps.world.touch();
      return {restartedAt, status: await followDemo(deps, s, run)};
    },
  };
}

export function demoScale(deps: DemoActionDeps, team: DemoTeam): Scalable {
  const info = async (ref: ServiceRef) => {
    deps.world.advance();
    const s = deps.sim(ref);
    const hpa = HPAS[ref.service];
    return {
      replicas: s.desired,
      ready: s.readyCount(deps.world.now),
      ...(hpa ? {hpa: {name: ref.service, ...hpa}} : {}),
      min: 0,
      max: Math.max(SCALE_MAX, hpa?.max ?? 0),
    };
  };
  return {
    info,
    check: checkScale,
    where: (ref) => `deployment/${ref.service} -n ${runbookNamespace(ref.service)} (${ref.region})`,
    command: (ref, n) => `kubectl scale deployment/${ref.service} -n ${runbookNamespace(ref.service)} --replicas=${n} --context ${ref.region}`,
    async scale(ref, replicas, note, run) {
      const current = await info(ref);
      const verdict = checkScale(current, replicas);
      if (!verdict.ok) throw new Error(verdict.error);
      const s = deps.sim(ref);
      run.progress({kind: 'step', message: `scaling deployment/${ref.service} from ${current.replicas} to ${replicas}`});
      s.scaledTo = replicas;
      s.podsVersion++;
      team.record(ref, 'scale', note, `scale deployment/${ref.service} from ${current.replicas} to ${replicas}`, deps.clock.now());
      deps.world.touch();
      return {from: current.replicas, to: replicas, warnings: verdict.warnings, status: await followDemo(deps, s, run)};
    },
  };
}

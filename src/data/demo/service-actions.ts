// The demo's restart, scale, logs and team-visible changes, so every scenario can be played without a cluster:
// a restart cycles the pods one by one, a scale changes the desired replicas (ingestion has an HPA), logs are
// plausible lines (a pod with restarts has a crash in its previous instance), and each change leaves a team action.
import type {Clock} from '../clock.js';
import {runbookNamespace} from '../readings/names.js';
import {sleep} from '../sleep.js';
import type {ChangeNote, Loggable, LogRequest, Restartable, RolloutStatus, RunControl, Scalable, ServiceRef, TeamAction} from '../sources/types.js';
import {LogTailBuffer} from '../text/log-tail.js';
import {sanitizeLine} from '../text/sanitize.js';
import {checkScale, SCALE_MAX} from '../scale-check.js';
import {hash} from './random.js';
import {podRestarts, type ServiceSim} from './service-sim.js';
import type {DemoWorld} from './world.js';

/** The demo's HPAs: ingestion autoscales between its usual 3 and 9 replicas. */
const HPAS: Readonly<Record<string, {min: number; max: number}>> = {ingestion: {min: 3, max: 9}};
const LINE_MS = 400;

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
    return {replicas: s.desired, ready: s.readyCount(deps.world.now), ...(hpa ? {hpa: {name: ref.service, ...hpa}} : {}), min: 0, max: Math.max(SCALE_MAX, hpa?.max ?? 0)};
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

const NORMAL = [
  (n: number) => `level=info msg="batch stored" records=${50 + (n % 200)} durationMs=${12 + (n % 40)}`,
  (n: number) => `level=info msg="request served" method=POST path=/v1/audit status=202 latencyMs=${20 + (n % 90)}`,
  (n: number) => `level=debug msg="checkpoint committed" partition=${n % 8} offset=${100_000 + n}`,
  (n: number) => (n % 17 === 0 ? `level=warn msg="slow dependency" target=cosmos latencyMs=${800 + (n % 400)}` : `level=info msg="heartbeat" inflight=${n % 12}`),
];
const CRASH = ['level=error msg="connection to servicebus lost" error="amqp: link detached, reason: *Error{Condition: amqp:link:detach-forced}"',
  'panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c1f2a]', '',
  'goroutine 87 [running]:', 'atp/internal/ingest.(*Consumer).ack(0x0, {0xc000a1e000, 0x24})', '\t/src/internal/ingest/consumer.go:214 +0x2a', 'exit status 2'];

/** A pod's line `n` (deterministic: the same pod logs the same lines). */
function demoLine(service: string, pod: string, n: number, at: number): string {
  const stamp = new Date(at).toISOString();
  return `${stamp} ${NORMAL[(hash(`${pod}:${n}`) + n) % NORMAL.length]!(n)} service=${service}`;
}

export function demoLogs(deps: DemoActionDeps): Loggable {
  const pods = (ref: ServiceRef) => deps.sim(ref).pods;
  return {
    async targets(ref) {
      deps.world.advance();
      return pods(ref).map((p) => ({pod: p.name, containers: [ref.service], restarts: podRestarts(deps.world.seed, p.name)}));
    },
    command: (ref, r: LogRequest) =>
      `kubectl logs ${r.pod} -n ${runbookNamespace(ref.service)} -c ${r.container ?? ref.service}${r.follow && !r.previous ? ' -f' : ''}${r.previous ? ' --previous' : ''}` +
      `${r.sinceTime !== undefined ? ` --since-time=${new Date(r.sinceTime).toISOString().replace(/\.\d{3}Z$/, 'Z')}` : ''} --context ${ref.region}`,
    tail(ref, request, signal) {
      const {clock, world} = deps;
      let timer: ReturnType<Clock['setTimeout']> | undefined;
      const tail = new LogTailBuffer(request.maxLines, request.filter, () => timer && clock.clearTimeout(timer));
      const pod = pods(ref).find((p) => p.name === request.pod);
      if (!pod) {
        tail.end({reason: 'error', message: `logs ${sanitizeLine(request.pod)}: pods "${sanitizeLine(request.pod)}" not found`});
        return tail;
      }
      const since = request.sinceTime ?? -Infinity;
      if (request.previous) {
        if (podRestarts(world.seed, pod.name) === 0) {
          tail.end({reason: 'error', message: `logs ${pod.name}: previous terminated container "${ref.service}" in pod "${pod.name}" not found`});
          return tail;
        }
        const start = world.now - 60_000;
        const lines = Array.from({length: 40}, (_, n) => demoLine(ref.service, pod.name, n, start + n * 1_000));
        tail.feed([...lines, ...CRASH.map((l) => (l ? `${new Date(start + 41_000).toISOString()} ${l}` : l))].join('\n') + '\n');
        tail.end({reason: 'eof'});
        return tail;
      }
      // History since the pod started (at most the last 500 lines), then one line every LINE_MS when following.
      const first = Math.max(0, Math.floor((world.now - pod.createdAt) / LINE_MS) - 500);
      let n = first;
      const emitUntil = (t: number) => {
        const out: string[] = [];
        for (; pod.createdAt + n * LINE_MS <= t; n++) if (pod.createdAt + n * LINE_MS >= since) out.push(demoLine(ref.service, pod.name, n, pod.createdAt + n * LINE_MS));
        if (out.length) tail.feed(`${out.join('\n')}\n`);
      };
      emitUntil(world.now);
      if (!request.follow) {
        tail.end({reason: 'eof'});
        return tail;
      }
      const tick = () => {
        if (signal.aborted) return tail.end({reason: 'stopped'});
        world.advance();
        emitUntil(world.now);
        timer = clock.setTimeout(tick, LINE_MS);
      };
      signal.addEventListener('abort', () => tail.stop(), {once: true});
      timer = clock.setTimeout(tick, LINE_MS);
      return tail;
    },
  };
}

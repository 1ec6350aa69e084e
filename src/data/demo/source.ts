// The demo source: every pane, and every capability, served by the embedded simulated ATP.
import type {Clock} from '../clock.js';
import type {DlqEntity, PaneId, ReadingByPane} from '../readings/types.js';
import {PANE_IDS} from '../readings/types.js';
import {runReplay} from '../replay/engine.js';
import {sleep} from '../sleep.js';
import {sanitize, sanitizeRecord} from '../text/sanitize.js';
import {previewBody} from '../text/body.js';
import type {Capabilities, DlqMessage, Freeze, FreezeKind, ReplayPlan, ReplayTarget, RunControl, ServiceRef, Source} from '../sources/types.js';
import {DemoDlqPort, type DemoReplayFaults} from './dlq-port.js';
import type {DemoMessage} from './dlq-sim.js';
import {runbookNamespace} from '../readings/names.js';
import {burnReading, dlqReading, healthReading, lagReading, outboxReading} from './readings.js';
import type {ScenarioName} from './scenarios.js';
import {DemoWorld} from './world.js';
import {DemoTeam, demoRestart, demoScale, followDemo} from './service-actions.js';
import {demoLogs} from './logs.js';

export interface DemoSourceOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly clock: Clock;
  readonly faults?: DemoReplayFaults;
}

/** How often the demo's metric values are sampled (a short scrape interval). */
const SCRAPE_MS = 5_000;

const FREEZE_TOUCHES: Readonly<Record<FreezeKind, string>> = {
  deployments: 'suspends Flux Kustomization atp (flux-system) and HelmRelease atp (atp-system)',
  integrity: 'suspends the purge and export CronJobs (atp-purge, atp-export)',
  writes: 'puts ingestion into emergency maintenance mode: writes are rejected',
};

/** The kinds of object each demo freeze stands for (as FREEZE_TOUCHES says). */
const FREEZE_OBJECT_KINDS: Readonly<Record<FreezeKind, readonly string[]>> = {
  deployments: ['Kustomization', 'HelmRelease'],
  integrity: ['CronJob'],
  writes: [],
};

const FREEZE_COMMANDS: Readonly<Record<FreezeKind, [string, string]>> = {
  deployments: [
    'flux suspend kustomization atp -n flux-system; flux suspend helmrelease atp -n atp-system',
    'flux resume kustomization atp -n flux-system; flux resume helmrelease atp -n atp-system',
  ],
  integrity: ['atp-admin integrity freeze --reason "<reason>"', 'atp-admin integrity unfreeze'],
  writes: ['atp-admin maintenance enable --writes --reason "<reason>"', 'atp-admin maintenance disable --writes'],
};

/** Converts a stored demo message into a display-safe DLQ message. */
export function toDlqMessage(m: DemoMessage): DlqMessage {
  return {
    sequenceNumber: m.sequenceNumber,
    messageId: sanitize(m.messageId),
    reason: sanitize(m.reason),
    description: sanitize(m.description),
    deliveryCount: m.deliveryCount,
    enqueuedAt: m.enqueuedAt,
    contentType: sanitize(m.contentType),
    correlationId: sanitize(m.correlationId),
    subject: sanitize(m.subject),
    properties: sanitizeRecord(m.properties),
    body: previewBody(m.body),
  };
}

/** Builds the demo source around a fresh simulated world. */
export function createDemoSource(options: DemoSourceOptions): Source & {readonly world: DemoWorld} {
  const world = new DemoWorld(options);
  const {clock} = options;
  // Like a Prometheus scrape: metric values are sampled every SCRAPE_MS, so most 1 s refreshes show the same figures.
  const cache = new Map<PaneId, {slot: string; reading: unknown}>();
  // Anything structural (a rollout step, a replayed message, a freeze) is shown at once.
  const scraped = <P extends PaneId>(pane: P, build: () => ReadingByPane[P]): ReadingByPane[P] => {
    const slot = `${Math.floor(world.now / SCRAPE_MS)}:${world.version}`;
    const hit = cache.get(pane);
    if (hit && hit.slot === slot) return hit.reading as ReadingByPane[P];
    const reading = build();
    cache.set(pane, {slot, reading});
    return reading;
  };
  const readers: {[P in PaneId]: () => ReadingByPane[P]} = {
    health: () => healthReading(world),
    lag: () => lagReading(world),
    dlq: () => dlqReading(world),
    outbox: () => outboxReading(world),
    burn: () => burnReading(world),
  };
  const sim = (ref: ServiceRef) => {
    const s = world.service(ref.service, ref.region);
    if (!s) throw new Error(`unknown service ${ref.service}@${ref.region}`);
    return s;
  };
  const targets = (entity: DlqEntity): ReplayTarget[] => {
    if (entity.kind === 'queue') return [{entity: entity.entity, label: `queue ${entity.entity}`, reaches: [entity.entity]}];
    const topic = entity.topic ?? entity.entity.split('/')[0] ?? entity.entity;
    const reaches = world.dlq.filter((d) => d.def.topic === topic).map((d) => d.def.entity);
    return [{entity: topic, label: `topic ${topic} (reaches all ${reaches.length} subscriptions)`, reaches}];
  };
  const setFreeze = async (kind: FreezeKind, on: Freeze | undefined, run: RunControl) => {
    run.progress({kind: 'step', message: `${on ? 'freezing' : 'unfreezing'} ${kind}`});
    await sleep(clock, 300, run.signal);
    if (on) world.freezes.set(kind, on);
    else world.freezes.delete(kind);
    world.touch();
    return {objects: FREEZE_TOUCHES[kind].match(/\(([^)]*)\)/g)?.map((s) => s.slice(1, -1)) ?? [kind]};
  };

  const team = new DemoTeam();
  for (const t of world.scenario.team ?? []) team.record(t, t.action, t, t.detail, world.start + t.atMs);
  const actionDeps = {world, clock, sim};
  const capabilities: Capabilities = {
    restart: demoRestart(actionDeps, team),
    scale: demoScale(actionDeps, team),
    logs: demoLogs(actionDeps),
    teamActions: {recent: async () => team.recent()},
    detail: {
      async detail(ref) {
        world.advance();
        const s = sim(ref);
        const row = healthReading(world).services.find((r) => r.service === ref.service && r.region === ref.region);
        const pods = s.podInfos(world.now);
        const events = pods
          .filter((p) => p.problem)
          .map((p) => ({
            at: world.now - 20_000,
            type: 'Warning',
            reason: p.problem?.state === 'Pending' ? 'FailedScheduling' : 'Unhealthy',
            message: p.problem?.reason ?? '',
            object: `pod/${p.name}`,
            count: 12,
          }));
        const rolled = s.revisions.filter((r) => world.now - r.createdAt < 86_400_000);
        for (const r of rolled)
          events.push({
            at: r.createdAt,
            type: 'Normal',
            reason: 'ScalingReplicaSet',
            message: `Scaled up replica set ${s.service} to ${s.desired} (revision ${r.revision}, ${r.version})`,
            object: `deployment/${s.service}`,
            count: 1,
          });
        return {pods, events: events.sort((a, b) => b.at - a.at), checks: row?.checks};
      },
    },
    rollback: {
      async history(ref) {
        world.advance();
        const s = sim(ref);
        return [...s.revisions]
          .sort((a, b) => b.revision - a.revision)
          .map((r) => ({
            revision: r.revision,
            version: r.version,
            createdAt: r.createdAt,
            active: r === s.active,
            status: r === s.active ? 'active' : 'superseded',
          }));
      },
      where: (ref) => `deployment/${ref.service} -n ${runbookNamespace(ref.service)} (${ref.region})`,
      command: (ref, to) => `kubectl rollout undo deployment/${ref.service} -n ${runbookNamespace(ref.service)} --to-revision=${to} --context ${ref.region}`,
      async rollback(ref, toRevision, run, note) {
        world.advance();
        const s = sim(ref);
        const fromRevision = s.active.revision;
        const target = s.rollbackTo(toRevision, world.now);
        team.record(
          ref,
          'rollback',
          note ?? {by: 'demo', host: 'demo', reason: ''},
          `rollback deployment/${ref.service} to revision ${toRevision}`,
          clock.now(),
        );
        return {fromRevision, toRevision: target.revision, status: await followDemo(actionDeps, s, run)};
      },
    },
    inspect: {
      async peek(entity, {max, reason}) {
        world.advance();
        const d = world.entity(entity);
        if (!d) throw new Error(`unknown entity ${entity}`);
        return d.messages
          .filter((m) => !reason || m.reason === reason)
          .slice(0, max)
          .map(toDlqMessage);
      },
    },
    replay: {
      targets,
      command: (plan: ReplayPlan) =>
        `atp-admin dlq replay --consumer ${plan.entity} ${plan.reason ? `--filter "reason=${plan.reason}" ` : ''}--max-count ${plan.maxCount} --confirm`,
      replay: (plan, run) => runReplay(new DemoDlqPort(world, plan.entity, plan.target, options.faults), plan, run, {clock}),
    },
    freeze: {
      kinds: ['deployments', 'integrity', 'writes'],
      async list() {
        return [...world.freezes.values()];
      },
      describe: (kind) => FREEZE_TOUCHES[kind],
      command: (kind, frozen) => FREEZE_COMMANDS[kind][frozen ? 0 : 1],
      objectKinds: (kind) => FREEZE_OBJECT_KINDS[kind],
      freeze: (kind, request, run) => setFreeze(kind, {kind, by: request.by, at: clock.now(), reason: request.reason, incident: request.incident}, run),
      unfreeze: (kind, _request, run) => setFreeze(kind, undefined, run),
    },
  };

  return {
    id: 'demo',
    kind: 'demo',
    description: `embedded demo ATP (scenario ${options.scenario}, seed ${options.seed})`,
    panes: PANE_IDS,
    world,
    capabilities,
    async read<P extends PaneId>(pane: P): Promise<ReadingByPane[P]> {
      world.advance();
      return scraped(pane, readers[pane]);
    },
  };
}

// The servicebus source: the DLQ pane from runtime properties (paged) plus a bounded reason peek, message
// inspection, and safe replay through the shared replay engine. Read-only: peeks only, no lock, no sender.
import type {TokenCredential} from '@azure/core-auth';
import type {ResolvedSource} from '../config/context.js';
import {ReadOnlyError, SourceError} from '../errors.js';
import type {DlqEntity, DlqReading, PaneId, ReadingByPane} from '../readings/types.js';
import {runReplay} from '../replay/engine.js';
import type {SourceEnv} from '../sources/types.js';
import type {Capabilities, DlqMessage, ReplayPlan, RunControl, Source} from '../sources/types.js';
import {listEntities, type EntityCounts} from './admin.js';
import {createClients} from './clients.js';
import {serviceBusOptions, type ServiceBusOptions} from './config.js';
import {bounded} from './bounded.js';
import {serviceBusError} from './errors.js';
import {DepthHistory} from './history.js';
import {DlqPeeker, reasonOf, splitPath, toDlqMessage} from './peek.js';
import {ServiceBusDlqPort} from './port.js';
import {ReasonSampler} from './reasons.js';
import {replayCommand, replayTargets, type Topology} from './targets.js';

/** The source plus what tests and the docs' request figures look at. */
export interface ServiceBusSource extends Source {
  readonly options: ServiceBusOptions;
  /** Admin HTTP requests and DLQ peeks made by the last DLQ read. */
  readonly lastRefresh: {readonly adminRequests: number; readonly peeks: number};
  close(): Promise<void>;
}

/** Test seams: a credential instead of DefaultAzureCredential. */
export interface ServiceBusDeps {
  readonly credential?: TokenCredential;
}

// Bodies come along with a peek: 100 messages of at most 256 KB (Standard tier) bound one page to 25 MB.
const PAGE_MAX = 100;

/** Creates the source; connects lazily (the first read lists over HTTPS, the first peek opens AMQP). */
export async function createServiceBusSource(config: ResolvedSource, env: SourceEnv, deps: ServiceBusDeps = {}): Promise<ServiceBusSource> {
  const options = serviceBusOptions(config, env.env);
  const {client, admin, caNote, replayClient} = await createClients(options, deps.credential);
  const peeker = new DlqPeeker(client);
  const sampler = new ReasonSampler(peeker, options);
  const history = new DepthHistory();
  let topology: Topology = {topics: new Map()};
  let lastRefresh = {adminRequests: 0, peeks: 0};

  const toEntity = (e: EntityCounts, now: number): DlqEntity => {
    const sample = sampler.sample(e.path);
    const {series, growthPerMin} = history.offer(e.path, now, e.deadLetter);
    const oldest = sample?.oldestEnqueuedAt;
    return {
      entity: e.path,
      kind: e.kind,
      ...(e.topic ? {topic: e.topic} : {}),
      ...(options.consumers[e.path] ? {consumer: options.consumers[e.path]} : {}),
      deadLetter: e.deadLetter,
      active: e.active,
      transferDeadLetter: e.transferDeadLetter,
      growthPerMin,
      oldestAgeSeconds: oldest === undefined ? undefined : Math.max(0, (now - oldest) / 1000),
      reasons: sample?.reasons ?? (e.deadLetter === 0 ? {} : undefined),
      series,
    };
  };

  // Peeks get at most one refresh interval (the poll's own timeout is twice that): when AMQP is slow or blocked,
  // the depth from the HTTPS listing still arrives, with a note instead of the refreshed reasons.
  const peekBudgetMs = Math.max(1_000, env.context.refreshMs.dlq);

  const readDlq = async (signal: AbortSignal): Promise<DlqReading> => {
    const listing = await listEntities(admin, signal, options.concurrency).catch((error: unknown) => {
      throw serviceBusError(`listing queues and subscriptions on ${options.host}`, error);
    });
    topology = {topics: listing.topics};
    const now = env.clock.now();
    const errors = await sampler.refresh(listing.entities, now, AbortSignal.any([signal, AbortSignal.timeout(peekBudgetMs)]));
    lastRefresh = {adminRequests: listing.requests, peeks: sampler.lastPeeks};
    history.retain(new Set(listing.entities.map((e) => e.path)));
    const entities = listing.entities.map((e) => toEntity(e, now));
    const partial = errors.length ? `reason breakdown not refreshed for ${errors.length} of ${sampler.lastPeeks} peeked entities (${errors[0]})` : undefined;
    return partial ? {entities, partial} : {entities};
  };

  const peek = async (entity: string, {max, reason}: {readonly max: number; readonly reason?: string}, signal: AbortSignal): Promise<DlqMessage[]> => {
    const out: DlqMessage[] = [];
    let from = 0;
    let scanned = 0;
    try {
      while (out.length < max && scanned < options.scanLimit) {
        const asked = Math.max(1, Math.min(PAGE_MAX, reason ? options.scanLimit - scanned : max - out.length));
        // Bounded even if the SDK's own timeout does not fire (issue 15): the detail view then shows the error.
        const page = await bounded(peeker.page(entity, from, asked, signal), options.timeoutMs * (options.retries + 1), `peek ${entity}/$DeadLetterQueue`);
        scanned += page.length;
        for (const m of page) if (out.length < max && (!reason || reasonOf(m) === reason)) out.push(toDlqMessage(m));
        // Only an empty page (204 No Content) is the end: Service Bus may return fewer messages than asked while more
        // follow (a per-request cap, partitioned entities), so a short page is not the end of the DLQ.
        if (page.length === 0) break;
        from = (page.at(-1)?.sequenceNumber?.toNumber() ?? from) + 1;
      }
    } catch (error) {
      throw serviceBusError(`peek ${entity}/$DeadLetterQueue`, error);
    }
    return out;
  };

  const defaultTarget = (path: string): string => {
    const parts = splitPath(path);
    return 'queue' in parts ? parts.queue : parts.topic;
  };

  const replay = async (plan: ReplayPlan, run: RunControl) => {
    // Below the read-only wrapper too: in read-only mode no peek-lock receiver and no sender is ever created.
    if (env.readOnly) throw new ReadOnlyError('DLQ replay');
    const kind = 'queue' in splitPath(plan.entity) ? 'queue' : 'subscription';
    const allowed = replayTargets({entity: plan.entity, kind, deadLetter: 0, active: 0}, topology, options.forward).map((t) => t.entity);
    if (!allowed.includes(plan.target.entity)) {
      throw new SourceError('config', `replay target ${plan.target.entity} is not offered for ${plan.entity} (allowed: ${allowed.join(', ')})`);
    }
    // A queue target reaches itself only; a topic reaches its subscriptions (then an uncertain copy cannot be looked up).
    const toQueue = plan.target.reaches.length === 1 && plan.target.reaches[0] === plan.target.entity;
    const target = {from: plan.entity, to: plan.target.entity, receiveWaitMs: options.receiveWaitMs, toQueue};
    const bounds = {timeoutMs: options.timeoutMs, retries: options.retries, retryDelayMs: options.retryDelayMs, scanLimit: options.scanLimit};
    // Its own client per replay, so that a reconnect replaces only the replay's connection, never the panes'.
    const port = new ServiceBusDlqPort(replayClient, target, bounds);
    return runReplay(port, plan, run, {clock: env.clock});
  };

  const capabilities: Capabilities = {
    inspect: {peek},
    replay: {
      targets: (entity) => replayTargets(entity, topology, options.forward),
      command: (plan) => replayCommand(plan, options.consumers, defaultTarget(plan.entity)),
      replay,
    },
  };
  const how = options.auth.kind === 'connection-string' ? `connection string from $${options.auth.env}` : 'Azure credential';
  return {
    id: config.id,
    kind: 'servicebus',
    description: `Service Bus ${options.host} (${how}${caNote ? `, ${caNote}` : ''}${env.readOnly ? ', read-only: peek only' : ''})`,
    panes: ['dlq'],
    capabilities,
    options,
    get lastRefresh() {
      return lastRefresh;
    },
    async read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]> {
      if (pane !== 'dlq') throw new SourceError('config', `the servicebus source serves the dlq pane only, not ${pane}`);
      return (await readDlq(signal)) as ReadingByPane[P];
    },
    async close() {
      await peeker.close();
      await client.close();
    },
  };
}

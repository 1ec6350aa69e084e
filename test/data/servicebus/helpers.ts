// Shared set-up of the servicebus source tests: the loopback Service Bus double (a test double: rhea AMQP + Atom
// HTTPS with a throwaway CA) and a source built from config, as the registry would build it.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {systemClock} from '../../../src/data/clock.js';
import {resolveContext, type ResolvedContext} from '../../../src/data/config/context.js';
import type {SourceConfig} from '../../../src/data/config/types.js';
import type {ReplayOutcome, ReplayPlan, RunControl} from '../../../src/data/sources/types.js';
import {createServiceBusSource, type ServiceBusSource} from '../../../src/data/servicebus/source.js';
import {
  startServiceBusDouble,
  type BrokerMessage,
  type SeedMessage,
  type ServiceBusDouble,
  type ServiceBusDoubleOptions,
} from '../../doubles/servicebus/index.js';

/** The environment variable the tests put the double's connection string in. */
export const CS_ENV = 'ATP_TEST_SERVICEBUS_CS';

/** A running double with its CA written to a file (the source's `caFile`). */
export interface Bus {
  readonly sb: ServiceBusDouble;
  readonly caFile: string;
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Starts the double and writes its CA to a temp file. */
export async function startBus(options: ServiceBusDoubleOptions = {}): Promise<Bus> {
  const sb = await startServiceBusDouble(options);
  const dir = mkdtempSync(join(tmpdir(), 'atp-sb-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sb.ca.caPem);
  return {
    sb,
    caFile,
    env: {[CS_ENV]: sb.connectionString},
    async close() {
      await sb.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** Fast SDK retries and short receive waits: failing tests stay quick (the SDK default waits 30 s). */
export const FAST = {timeout: 5, retries: 2, retryDelay: 0.05, receiveWait: 0.4};

/** The resolved context whose DLQ pane is served by a servicebus source with `settings`. */
export function busContext(settings: SourceConfig, readOnly = false): ResolvedContext {
  const config = {contexts: {test: {environment: 'test', panes: {dlq: 'sb'}, sources: {sb: {kind: 'servicebus' as const, ...settings}}}}};
  return resolveContext(config, {context: 'test', readOnly}, 'test-config');
}

/** Builds the source for the double as the registry would. */
export function busSource(bus: Bus, settings: SourceConfig = {}, readOnly = false): Promise<ServiceBusSource> {
  const context = busContext({connectionStringEnv: CS_ENV, caFile: bus.caFile, ...FAST, ...settings}, readOnly);
  return createServiceBusSource(context.sources['sb']!, {clock: systemClock(), context, env: bus.env, readOnly});
}

/** A run control that records progress and can be aborted. */
export function control(): RunControl & {abort(): void; readonly events: unknown[]} {
  const abort = new AbortController();
  const events: unknown[] = [];
  return {signal: abort.signal, progress: (p) => void events.push(p), abort: () => abort.abort(), events};
}

/** Peeks the whole DLQ of `entity` and replays the chosen messages to the entity's first (default) target. */
export async function replayAll(
  source: ServiceBusSource,
  entity: string,
  options: {max?: number; reason?: string; targetIndex?: number} = {},
): Promise<{plan: ReplayPlan; outcome: ReplayOutcome}> {
  const reading = await source.read('dlq', AbortSignal.timeout(10_000));
  const row = reading.entities.find((e) => e.entity === entity);
  if (!row) throw new Error(`no entity ${entity} in the reading`);
  const messages = await source.capabilities.inspect!.peek(entity, {max: options.max ?? 1000, reason: options.reason}, AbortSignal.timeout(10_000));
  const target = source.capabilities.replay!.targets(row)[options.targetIndex ?? 0]!;
  const plan: ReplayPlan = {entity, target, reason: options.reason, maxCount: options.max ?? 1000, messages};
  return {plan, outcome: await source.capabilities.replay!.replay(plan, control())};
}

/** `<message-id>:<dlq-sequence>` of every original, as the copies should carry it. */
export function copyIdsOf(messages: readonly BrokerMessage[]): string[] {
  return messages.map((m) => `${m.messageId}:${m.sequenceNumber}`);
}

/**
 * The conservation check of every fault test: each original is either still in the DLQ or present at the target
 * (found by its copy id), no copy lacks the replay markers, and nothing else arrived at the target.
 */
export function conservation(originalIds: readonly string[], dlq: readonly BrokerMessage[], target: readonly BrokerMessage[]) {
  const inDlq = new Set(copyIdsOf(dlq));
  const copies = target.map((m) => m.messageId ?? '');
  const atTarget = new Set(copies);
  const lost = originalIds.filter((id) => !inDlq.has(id) && !atTarget.has(id));
  const unmarked = target.filter((m) => {
    const p = m.applicationProperties;
    return !(typeof p['atp-replay-of'] === 'string' && `${String(p['atp-replay-of'])}:${String(p['atp-replay-dlq-seq'])}` === m.messageId);
  });
  const strangers = copies.filter((id) => !originalIds.includes(id));
  const duplicates = copies.length - atTarget.size;
  return {lost, unmarked: unmarked.length, strangers, duplicates, inDlq: [...inDlq].filter((id) => originalIds.includes(id)).length, atTarget: atTarget.size};
}

/** Twelve dead letters `evt-0`..`evt-11`. */
export function twelve(): SeedMessage[] {
  return Array.from({length: 12}, (_, i) => ({
    body: {n: i},
    messageId: `evt-${i}`,
    deadLetterReason: 'MaxDeliveryCountExceeded',
    applicationProperties: {tenant: 'contoso'},
  }));
}

/** Seeds queue `src` (these dead letters) and queue `dst`; returns the originals' copy ids. */
export function seedPair(bus: Bus, messages: SeedMessage[], dst: {requiresDuplicateDetection?: boolean} = {}, src: {lockDurationMs?: number} = {}): string[] {
  bus.sb.seed({
    queues: [
      {name: 'src', options: src, deadLetter: messages},
      {name: 'dst', options: dst},
    ],
  });
  return copyIdsOf(bus.sb.entity('src').deadLetter);
}

/** The conservation count between `src`'s DLQ and `dst`. */
export function counted(bus: Bus, ids: readonly string[]) {
  return conservation(ids, bus.sb.entity('src').deadLetter, bus.sb.entity('dst').active);
}

// The servicebus source's settings, from its context entry. The connection string comes from the environment only.
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import {readCaFile} from '../http/ca.js';

/** How the source authenticates: a connection string from `$env`, or an Azure credential for `namespace`. */
export type ServiceBusAuth =
  {readonly kind: 'connection-string'; readonly env: string; readonly connectionString: string} | {readonly kind: 'credential'; readonly namespace: string};

/** Settled options for one servicebus source. */
export interface ServiceBusOptions {
  readonly id: string;
  readonly auth: ServiceBusAuth;
  /** Host shown in the description (never the key). */
  readonly host: string;
  /** Extra CA (PEM) for the admin HTTPS client and, process-wide, for AMQP over TLS. */
  readonly ca?: string;
  readonly caFile?: string;
  /** Entity path → consumer name, e.g. `audit.appended.v1/Subscriptions/projection` → `projection-worker`. */
  readonly consumers: Readonly<Record<string, string>>;
  /** Entity path → a queue (or single-subscription topic) to replay into instead of the topic. */
  readonly forward: Readonly<Record<string, string>>;
  /** Per-operation timeout of the SDKs (AMQP and HTTP). */
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** Dead letters peeked per entity for the reason breakdown and the oldest age. */
  readonly peekPerEntity: number;
  /** Entities peeked per refresh at most. */
  readonly peekEntities: number;
  /** An entity's reasons are re-peeked at least this often while it has dead letters. */
  readonly reasonsEveryMs: number;
  /** Messages scanned at most when the detail view filters its peek by reason. */
  readonly scanLimit: number;
  /** How long one replay receive waits for messages. */
  readonly receiveWaitMs: number;
  /** Admin listings run at most this many subscription listings at once. */
  readonly concurrency: number;
}

/** The environment variable read when `connectionStringEnv` is not set. */
export const DEFAULT_CONNECTION_STRING_ENV = 'ATP_SERVICEBUS_CONNECTION_STRING';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function stringMap(config: ResolvedSource, key: string): Record<string, string> {
  const value = config[key];
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new SourceError('config', `sources.${config.id}.${key} must map entity paths to names, e.g. {"orders": "orders-worker"}`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || v === '') throw new SourceError('config', `sources.${config.id}.${key}.${k} must be a non-empty string`);
    out[k] = v;
  }
  return out;
}

/** `sb-atp-prod` → `sb-atp-prod.servicebus.windows.net`; a host name is kept. */
export function fullyQualified(namespace: string): string {
  const host = namespace.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return host.includes('.') ? host : `${host}.servicebus.windows.net`;
}

/** The endpoint host of a connection string (`Endpoint=sb://host/;...`), or undefined when it has none. */
export function connectionStringHost(connectionString: string): string | undefined {
  const endpoint = /(?:^|;)\s*Endpoint\s*=\s*([^;]+)/i.exec(connectionString)?.[1];
  if (!endpoint) return undefined;
  return (
    endpoint
      .trim()
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\/.*$/, '') || undefined
  );
}

function auth(config: ResolvedSource, env: NodeJS.ProcessEnv): {auth: ServiceBusAuth; host: string} {
  const named = str(config.connectionStringEnv);
  const envName = named ?? DEFAULT_CONNECTION_STRING_ENV;
  const connectionString = str(env[envName]);
  const namespace = str(config.namespace);
  if (connectionString) {
    const host = connectionStringHost(connectionString);
    if (!host) throw new SourceError('config', `$${envName} is not a Service Bus connection string (no Endpoint=sb://...)`);
    return {auth: {kind: 'connection-string', env: envName, connectionString}, host};
  }
  if (named) throw new SourceError('auth', `sources.${config.id}: $${envName} is not set (it should hold the Service Bus connection string)`);
  if (!namespace) throw new SourceError('config', `sources.${config.id} needs "namespace" (for an Azure credential) or a connection string in $${envName}`);
  const host = fullyQualified(namespace);
  return {auth: {kind: 'credential', namespace: host}, host};
}

function readCa(config: ResolvedSource): {ca?: string; caFile?: string} {
  const ca = readCaFile(config);
  return ca === undefined ? {} : {ca, caFile: String(config.caFile).trim()};
}

/** Reads a source entry; throws a SourceError naming the key when something is wrong. */
export function serviceBusOptions(config: ResolvedSource, env: NodeJS.ProcessEnv): ServiceBusOptions {
  const {auth: settled, host} = auth(config, env);
  return {
    id: config.id,
    auth: settled,
    host,
    ...readCa(config),
    consumers: stringMap(config, 'consumers'),
    forward: stringMap(config, 'forward'),
    timeoutMs: (positive(config.timeout) ?? 10) * 1000,
    retries: count(config.retries) ?? 2,
    retryDelayMs: (positive(config.retryDelay) ?? 0.5) * 1000,
    peekPerEntity: Math.min(250, count(config.peekPerEntity) ?? 50),
    peekEntities: count(config.peekEntities) ?? 8,
    reasonsEveryMs: (positive(config.reasonsEvery) ?? 60) * 1000,
    scanLimit: Math.max(1, count(config.scanLimit) ?? 1000),
    receiveWaitMs: (positive(config.receiveWait) ?? 2) * 1000,
    concurrency: Math.max(1, count(config.concurrency) ?? 4),
  };
}

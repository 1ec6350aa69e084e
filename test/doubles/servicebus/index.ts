// Loopback Service Bus double: AMQP 1.0 (plain or TLS) and the HTTPS Atom admin API on one port.
import {AmqpBroker, type RequestRecord} from './amqp-broker.js';
import {createAdminHandler, type AdminRequestRecord} from './admin-server.js';
import {Faults} from './faults.js';
import {Namespace} from './namespace.js';
import {parseAddress} from './paths.js';
import {seed, type SeedSpec} from './seed.js';
import {sharedTestCa, type TestCa} from '../tls/ca.js';
import {startSniffingServer} from '../tls/sniffing-server.js';
import type {Entity, EntityOptions, Topic} from './entity.js';
import type {BrokerMessage} from './message.js';

export type {BrokerMessage, Entity, EntityOptions, Topic, SeedSpec, RequestRecord, AdminRequestRecord};
export {sampleDeadLetters, HOSTILE_TEXT, DEAD_LETTER_REASONS} from './samples.js';
export type {SeedMessage} from './seed.js';
export type {FaultHandle, RejectSendOptions} from './faults.js';

/** Options for {@link startServiceBusDouble}. */
export interface ServiceBusDoubleOptions {
  port?: number;
  /** CA + server cert for the TLS side; default {@link sharedTestCa}. */
  ca?: TestCa;
  keyName?: string;
  key?: string;
  /** false: accept any SAS token / none at all (the real emulator's behaviour). Default true. */
  verifySas?: boolean;
  /**
   * Entra ID mode, as for a TokenCredential: $cbs put-token must be of type `jwt` and carry exactly this token, admin
   * requests must send `Authorization: Bearer <this token>`; SAS tokens are refused. Default: SAS (see `verifySas`).
   */
  bearerToken?: string;
  /** Defaults for every entity created (e.g. `{lockDurationMs: 2000}`). */
  entityDefaults?: EntityOptions;
  seed?: SeedSpec;
  /**
   * Most messages one peek returns, whatever the client asks (default 250, the cap Service Bus is seen to apply;
   * partitioned entities return fewer still). A smaller value checks that a client pages until an empty answer.
   */
  maxPeekCount?: number;
}

/** A running double; everything a test needs to drive and inspect it. */
export interface ServiceBusDouble {
  readonly host: string;
  readonly port: number;
  /** `Endpoint=sb://127.0.0.1:PORT;...;UseDevelopmentEmulator=true` — plain AMQP, HTTPS admin. */
  readonly connectionString: string;
  /** Same without the emulator flag: AMQP over TLS (the CA must be trusted process-wide). */
  readonly tlsConnectionString: string;
  /** `127.0.0.1:PORT`: the fully qualified namespace for a TokenCredential (AMQP over TLS, HTTPS admin). */
  readonly fullyQualifiedNamespace: string;
  readonly ca: TestCa;
  readonly namespace: Namespace;
  readonly faults: Faults;
  /** $cbs / $management calls, in order. */
  readonly requests: readonly RequestRecord[];
  /** Admin (Atom) HTTP requests, in order. */
  readonly adminRequests: readonly AdminRequestRecord[];
  /** Queue or subscription (`orders`, `events/Subscriptions/audit`); throws if unknown. */
  entity(path: string): Entity;
  topic(name: string): Topic;
  seed(spec: SeedSpec): void;
  /** Expires locks now in an entity or sub-queue address (deliveryCount + 1, message returns). */
  expireLocks(address: string, match?: (m: BrokerMessage) => boolean): number;
  /** Destroys every client connection (the SDK reconnects on its next operation); resolves when closed. */
  dropAllConnections(): Promise<void>;
  readonly openConnections: number;
  close(): Promise<void>;
}

/** Starts the double on 127.0.0.1 (ephemeral port by default). */
export async function startServiceBusDouble(opts: ServiceBusDoubleOptions = {}): Promise<ServiceBusDouble> {
  const ca = opts.ca ?? (await sharedTestCa());
  const keyName = opts.keyName ?? 'RootManageSharedAccessKey';
  const key = opts.key ?? 'SAS_KEY_VALUE';
  const bearer = opts.bearerToken;
  const sas = opts.verifySas === false || bearer !== undefined ? undefined : {keyName, key};
  const namespace = new Namespace(opts.entityDefaults);
  const faults = new Faults();
  const adminRequests: AdminRequestRecord[] = [];
  let endpoint = 'sb://127.0.0.1/';
  const broker = new AmqpBroker({
    namespace,
    faults,
    sas,
    bearer,
    endpoint: () => endpoint,
    maxMessageSizeBytes: 256 * 1024,
    maxPeekCount: opts.maxPeekCount ?? 250,
  });
  const server = await startSniffingServer({
    port: opts.port ?? 0,
    certPem: ca.certPem,
    keyPem: ca.keyPem,
    onAmqp: (socket, encrypted) => broker.accept(socket, encrypted),
    onHttp: createAdminHandler(namespace, {sas, bearer}, adminRequests),
  });
  endpoint = `sb://${server.host}:${server.port}/`;
  const base = `Endpoint=${endpoint};SharedAccessKeyName=${keyName};SharedAccessKey=${key}`;
  if (opts.seed) seed(namespace, opts.seed);
  return {
    host: server.host,
    port: server.port,
    ca,
    namespace,
    faults,
    adminRequests,
    connectionString: `${base};UseDevelopmentEmulator=true`,
    tlsConnectionString: base,
    fullyQualifiedNamespace: `${server.host}:${server.port}`,
    requests: broker.requests,
    entity: (path) => namespace.entity(path),
    topic: (name) => namespace.topic(name),
    seed: (spec) => seed(namespace, spec),
    expireLocks(address, match = () => true) {
      const parsed = parseAddress(address);
      const queue = namespace.entity(address).subQueue(parsed.subQueue);
      const hits = queue.messages.filter((m) => m.lock && match(m));
      for (const m of hits) queue.expireLock(m);
      return hits.length;
    },
    dropAllConnections: () => broker.dropAll(),
    get openConnections() {
      return broker.connections.size;
    },
    async close() {
      broker.close();
      namespace.dispose();
      await server.close();
    },
  };
}

// The rhea container: accepts sockets, routes link attaches to $cbs, $management, senders, receivers.
import type {EventContext} from 'rhea';
import {R, internals, socketOf, type AmqpMessage, type Connection, type Receiver, type Sender} from './rhea-shim.js';
import {CBS_STATUS, ConnectionState, handleCbs, MANAGEMENT_STATUS, type Reply, type StatusNames} from './amqp-request.js';
import {handleManagement} from './amqp-management.js';
import {LinkConsumer} from './amqp-consumer.js';
import {attachSendLink} from './amqp-send.js';
import {normalizePath, parseAddress} from './paths.js';
import type {Namespace} from './namespace.js';
import type {Faults} from './faults.js';
import type {SasKey} from './sas.js';
import type {AmqpSocket} from '../tls/sniffing-server.js';

/** One management or CBS call, recorded for assertions. */
export interface RequestRecord {
  readonly address: string;
  readonly operation: string;
  readonly status: number;
  /** The connection came over TLS. */
  readonly encrypted: boolean;
  /** A `$cbs` put-token's `type` (`jwt`, `servicebus.windows.net:sastoken`). */
  readonly tokenType?: string;
}

/** What the broker needs. */
export interface BrokerOptions {
  readonly namespace: Namespace;
  readonly faults: Faults;
  /** Key that $cbs SAS tokens must be signed with; undefined (and no `bearer`) accepts any token and skips link authorization. */
  readonly sas: SasKey | undefined;
  /** Entra ID mode: the only token $cbs accepts, as type `jwt` (then `sas` is undefined and SAS is refused). */
  readonly bearer?: string;
  /** `sb://host:port/` used in error descriptions. */
  readonly endpoint: () => string;
  /** Largest transfer a sender may send (announced as max-message-size on attach). */
  readonly maxMessageSizeBytes: number;
  /** Most messages one `$management` peek returns, whatever the request's `message-count`. */
  readonly maxPeekCount: number;
}

const MAX_FRAME = 65536;

/** AMQP 1.0 side of the Service Bus double. */
export class AmqpBroker {
  readonly connections = new Set<Connection>();
  readonly requests: RequestRecord[] = [];
  private readonly container = R.create_container({id: 'servicebus-double'});
  private readonly states = new WeakMap<Connection, ConnectionState>();
  private accepted = 0;

  constructor(private readonly o: BrokerOptions) {
    this.container.on('sender_open', (ctx: EventContext) => ctx.sender && this.onSenderOpen(ctx.connection, ctx.sender));
    this.container.on('receiver_open', (ctx: EventContext) => ctx.receiver && this.onReceiverOpen(ctx.connection, ctx.receiver));
    this.container.on('disconnected', (ctx: EventContext) => this.forget(ctx.connection));
    this.container.on('connection_close', (ctx: EventContext) => this.forget(ctx.connection));
    this.container.on('error', () => {});
  }

  /** Takes over a socket whose first bytes are an AMQP/SASL protocol header (`encrypted`: it came over TLS). */
  accept(socket: AmqpSocket, encrypted = false): void {
    const conn = this.container.create_connection({
      id: `sbd-${++this.accepted}`,
      container_id: 'servicebus-double',
      max_frame_size: MAX_FRAME,
      autoaccept: false,
      autosettle: false,
      treat_modified_as_released: false,
    } as unknown as Parameters<typeof this.container.create_connection>[0]);
    this.states.set(conn, new ConnectionState(encrypted));
    this.connections.add(conn);
    (conn as unknown as {accept(s: AmqpSocket): void}).accept(socket);
  }

  /** Destroys a connection's socket once pending frames are flushed (a network drop); resolves when closed. */
  dropConnection(conn: Connection): Promise<void> {
    this.state(conn).dropping = true;
    const socket = socketOf(conn);
    if (!socket || socket.destroyed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    setImmediate(() => socket.write(Buffer.alloc(0), () => socket.destroy()));
    return closed;
  }

  /** Drops every open connection; resolves when their sockets are closed. */
  async dropAll(): Promise<void> {
    await Promise.all([...this.connections].map((c) => this.dropConnection(c)));
  }

  private forget(conn: Connection): void {
    this.connections.delete(conn);
    this.state(conn).runCleanups();
  }

  private state(conn: Connection): ConnectionState {
    let s = this.states.get(conn);
    if (!s) {
      s = new ConnectionState();
      this.states.set(conn, s);
    }
    return s;
  }

  private mirror(link: Sender | Receiver): void {
    const remote = internals(link).remote.attach ?? {};
    if (remote['source']) link.set_source(remote['source'] as never);
    if (remote['target']) link.set_target(remote['target'] as never);
  }

  private refuse(link: Sender | Receiver, condition: string, description: string): void {
    link.close({condition, description});
  }

  private notFound(link: Sender | Receiver, address: string): void {
    this.refuse(link, 'amqp:not-found', `The messaging entity '${this.o.endpoint()}${address}' could not be found. (Service Bus double)`);
  }

  private authorized(conn: Connection, link: Sender | Receiver, address: string): boolean {
    if ((!this.o.sas && this.o.bearer === undefined) || this.state(conn).isAuthorized(address)) return true;
    this.refuse(link, 'amqp:unauthorized-access', `Unauthorized access. No $cbs token covers '${address}'.`);
    return false;
  }

  // Server-side sender = client receiver: reply links ($cbs/$management) or entity consumers.
  private onSenderOpen(conn: Connection, sender: Sender): void {
    const source = String(sender.source?.address ?? '');
    const target = String((sender.target as {address?: string} | undefined)?.address ?? '');
    this.mirror(sender);
    const parsed = parseAddress(source);
    if (source === '$cbs' || parsed.management) {
      internals(sender).local.attach['snd_settle_mode'] = 1;
      // Clients name the reply-to either as the receiver's target address or as the link name ($cbs).
      const replies = this.state(conn).replyLinks;
      const keys = [target, sender.name].filter((k) => k !== '');
      for (const k of keys) replies.set(k, sender);
      sender.on('sender_close', () => {
        for (const k of keys) replies.delete(k);
      });
      return;
    }
    const entity = this.o.namespace.findEntity(parsed.entityKey);
    if (!entity) return this.notFound(sender, source);
    if (!this.authorized(conn, sender, source)) return;
    const filter = (sender.source as {filter?: Record<string, unknown>} | undefined)?.filter;
    if (filter && 'com.microsoft:session-filter' in filter) {
      return this.refuse(sender, 'amqp:not-implemented', 'Session receivers are not supported by the Service Bus double.');
    }
    const attach = internals(sender).local.attach;
    attach['snd_settle_mode'] = internals(sender).remote.attach?.['snd_settle_mode'] ?? 0;
    attach['rcv_settle_mode'] = internals(sender).remote.attach?.['rcv_settle_mode'] ?? 0;
    const queue = entity.subQueue(parsed.subQueue);
    const key = normalizePath(source);
    const consumer = new LinkConsumer(sender, entity, queue, {
      afterDelivery: () => this.o.faults.onDelivery(key),
      dropConnection: () => void this.dropConnection(conn),
      isDropping: () => this.state(conn).dropping,
    });
    const detach = (): void => queue.detach(consumer);
    sender.on('sender_close', detach);
    this.state(conn).cleanups.push(detach);
    queue.attach(consumer);
  }

  // Server-side receiver = client sender: $cbs / $management requests, or sends into an entity.
  private onReceiverOpen(conn: Connection, receiver: Receiver): void {
    const target = String((receiver.target as {address?: string} | undefined)?.address ?? '');
    this.mirror(receiver);
    const parsed = parseAddress(target);
    if (target === '$cbs') {
      return this.serveRequests(conn, receiver, target, CBS_STATUS, (req) => handleCbs(this.state(conn), req, {sas: this.o.sas, bearer: this.o.bearer}));
    }
    if (parsed.management) {
      if (!this.authorized(conn, receiver, target)) return;
      const entity = this.o.namespace.findEntity(parsed.entityKey);
      const queue = entity?.subQueue(parsed.subQueue);
      const limits = {maxPeekCount: this.o.maxPeekCount};
      return this.serveRequests(conn, receiver, target, MANAGEMENT_STATUS, (req) => handleManagement(entity, queue, req, limits));
    }
    const dest = this.o.namespace.sendTarget(parsed);
    if (!dest) return this.notFound(receiver, target);
    if (!this.authorized(conn, receiver, target)) return;
    internals(receiver).local.attach['max_message_size'] = this.o.maxMessageSizeBytes;
    attachSendLink({
      receiver,
      target: dest,
      targetKey: parsed.entityKey,
      namespace: this.o.namespace,
      faults: this.o.faults,
      dropConnection: () => void this.dropConnection(conn),
      isDropping: () => this.state(conn).dropping,
    });
  }

  private serveRequests(conn: Connection, receiver: Receiver, address: string, names: StatusNames, handle: (r: AmqpMessage) => Reply): void {
    receiver.on('message', (ctx: EventContext) => {
      ctx.delivery?.accept();
      const request = ctx.message as AmqpMessage | undefined;
      if (!request) return;
      const reply = handle(request);
      const props = request.application_properties ?? {};
      const operation = String(props['operation'] ?? '');
      const tokenType = address === '$cbs' ? {tokenType: String(props['type'] ?? '')} : {};
      this.requests.push({address, operation, status: reply.status, encrypted: this.state(conn).encrypted, ...tokenType});
      this.state(conn).respond(request, reply, names);
    });
  }

  /** Closes every connection. */
  close(): void {
    for (const c of this.connections) socketOf(c)?.destroy();
    this.connections.clear();
  }
}

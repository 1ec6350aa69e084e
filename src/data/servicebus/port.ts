// The replay engine's DlqPort over @azure/service-bus: one peek-lock receiver on the DLQ (raw bodies, no automatic
// lock renewal: the engine renews), and one sender to the target, reused for every copy. Given a client factory and
// bounds, it also rides out a lost connection (issue 15): every call bounded, then a new client on a new connection.
import type {ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver, ServiceBusSender} from '@azure/service-bus';
import type {DlqConnection, DlqPort, LockedMessage} from '../replay/engine.js';
import {bounded} from './bounded.js';
import {faithfulCopy} from './copy.js';
import {idText, splitPath} from './peek.js';
import {PortConnection, type Bounds} from './port-connection.js';

/** A DLQ message held under a Service Bus peek-lock. */
export interface ServiceBusLocked extends LockedMessage {
  readonly message: ServiceBusReceivedMessage;
}

/** Where a port reads and writes. */
export interface PortTarget {
  /** The entity whose DLQ is replayed (`queue` or `topic/Subscriptions/sub`). */
  readonly from: string;
  /** The queue or topic copies go to. */
  readonly to: string;
  /** How long one receive waits for messages. */
  readonly receiveWaitMs: number;
  /** How often held locks are checked for renewal (default: a quarter of the lock duration, 0.1–5 s). */
  readonly sweepMs?: number;
  /** The target is a queue (so a copy can be looked for by id after an uncertain send); false for a topic. */
  readonly toQueue?: boolean;
}

/**
 * Replays one entity's DLQ into one target. Creating it opens nothing; the first receive attaches the links.
 * The engine renews a lock just before its send; on a long batch the messages waiting their turn would expire
 * first, so a sweep renews every held lock that has less than a third of its duration left.
 */
export class ServiceBusDlqPort implements DlqPort<ServiceBusLocked> {
  private client: ServiceBusClient;
  private receiver: ServiceBusReceiver;
  private sender: ServiceBusSender | undefined;
  /** Set when the port owns its client (a factory was given): it then bounds every call and can reconnect. */
  readonly connection: DlqConnection<ServiceBusLocked> | undefined;
  private readonly limitMs: number;
  /** Received and not yet settled, with the lock duration seen at receive time. */
  private readonly held = new Map<ServiceBusLocked, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;

  /** `client`: a client the caller owns; or a factory and `bounds`, to own one client per connection. */
  constructor(client: ServiceBusClient, target: PortTarget);
  constructor(client: () => ServiceBusClient, target: PortTarget, bounds: Bounds);
  constructor(
    client: ServiceBusClient | (() => ServiceBusClient),
    private readonly target: PortTarget,
    bounds?: Bounds,
  ) {
    this.client = typeof client === 'function' ? client() : client;
    this.receiver = this.openReceiver();
    // Unbounded (a caller's client) means the SDK's own timeouts only, as before issue 15.
    this.limitMs = bounds ? bounds.timeoutMs : Number.POSITIVE_INFINITY;
    this.connection =
      typeof client === 'function' && bounds
        ? new PortConnection(bounds, target, {
            current: () => this.client,
            replace: () => this.replaceClient(client),
          })
        : undefined;
  }

  private openReceiver(): ServiceBusReceiver {
    const parts = splitPath(this.target.from);
    const options = {subQueueType: 'deadLetter', receiveMode: 'peekLock', skipParsingBodyAsJson: true, maxAutoLockRenewalDurationInMs: 0} as const;
    return 'queue' in parts ? this.client.createReceiver(parts.queue, options) : this.client.createReceiver(parts.topic, parts.subscription, options);
  }

  /** Drops the client (and its connection) without waiting for it, and opens a new one. */
  private replaceClient(factory: () => ServiceBusClient): ServiceBusClient {
    const old = {client: this.client, receiver: this.receiver, sender: this.sender};
    // Closing a client on a dead connection can itself hang: let it finish (or not) in the background.
    void Promise.allSettled([old.sender?.close(), old.receiver.close()])
      .then(() => old.client.close())
      .catch(() => undefined);
    this.client = factory();
    this.receiver = this.openReceiver();
    this.sender = undefined;
    return this.client;
  }

  private limit<T>(call: Promise<T>, what: string, extraMs = 0): Promise<T> {
    return Number.isFinite(this.limitMs) ? bounded(call, this.limitMs + extraMs, what) : call;
  }

  async receive(max: number, signal: AbortSignal): Promise<readonly ServiceBusLocked[]> {
    const wait = this.target.receiveWaitMs;
    // SDK issues #6065/#7689: a receive may neither resolve nor reject after a connection loss; the race bounds it.
    const abortSignal = Number.isFinite(this.limitMs) ? AbortSignal.any([signal, AbortSignal.timeout(wait + this.limitMs)]) : signal;
    const messages = await this.limit(this.receiver.receiveMessages(max, {maxWaitTimeInMs: wait, abortSignal}), 'receiving from the DLQ', wait);
    const now = Date.now();
    const locked = messages.map((message) => ({
      message,
      sequenceNumber: message.sequenceNumber ? message.sequenceNumber.toNumber() : -1,
      messageId: idText(message.messageId),
      lockedUntil: message.lockedUntilUtc?.getTime() ?? 0,
    }));
    for (const m of locked) this.held.set(m, Math.max(300, m.lockedUntil - now));
    const duration = locked[0] ? (this.held.get(locked[0]) ?? 30_000) : 30_000;
    if (locked.length > 0) this.sweeper ??= setInterval(() => void this.sweep(), this.target.sweepMs ?? Math.min(5_000, Math.max(100, duration / 4))).unref();
    return locked;
  }

  /** Renews the locks of held messages that are within a third of their duration of expiring. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      // Lock times are the broker's clock; like the engine, this assumes the host's clock is close (NTP).
      const now = Date.now();
      const due = [...this.held].filter(([m, duration]) => m.lockedUntil - now < duration / 3).map(([m]) => m);
      await Promise.allSettled(due.map((m) => this.renewLock(m)));
    } finally {
      this.sweeping = false;
    }
  }

  async send(m: ServiceBusLocked, copyId: string): Promise<void> {
    // One sender for the whole replay: a new link attaching while a connection dies stalls until the SDK timeout.
    this.sender ??= this.client.createSender(this.target.to);
    // Not cancelled by Esc: a send cut short is in doubt. Esc stops after the current message (the SDK's own
    // operation timeout still bounds it).
    await this.limit(this.sender.sendMessages(faithfulCopy(m.message, copyId, this.target.from)), `sending copy ${copyId}`);
  }

  async complete(m: ServiceBusLocked): Promise<void> {
    try {
      await this.limit(this.receiver.completeMessage(m.message), `completing ${m.messageId}`);
    } finally {
      this.held.delete(m);
    }
  }

  async abandon(m: ServiceBusLocked): Promise<void> {
    try {
      await this.limit(this.receiver.abandonMessage(m.message), `abandoning ${m.messageId}`);
    } finally {
      this.held.delete(m);
    }
  }

  async renewLock(m: ServiceBusLocked): Promise<void> {
    try {
      const until = await this.limit(this.receiver.renewMessageLock(m.message), `renewing the lock of ${m.messageId}`);
      m.lockedUntil = until.getTime();
    } catch (error) {
      // A lost lock stays lost: stop renewing it (the engine learns from its own renew or complete). A lost
      // connection says nothing about the lock: keep it, the new connection renews it.
      if (!this.connection?.isLoss(error)) this.held.delete(m);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.held.clear();
    const closing = Promise.allSettled([this.sender?.close(), this.receiver.close(), this.connection ? this.client.close() : undefined]);
    await (Number.isFinite(this.limitMs) ? bounded(closing, this.limitMs, 'closing the replay client').catch(() => undefined) : closing);
  }
}

// The replay engine's DlqPort over @azure/service-bus: one peek-lock receiver on the DLQ (raw bodies, no automatic
// lock renewal: the engine renews), and one sender to the target, reused for every copy.
import type {ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver, ServiceBusSender} from '@azure/service-bus';
import type {DlqPort, LockedMessage} from '../replay/engine.js';
import {faithfulCopy} from './copy.js';
import {idText, splitPath} from './peek.js';

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
}

/**
 * Replays one entity's DLQ into one target. Creating it opens nothing; the first receive attaches the links.
 * The engine renews a lock just before its send; on a long batch the messages waiting their turn would expire
 * first, so a sweep renews every held lock that has less than a third of its duration left.
 */
export class ServiceBusDlqPort implements DlqPort<ServiceBusLocked> {
  private readonly receiver: ServiceBusReceiver;
  private sender: ServiceBusSender | undefined;
  /** Received and not yet settled, with the lock duration seen at receive time. */
  private readonly held = new Map<ServiceBusLocked, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly client: ServiceBusClient,
    private readonly target: PortTarget,
  ) {
    const parts = splitPath(target.from);
    const options = {subQueueType: 'deadLetter', receiveMode: 'peekLock', skipParsingBodyAsJson: true, maxAutoLockRenewalDurationInMs: 0} as const;
    this.receiver = 'queue' in parts ? client.createReceiver(parts.queue, options) : client.createReceiver(parts.topic, parts.subscription, options);
  }

  async receive(max: number, signal: AbortSignal): Promise<readonly ServiceBusLocked[]> {
    const messages = await this.receiver.receiveMessages(max, {maxWaitTimeInMs: this.target.receiveWaitMs, abortSignal: signal});
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
    await this.sender.sendMessages(faithfulCopy(m.message, copyId, this.target.from));
  }

  async complete(m: ServiceBusLocked): Promise<void> {
    try {
      await this.receiver.completeMessage(m.message);
    } finally {
      this.held.delete(m);
    }
  }

  async abandon(m: ServiceBusLocked): Promise<void> {
    try {
      await this.receiver.abandonMessage(m.message);
    } finally {
      this.held.delete(m);
    }
  }

  async renewLock(m: ServiceBusLocked): Promise<void> {
    try {
      const until = await this.receiver.renewMessageLock(m.message);
      m.lockedUntil = until.getTime();
    } catch (error) {
      // A lost lock stays lost: stop renewing it (the engine learns from its own renew or complete).
      this.held.delete(m);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.held.clear();
    await Promise.allSettled([this.sender?.close(), this.receiver.close()]);
  }
}

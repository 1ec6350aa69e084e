// The replay port's answer to a lost connection (issue 15): a new client on a new connection, proven by a peek, and
// the two looks that settle an uncertain outcome: is the original still in the DLQ (a peek at its sequence number),
// and is the copy at the target queue (its id among the target's messages).
import Long from 'long';
import type {ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver} from '@azure/service-bus';
import type {DlqConnection} from '../replay/engine.js';
import {bounded, isConnectionLoss} from './bounded.js';
import {idText, splitPath} from './peek.js';
import type {PortTarget, ServiceBusLocked} from './port.js';

/** The limits a port that owns its client works within (from the source's timeout, retries and retryDelay). */
export interface Bounds {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** Messages of the target queue looked through at most for one uncertain copy (the source's scanLimit). */
  readonly scanLimit?: number;
}

const PAGE = 100;

/** What the connection needs from the port: its client now, and a new one in its place. */
interface ClientSlot {
  current(): ServiceBusClient;
  replace(): ServiceBusClient;
}

export class PortConnection implements DlqConnection<ServiceBusLocked> {
  readonly retries: number;
  readonly timeoutMs: number;
  readonly retryDelayMs: number;

  constructor(
    private readonly bounds: Bounds,
    private readonly target: PortTarget,
    private readonly slot: ClientSlot,
  ) {
    this.retries = bounds.retries;
    this.timeoutMs = bounds.timeoutMs;
    this.retryDelayMs = bounds.retryDelayMs;
  }

  isLoss(error: unknown): boolean {
    return isConnectionLoss(error);
  }

  async reconnect(signal: AbortSignal): Promise<void> {
    this.slot.replace();
    // The new connection counts only once it answered: one peek at the DLQ opens it, authorises and round-trips.
    await this.peek(this.target.from, true, 1, 1, signal);
  }

  async stillInDlq(message: ServiceBusLocked, signal: AbortSignal): Promise<boolean> {
    const [first] = await this.peek(this.target.from, true, message.sequenceNumber, 1, signal);
    return first?.sequenceNumber?.toNumber() === message.sequenceNumber;
  }

  async copyAtTarget(copyId: string, signal: AbortSignal): Promise<boolean | undefined> {
    // A topic keeps nothing to look at (its subscriptions may have consumed the copy); only a queue can be searched.
    if (!this.target.toQueue) return undefined;
    let from = 1;
    try {
      for (let scanned = 0; scanned < (this.bounds.scanLimit ?? 1000);) {
        const page = await this.peek(this.target.to, false, from, PAGE, signal);
        if (page.length === 0) return false;
        if (page.some((m) => idText(m.messageId) === copyId)) return true;
        scanned += page.length;
        from = (page.at(-1)?.sequenceNumber?.toNumber() ?? from) + 1;
      }
    } catch (error) {
      // Only a lost connection is worth another reconnect; any other refusal means the port cannot tell.
      if (isConnectionLoss(error)) throw error;
    }
    return undefined;
  }

  private async peek(path: string, deadLetter: boolean, from: number, max: number, signal: AbortSignal): Promise<ServiceBusReceivedMessage[]> {
    const client = this.slot.current();
    const parts = splitPath(path);
    const options = deadLetter ? ({subQueueType: 'deadLetter', skipParsingBodyAsJson: true} as const) : ({skipParsingBodyAsJson: true} as const);
    const receiver: ServiceBusReceiver =
      'queue' in parts ? client.createReceiver(parts.queue, options) : client.createReceiver(parts.topic, parts.subscription, options);
    try {
      const peeked = receiver.peekMessages(max, {fromSequenceNumber: Long.fromNumber(Math.max(1, from)), abortSignal: signal});
      return await bounded(peeked, this.timeoutMs, `peeking ${path}${deadLetter ? '/$DeadLetterQueue' : ''}`);
    } finally {
      void receiver.close().catch(() => undefined);
    }
  }
}

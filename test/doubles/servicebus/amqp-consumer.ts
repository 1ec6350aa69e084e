// A client receiver link: delivers messages with lock tokens and applies link settlements.
import type {EventContext} from 'rhea';
import {acceptedOutcome, internals, isTransferred, rejectedOutcome, sendMessage, type Delivery, type Sender} from './rhea-shim.js';
import {lockTokenFromTag, tagForLockToken} from './lock-token.js';
import {LOCK_LOST_DESCRIPTION} from './amqp-management.js';
import type {Consumer, SubQueue} from './sub-queue.js';
import type {Entity} from './entity.js';
import type {BrokerMessage, MessageLock} from './message.js';

/** Hooks the broker gives a consumer. */
export interface ConsumerHooks {
  /** Called after each delivery; returns true when a fault wants the connection dropped now. */
  afterDelivery(): boolean;
  dropConnection(): void;
  /** True once the connection is being dropped (stop delivering). */
  isDropping(): boolean;
}

interface RemoteOutcome {
  undeliverable_here?: boolean;
  message_annotations?: Record<string, unknown>;
  error?: {condition?: string; description?: string; info?: Record<string, unknown>};
}

/**
 * Wraps a rhea Sender (server side of a client receiver) as a sub-queue consumer. Like Service Bus it never hands
 * out more messages than the receiver gave link credit for: rhea's `credit` only drops when a queued delivery is
 * actually transferred, so deliveries queued but not yet transferred are counted against it here. Otherwise one
 * dispatch round would lock every available message and leave the surplus queued in rhea, locked, until the
 * client's next flow.
 */
export class LinkConsumer implements Consumer {
  readonly receiveAndDelete: boolean;
  /** Deliveries handed to rhea and not yet transferred, oldest first. */
  private readonly queued: Delivery[] = [];

  constructor(
    private readonly sender: Sender,
    private readonly entity: Entity,
    private readonly queue: SubQueue,
    private readonly hooks: ConsumerHooks,
  ) {
    this.receiveAndDelete = internals(sender).remote.attach?.['snd_settle_mode'] === 1;
    const dispatch = (): void => queue.dispatch();
    sender.on('sender_flow', dispatch);
    sender.on('sendable', dispatch);
    sender.on('accepted', (ctx: EventContext) => this.settle(ctx, 'complete'));
    sender.on('released', (ctx: EventContext) => this.settle(ctx, 'abandon'));
    sender.on('modified', (ctx: EventContext) => this.settle(ctx, 'modified'));
    sender.on('rejected', (ctx: EventContext) => this.settle(ctx, 'deadLetter'));
    sender.on('settled', () => {});
  }

  /** Link credit not yet spoken for; 0 while rhea cannot send (no credit, session buffer full, link closing). */
  credit(): number {
    if (this.hooks.isDropping() || !this.sender.is_open() || !this.sender.sendable()) return 0;
    while (this.queued[0] && isTransferred(this.queued[0])) this.queued.shift();
    return Math.max(0, internals(this.sender).credit - this.queued.length);
  }

  deliver(msg: BrokerMessage, lock: MessageLock | undefined): void {
    const amqp = msg.toDelivery(lock ? {lockedUntil: lock.lockedUntil} : {});
    this.queued.push(sendMessage(this.sender, amqp, lock ? tagForLockToken(lock.token) : undefined));
    if (this.hooks.afterDelivery()) this.hooks.dropConnection();
  }

  afterDispatch(): void {
    const link = this.sender as unknown as {_draining?: boolean};
    if (link._draining && this.credit() > 0) this.sender.set_drained(true);
  }

  private settle(ctx: EventContext, action: 'complete' | 'abandon' | 'modified' | 'deadLetter'): void {
    const delivery = ctx.delivery;
    if (!delivery || this.receiveAndDelete) return;
    const msg = this.queue.findLocked(lockTokenFromTag(delivery.tag));
    if (!msg) {
      finish(delivery, rejectedOutcome({condition: 'com.microsoft:message-lock-lost', description: LOCK_LOST_DESCRIPTION}));
      return;
    }
    const outcome = (delivery.remote_state ?? {}) as RemoteOutcome;
    if (action === 'complete') this.queue.complete(msg);
    else if (action === 'abandon') this.queue.abandon(msg);
    else if (action === 'modified' && outcome.undeliverable_here) this.queue.defer(msg, outcome.message_annotations);
    else if (action === 'modified') this.queue.abandon(msg, outcome.message_annotations);
    else this.deadLetter(msg, outcome);
    // Success is reported as `accepted`: echoing the client's `rejected` (dead-letter) outcome would
    // carry its error, which the SDK reads as a failed settlement.
    finish(delivery, acceptedOutcome());
  }

  private deadLetter(msg: BrokerMessage, outcome: RemoteOutcome): void {
    const {DeadLetterReason: reason, DeadLetterErrorDescription: description, ...props} = outcome.error?.info ?? {};
    const s = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
    this.entity.deadLetterMessage(msg, this.queue, s(reason), s(description), props);
  }
}

// Settles our side. With rcv-settle-mode "second" the client never sends a final settled disposition,
// so mark the delivery remote-settled too or rhea keeps it in the session window forever.
function finish(delivery: Delivery, outcome: unknown): void {
  delivery.update(true, outcome);
  (delivery as unknown as {remote_settled: boolean}).remote_settled = true;
}

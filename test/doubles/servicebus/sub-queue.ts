// One queue of messages (an entity's active queue or its DLQ / transfer DLQ): locks and dispatch.
import type {BrokerMessage, MessageLock} from './message.js';
import {newLockToken} from './lock-token.js';
import type {SubQueueKind} from './paths.js';

/** A receiving link attached to a sub-queue. */
export interface Consumer {
  readonly receiveAndDelete: boolean;
  credit(): number;
  deliver(msg: BrokerMessage, lock: MessageLock | undefined): void;
  /** Called after a dispatch round so a draining link can report it has nothing more. */
  afterDispatch(): void;
}

/** What a sub-queue needs from its entity. */
export interface SubQueueOwner {
  readonly path: string;
  readonly lockDurationMs: number;
  readonly maxDeliveryCount: number;
  /** Called when delivery attempts are exhausted (only for the active queue). */
  autoDeadLetter(msg: BrokerMessage, from: SubQueue): void;
  touch(): void;
}

/** Counters per sub-queue, for assertions. */
export interface SubQueueStats {
  delivered: number;
  completed: number;
  abandoned: number;
  deadLettered: number;
  deferred: number;
  locksExpired: number;
  locksRenewed: number;
}

/** Messages ordered by sequence number, with peek-lock bookkeeping and consumer dispatch. */
export class SubQueue {
  readonly messages: BrokerMessage[] = [];
  readonly stats: SubQueueStats = {
    delivered: 0,
    completed: 0,
    abandoned: 0,
    deadLettered: 0,
    deferred: 0,
    locksExpired: 0,
    locksRenewed: 0,
  };
  private readonly consumers: Consumer[] = [];
  private dispatching = false;
  private again = false;

  constructor(
    readonly owner: SubQueueOwner,
    readonly kind: SubQueueKind,
  ) {}

  /** Adds a message (kept in sequence order) and offers it to consumers. */
  add(msg: BrokerMessage): void {
    let i = this.messages.length;
    while (i > 0 && (this.messages[i - 1]?.sequenceNumber ?? 0) > msg.sequenceNumber) i--;
    this.messages.splice(i, 0, msg);
    this.owner.touch();
    this.dispatch();
  }

  /** Removes a message (clearing its lock). */
  remove(msg: BrokerMessage): void {
    this.unlock(msg);
    const i = this.messages.indexOf(msg);
    if (i >= 0) this.messages.splice(i, 1);
  }

  attach(c: Consumer): void {
    this.consumers.push(c);
    this.dispatch();
  }
  detach(c: Consumer): void {
    const i = this.consumers.indexOf(c);
    if (i >= 0) this.consumers.splice(i, 1);
  }

  /** The message holding an unexpired lock `token`, expiring it first if its time has passed. */
  findLocked(token: string): BrokerMessage | undefined {
    const msg = this.messages.find((m) => m.lock?.token === token);
    if (msg?.lock && msg.lock.lockedUntil.getTime() <= Date.now()) {
      this.expireLock(msg);
      return undefined;
    }
    return msg;
  }

  /** Locks a message for the owner's lock duration. */
  lock(msg: BrokerMessage): MessageLock {
    this.unlock(msg);
    const lock: MessageLock = {token: newLockToken(), lockedUntil: new Date(), timer: undefined};
    msg.lock = lock;
    this.armLock(msg, lock);
    return lock;
  }

  /** Extends a held lock by the lock duration. */
  renew(msg: BrokerMessage): Date {
    const lock = msg.lock;
    if (!lock) throw new Error('message is not locked');
    clearTimeout(lock.timer);
    this.armLock(msg, lock);
    this.stats.locksRenewed++;
    return lock.lockedUntil;
  }

  private armLock(msg: BrokerMessage, lock: MessageLock): void {
    const ms = this.owner.lockDurationMs;
    lock.lockedUntil = new Date(Date.now() + ms);
    lock.timer = setTimeout(() => this.expireLock(msg), ms);
    lock.timer.unref();
  }

  /** Drops a lock without side effects. */
  unlock(msg: BrokerMessage): void {
    if (msg.lock) clearTimeout(msg.lock.timer);
    msg.lock = undefined;
  }

  /** Lock timed out (or was expired by a fault): message returns, deliveryCount + 1. */
  expireLock(msg: BrokerMessage): void {
    if (!msg.lock) return;
    this.stats.locksExpired++;
    this.release(msg);
  }

  /** Peek-lock complete. */
  complete(msg: BrokerMessage): void {
    this.remove(msg);
    this.stats.completed++;
  }

  /** Abandon: unlock, deliveryCount + 1, auto dead-letter at MaxDeliveryCount. */
  abandon(msg: BrokerMessage, props?: Record<string, unknown>): void {
    msg.modifyProperties(props);
    this.stats.abandoned++;
    this.release(msg);
  }

  private release(msg: BrokerMessage): void {
    this.unlock(msg);
    msg.deliveryCount++;
    if (this.kind === 'active' && msg.deliveryCount >= this.owner.maxDeliveryCount) {
      this.owner.autoDeadLetter(msg, this);
      return;
    }
    this.dispatch();
  }

  /** Defer: stays in the queue, invisible to receivers until received by sequence number. */
  defer(msg: BrokerMessage, props?: Record<string, unknown>): void {
    this.unlock(msg);
    msg.modifyProperties(props);
    msg.state = 'deferred';
    this.stats.deferred++;
  }

  /** Messages a receiver could get now. */
  available(): BrokerMessage[] {
    return this.messages.filter((m) => !m.lock && m.state === 'active');
  }

  /** Hands available messages to consumers with credit, round-robin. */
  dispatch(): void {
    if (this.dispatching) {
      this.again = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.again = false;
        this.dispatchRound();
      } while (this.again);
    } finally {
      this.dispatching = false;
    }
    for (const c of [...this.consumers]) c.afterDispatch();
  }

  private dispatchRound(): void {
    let progress = true;
    while (progress) {
      progress = false;
      for (const c of [...this.consumers]) {
        if (c.credit() <= 0) continue;
        const msg = this.messages.find((m) => !m.lock && m.state === 'active');
        if (!msg) return;
        this.stats.delivered++;
        this.owner.touch();
        if (c.receiveAndDelete) {
          this.remove(msg);
          c.deliver(msg, undefined);
        } else {
          c.deliver(msg, this.lock(msg));
        }
        progress = true;
      }
    }
  }

  /** Clears every lock timer (shutdown). */
  dispose(): void {
    for (const m of this.messages) this.unlock(m);
    this.consumers.length = 0;
  }
}

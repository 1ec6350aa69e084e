// Fault injection: refuse sends, drop connections after N deliveries or N sends.
import {normalizePath} from './paths.js';
import type {AmqpErrorLike} from './rhea-shim.js';

/** What to do with one incoming send (one AMQP transfer, which may be a batch). */
export type SendDecision =
  | {kind: 'accept'}
  | {kind: 'reject'; error: AmqpErrorLike}
  /** Store and accept, then drop the connection. */
  | {kind: 'accept-then-drop'}
  /** Store but drop the connection before the outcome reaches the client (in-doubt send). */
  | {kind: 'store-then-drop'};

/** Handle returned by every fault: how often it fired; cancel() disarms it. */
export interface FaultHandle {
  readonly fired: number;
  cancel(): void;
}

/** Options for refusing sends: the `nth` matching send after arming, `count` times (default 1). */
export interface RejectSendOptions {
  nth?: number;
  count?: number;
  condition?: string;
  description?: string;
}

interface Rule {
  key: string;
  seen: number;
  fired: number;
  from: number;
  to: number;
  cancelled: boolean;
  apply: 'reject' | 'accept-then-drop' | 'store-then-drop' | 'drop-after-delivery';
  error?: AmqpErrorLike;
}

/** Default refusal: QuotaExceeded (not retried by the SDK). */
export const DEFAULT_SEND_REJECTION: AmqpErrorLike = {
  condition: 'amqp:resource-limit-exceeded',
  description: 'The maximum entity size has been reached or exceeded (fault injected by the Service Bus double).',
};

/** Armed faults; the AMQP layer asks it on every send and delivery. */
export class Faults {
  private rules: Rule[] = [];

  /** Refuses the `nth` send to a queue/topic (rejected outcome + error). */
  rejectSend(entityPath: string, options: RejectSendOptions = {}): FaultHandle {
    const nth = options.nth ?? 1;
    const error: AmqpErrorLike = {
      condition: options.condition ?? DEFAULT_SEND_REJECTION.condition,
      description: options.description ?? DEFAULT_SEND_REJECTION.description ?? '',
    };
    return this.arm(entityPath, 'reject', nth, options.count ?? 1, error);
  }

  /** Refuses every send to an entity until cancelled. */
  rejectAllSends(entityPath: string, options: Omit<RejectSendOptions, 'nth' | 'count'> = {}): FaultHandle {
    return this.rejectSend(entityPath, {...options, nth: 1, count: Number.POSITIVE_INFINITY});
  }

  /**
   * Drops the sender's connection at the `n`-th send to an entity. Default: the message is stored and
   * accepted first; `inDoubt: true` stores it but the client never learns the outcome.
   */
  dropConnectionAfterSends(entityPath: string, n: number, opts: {inDoubt?: boolean} = {}): FaultHandle {
    return this.arm(entityPath, opts.inDoubt ? 'store-then-drop' : 'accept-then-drop', n, 1);
  }

  /**
   * Drops a receiver's connection right after the `n`-th message delivered from `address`
   * (`orders`, `orders/$DeadLetterQueue`, `events/Subscriptions/audit`); that message stays locked.
   */
  dropConnectionAfterDeliveries(address: string, n: number): FaultHandle {
    return this.arm(address, 'drop-after-delivery', n, 1);
  }

  /** Disarms everything. */
  clear(): void {
    this.rules = [];
  }

  /** Decision for one send to `entityKey`. */
  onSend(entityKey: string): SendDecision {
    for (const rule of this.match(entityKey, false)) {
      if (rule.apply === 'reject' && rule.error) return {kind: 'reject', error: rule.error};
      if (rule.apply === 'accept-then-drop' || rule.apply === 'store-then-drop') return {kind: rule.apply};
    }
    return {kind: 'accept'};
  }

  /** True when the connection should drop after this delivery from `addressKey`. */
  onDelivery(addressKey: string): boolean {
    return this.match(addressKey, true).length > 0;
  }

  private match(key: string, delivery: boolean): Rule[] {
    const hits: Rule[] = [];
    for (const r of this.rules) {
      if (r.cancelled || r.key !== key || (r.apply === 'drop-after-delivery') !== delivery) continue;
      r.seen++;
      if (r.seen >= r.from && r.seen < r.to) {
        r.fired++;
        hits.push(r);
      }
    }
    return hits;
  }

  private arm(path: string, apply: Rule['apply'], nth: number, count: number, error?: AmqpErrorLike): FaultHandle {
    const rule: Rule = {key: normalizePath(path), seen: 0, fired: 0, from: nth, to: nth + count, cancelled: false, apply};
    if (error) rule.error = error;
    this.rules.push(rule);
    return {
      get fired() {
        return rule.fired;
      },
      cancel: () => {
        rule.cancelled = true;
      },
    };
  }
}

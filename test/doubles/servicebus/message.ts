// A message as the broker holds it: the client's AMQP message plus broker state (sequence, lock...).
import {R, type AmqpMessage} from './rhea-shim.js';

/** A held peek-lock. */
export interface MessageLock {
  readonly token: string;
  lockedUntil: Date;
  timer: NodeJS.Timeout | undefined;
}

/** Broker-side state of one message; getters give a friendly view for test assertions. */
export class BrokerMessage {
  deliveryCount: number;
  state: 'active' | 'deferred' = 'active';
  lock: MessageLock | undefined;
  readonly sizeInBytes: number;

  constructor(
    /** The AMQP message as the client sent it (body section, properties, application properties). */
    readonly amqp: AmqpMessage,
    readonly sequenceNumber: number,
    readonly enqueuedTime: Date,
    deliveryCount = 0,
  ) {
    this.deliveryCount = deliveryCount;
    this.sizeInBytes = R.message.encode(amqp).length;
  }

  /** Copy for another subscription / sub-queue (same sequence number, independent state). */
  clone(): BrokerMessage {
    const amqp: AmqpMessage = {...this.amqp, application_properties: {...this.applicationProperties}};
    return new BrokerMessage(amqp, this.sequenceNumber, this.enqueuedTime, this.deliveryCount);
  }

  get messageId(): string | undefined {
    return str(this.amqp['message_id']);
  }
  get correlationId(): string | undefined {
    return str(this.amqp['correlation_id']);
  }
  get subject(): string | undefined {
    return str(this.amqp['subject']);
  }
  get sessionId(): string | undefined {
    return str(this.amqp['group_id']);
  }
  get contentType(): string | undefined {
    return str(this.amqp['content_type']);
  }
  get partitionKey(): string | undefined {
    return str(this.amqp.message_annotations?.['x-opt-partition-key']);
  }
  get applicationProperties(): Record<string, unknown> {
    return this.amqp.application_properties ?? {};
  }
  get deadLetterReason(): string | undefined {
    return str(this.applicationProperties['DeadLetterReason']);
  }
  get deadLetterErrorDescription(): string | undefined {
    return str(this.applicationProperties['DeadLetterErrorDescription']);
  }
  get isLocked(): boolean {
    return this.lock !== undefined;
  }

  /** Body bytes of a data-section body (what the SDK sends for Buffers, strings and JSON). */
  get bodyBytes(): Buffer | undefined {
    const body = this.amqp.body as {typecode?: number; content?: unknown} | undefined;
    if (body && body.typecode === 0x75 && Buffer.isBuffer(body.content)) return body.content;
    return undefined;
  }

  /** Body as UTF-8 text (data section) or the raw AMQP value otherwise. */
  get body(): unknown {
    const bytes = this.bodyBytes;
    return bytes ? bytes.toString('utf8') : this.amqp.body;
  }

  /** Merges properties into the application properties (abandon/dead-letter `propertiesToModify`). */
  modifyProperties(props: Record<string, unknown> | undefined): void {
    if (!props) return;
    const merged = {...this.applicationProperties};
    for (const [k, v] of Object.entries(props)) if (v !== undefined && v !== null) merged[k] = v;
    this.amqp.application_properties = merged;
  }

  /** The AMQP message as delivered to a receiver or returned by peek (with broker annotations). */
  toDelivery(extra: {lockedUntil?: Date} = {}): AmqpMessage {
    const annotations: Record<string, unknown> = {
      ...this.amqp.message_annotations,
      'x-opt-sequence-number': R.types.wrap_long(this.sequenceNumber),
      'x-opt-enqueued-time': this.enqueuedTime,
    };
    if (extra.lockedUntil) annotations['x-opt-locked-until'] = extra.lockedUntil;
    if (this.state === 'deferred') annotations['x-opt-message-state'] = R.types.wrap_int(1);
    const out: AmqpMessage = {...this.amqp, delivery_count: this.deliveryCount, message_annotations: annotations};
    delete out['delivery_annotations'];
    return out;
  }
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return Buffer.isBuffer(v) ? v.toString('hex') : String(v);
}

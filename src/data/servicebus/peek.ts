// Peeking dead letters: one DLQ receiver per entity used only for peeks ($management, no lock is ever taken),
// and the conversion of a received message into a display-safe DlqMessage.
import Long from 'long';
import type {ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver} from '@azure/service-bus';
import type {DlqMessage} from '../sources/types.js';
import {previewBody} from '../text/body.js';
import {sanitize, sanitizeRecord} from '../text/sanitize.js';

/** The reason shown for a dead letter that carries none (dead-lettered by a client without a reason). */
export const NO_REASON = '(no reason)';

const MAX_TEXT = 500;
const MAX_RECEIVERS = 256;

/** `topic/Subscriptions/sub` → topic and subscription; a queue path → the queue. */
export function splitPath(path: string): {queue: string} | {topic: string; subscription: string} {
  const m = /^(.+)\/subscriptions\/([^/]+)$/i.exec(path);
  return m ? {topic: m[1] ?? '', subscription: m[2] ?? ''} : {queue: path};
}

/** Any id-like value (string, number, Buffer, Long) as a string; Buffers as hex. */
export function idText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

function clip(text: string): string {
  const clean = sanitize(text);
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

/** Application property values as display-safe scalars (Dates as ISO, Buffers as hex, Longs as digits). */
function propertyValues(props: Readonly<Record<string, unknown>> | undefined): Record<string, string | number | boolean | null> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props ?? {}).slice(0, 100)) {
    if (value instanceof Date) out[key] = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    else if (Buffer.isBuffer(value)) out[key] = `<${value.length} bytes> ${value.subarray(0, 32).toString('hex')}`;
    else if (Long.isLong(value)) out[key] = (value as Long).toString();
    else if (typeof value === 'string') out[key] = clip(value);
    else out[key] = value;
  }
  return sanitizeRecord(out);
}

/** The dead-letter reason of a message, as grouped and filtered by the cockpit. */
export function reasonOf(m: ServiceBusReceivedMessage): string {
  return m.deadLetterReason ? clip(m.deadLetterReason) : NO_REASON;
}

/** A received or peeked message as the detail view shows it; every string sanitised and truncated. */
export function toDlqMessage(m: ServiceBusReceivedMessage): DlqMessage {
  const optional = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : clip(idText(v)));
  return {
    sequenceNumber: m.sequenceNumber ? m.sequenceNumber.toNumber() : 0,
    messageId: clip(idText(m.messageId)),
    reason: reasonOf(m),
    description: optional(m.deadLetterErrorDescription),
    deliveryCount: m.deliveryCount ?? 0,
    enqueuedAt: m.enqueuedTimeUtc?.getTime() ?? 0,
    contentType: optional(m.contentType),
    correlationId: optional(m.correlationId),
    subject: optional(m.subject),
    sessionId: optional(m.sessionId),
    properties: propertyValues(m.applicationProperties),
    body: previewBody(m.body),
  };
}

/** DLQ peeks by sequence number (the SDK's own peek cursor is shared per entity, so every call says where to start). */
export class DlqPeeker {
  private readonly receivers = new Map<string, ServiceBusReceiver>();

  constructor(private readonly client: ServiceBusClient) {}

  /** Up to `max` dead letters of `path` from sequence number `from` on. */
  async page(path: string, from: number, max: number, signal: AbortSignal): Promise<ServiceBusReceivedMessage[]> {
    // Sequence numbers start at 1 (partitioned entities put the partition in the high bits, well within 2^53).
    return this.receiver(path).peekMessages(max, {fromSequenceNumber: Long.fromNumber(Math.max(1, from)), abortSignal: signal});
  }

  async close(): Promise<void> {
    const all = [...this.receivers.values()];
    this.receivers.clear();
    await Promise.allSettled(all.map((r) => r.close()));
  }

  private receiver(path: string): ServiceBusReceiver {
    const found = this.receivers.get(path);
    if (found) {
      // Most recently used last, so eviction drops the least recently used.
      this.receivers.delete(path);
      this.receivers.set(path, found);
      return found;
    }
    if (this.receivers.size >= MAX_RECEIVERS) {
      const [oldest] = this.receivers.entries();
      if (oldest) {
        this.receivers.delete(oldest[0]);
        void oldest[1].close().catch(() => undefined);
      }
    }
    const parts = splitPath(path);
    // Peek only: `peekMessages` is a $management request; this receiver never attaches a receive link.
    const options = {subQueueType: 'deadLetter', skipParsingBodyAsJson: true} as const;
    const receiver = 'queue' in parts ? this.client.createReceiver(parts.queue, options) : this.client.createReceiver(parts.topic, parts.subscription, options);
    this.receivers.set(path, receiver);
    return receiver;
  }
}

// The faithful copy a replay sends: the original's body bytes and body section, content type, correlation id,
// subject, session and partition keys, reply-to, time to live and application properties (minus the broker's
// DeadLetter* keys), plus the deterministic message id and the replay markers.
import type {ServiceBusReceivedMessage} from '@azure/service-bus';
import {replayMarkers} from '../replay/engine.js';
import {idText} from './peek.js';

/** The SDK's AMQP-level message (not re-exported by @azure/service-bus under its own name). */
export type AnnotatedMessage = ServiceBusReceivedMessage['_rawAmqpMessage'];

/** Application properties the broker adds when it dead-letters a message. */
export function isDeadLetterKey(key: string): boolean {
  return /^DeadLetter/i.test(key);
}

/**
 * Builds the copy of `m` (received with `skipParsingBodyAsJson`, so a data body is its exact bytes) for `copyId`.
 * The AMQP form keeps the body section: a data body stays data, an AMQP value (JMS TextMessage) stays a value.
 */
export function faithfulCopy(m: ServiceBusReceivedMessage, copyId: string, from: string): AnnotatedMessage {
  const raw = m._rawAmqpMessage;
  const props = raw.properties ?? {};
  const applicationProperties: Record<string, number | boolean | string | Date | null> = {};
  for (const [key, value] of Object.entries(m.applicationProperties ?? {})) if (!isDeadLetterKey(key)) applicationProperties[key] = value;
  const sequence = m.sequenceNumber ? m.sequenceNumber.toNumber() : 0;
  Object.assign(applicationProperties, replayMarkers(idText(m.messageId), sequence, from));
  const messageAnnotations: Record<string, unknown> = {};
  if (m.partitionKey) messageAnnotations['x-opt-partition-key'] = m.partitionKey;
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
  return {
    body: m.body,
    bodyType: raw.bodyType ?? 'data',
    properties: defined({
      messageId: copyId,
      contentType: props.contentType,
      contentEncoding: props.contentEncoding,
      correlationId: props.correlationId,
      subject: props.subject,
      groupId: props.groupId,
      groupSequence: props.groupSequence,
      replyTo: props.replyTo,
      replyToGroupId: props.replyToGroupId,
      to: props.to,
    }),
    ...(m.timeToLive ? {header: {timeToLive: m.timeToLive}} : {}),
    applicationProperties,
    messageAnnotations,
  };
}

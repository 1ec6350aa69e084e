// Seeding: entities plus active / dead-lettered messages with realistic reasons, bodies and properties.
import {R, type AmqpMessage} from './rhea-shim.js';
import {BrokerMessage} from './message.js';
import type {Entity, EntityOptions} from './entity.js';
import type {Namespace} from './namespace.js';

/** A message to place directly into a (sub-)queue. */
export interface SeedMessage {
  /** Buffer → raw bytes; string → UTF-8 bytes (as a .NET/Java producer sends text); object → JSON bytes. */
  body: Buffer | string | object;
  /** Put the body in an AMQP value section instead of a data section (JMS TextMessage style). */
  bodyAsAmqpValue?: boolean;
  messageId?: string;
  contentType?: string;
  correlationId?: string;
  subject?: string;
  sessionId?: string;
  partitionKey?: string;
  applicationProperties?: Record<string, string | number | boolean>;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
  deliveryCount?: number;
  enqueuedTime?: Date;
}

/** Declarative seed: queues/topics/subscriptions and what each (sub-)queue holds. */
export interface SeedSpec {
  queues?: Array<{name: string; options?: EntityOptions} & SeedContents>;
  topics?: Array<{name: string; options?: EntityOptions; subscriptions?: Array<{name: string; options?: EntityOptions} & SeedContents>}>;
}

/** Messages per sub-queue. */
export interface SeedContents {
  active?: SeedMessage[];
  deadLetter?: SeedMessage[];
  transferDeadLetter?: SeedMessage[];
}

/** Builds the AMQP form of a seed message. */
export function toAmqp(m: SeedMessage): AmqpMessage {
  const bytes = Buffer.isBuffer(m.body) ? m.body : typeof m.body === 'string' ? Buffer.from(m.body, 'utf8') : Buffer.from(JSON.stringify(m.body), 'utf8');
  const amqp: AmqpMessage = {
    body: m.bodyAsAmqpValue ? (typeof m.body === 'string' ? m.body : bytes) : R.message.data_section(bytes),
  };
  const set = (k: string, v: unknown): void => {
    if (v !== undefined) amqp[k] = v;
  };
  set('message_id', m.messageId);
  set('content_type', m.contentType ?? (Buffer.isBuffer(m.body) ? undefined : typeof m.body === 'string' ? 'text/plain' : 'application/json'));
  set('correlation_id', m.correlationId);
  set('subject', m.subject);
  set('group_id', m.sessionId);
  const props: Record<string, unknown> = {...m.applicationProperties};
  if (m.deadLetterReason !== undefined) props['DeadLetterReason'] = m.deadLetterReason;
  if (m.deadLetterErrorDescription !== undefined) props['DeadLetterErrorDescription'] = m.deadLetterErrorDescription;
  if (Object.keys(props).length > 0) amqp.application_properties = props;
  if (m.partitionKey !== undefined) amqp.message_annotations = {'x-opt-partition-key': m.partitionKey};
  return amqp;
}

/** Puts seed messages into one sub-queue of an entity, sequencing them like sends. */
export function seedInto(entity: Entity, kind: keyof SeedContents, messages: SeedMessage[]): BrokerMessage[] {
  const queue = entity.subQueue(kind);
  return messages.map((m) => {
    const amqp = toAmqp(m);
    const seq = entity.sequencer.admit(amqp) ?? 0;
    const msg = new BrokerMessage(amqp, seq, m.enqueuedTime ?? new Date(), m.deliveryCount ?? 0);
    if (kind === 'active') entity.sentCount++;
    queue.add(msg);
    return msg;
  });
}

/** Creates everything in `spec` and fills the (sub-)queues. */
export function seed(ns: Namespace, spec: SeedSpec): void {
  const fill = (e: Entity, c: SeedContents): void => {
    for (const kind of ['active', 'deadLetter', 'transferDeadLetter'] as const) seedInto(e, kind, c[kind] ?? []);
  };
  for (const q of spec.queues ?? []) fill(ns.createQueue(q.name, q.options), q);
  for (const t of spec.topics ?? []) {
    ns.createTopic(t.name, t.options);
    for (const s of t.subscriptions ?? []) fill(ns.createSubscription(t.name, s.name, s.options), s);
  }
}

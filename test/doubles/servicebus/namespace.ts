// The entity registry shared by the AMQP double and the admin (Atom) double.
import {Entity, Topic, type EntityOptions} from './entity.js';
import {normalizePath, parseAddress, subscriptionPath, type ParsedAddress} from './paths.js';
import type {SubQueue} from './sub-queue.js';
import type {AmqpMessage} from './rhea-shim.js';

/** Where a send lands: a queue or a topic. */
export type SendTarget = Entity | Topic;

/** Registry of queues, topics and subscriptions, keyed case-insensitively like Service Bus. */
export class Namespace {
  private readonly queueMap = new Map<string, Entity>();
  private readonly topicMap = new Map<string, Topic>();

  constructor(readonly defaults: EntityOptions = {}) {}

  /** Creates (or returns the existing) queue. */
  createQueue(name: string, options: EntityOptions = {}): Entity {
    const key = normalizePath(name);
    const existing = this.queueMap.get(key);
    if (existing) return existing;
    const q = new Entity('queue', name, {...this.defaults, ...options});
    this.queueMap.set(key, q);
    return q;
  }

  /** Creates (or returns the existing) topic. */
  createTopic(name: string, options: EntityOptions = {}): Topic {
    const key = normalizePath(name);
    const existing = this.topicMap.get(key);
    if (existing) return existing;
    const t = new Topic(name, {...this.defaults, ...options});
    this.topicMap.set(key, t);
    return t;
  }

  /** Creates (or returns the existing) subscription; creates the topic if needed. */
  createSubscription(topicName: string, name: string, options: EntityOptions = {}): Entity {
    const topic = this.createTopic(topicName);
    const key = normalizePath(name);
    const existing = topic.subscriptions.get(key);
    if (existing) return existing;
    const sub = new Entity('subscription', subscriptionPath(topic.name, name), {...this.defaults, ...options}, topic);
    topic.subscriptions.set(key, sub);
    return sub;
  }

  /** Queue or subscription by path (`orders`, `events/Subscriptions/audit`); throws if unknown. */
  entity(path: string): Entity {
    const e = this.findEntity(parseAddress(path).entityKey);
    if (!e) throw new Error(`no queue or subscription '${path}' in the Service Bus double`);
    return e;
  }

  /** Topic by name; throws if unknown. */
  topic(name: string): Topic {
    const t = this.topicMap.get(normalizePath(name));
    if (!t) throw new Error(`no topic '${name}' in the Service Bus double`);
    return t;
  }

  /** Queue or subscription for a canonical key, if any. */
  findEntity(key: string): Entity | undefined {
    const q = this.queueMap.get(key);
    if (q) return q;
    const m = /^(.*)\/subscriptions\/([^/]+)$/.exec(key);
    if (!m) return undefined;
    return this.topicMap.get(m[1] ?? '')?.subscriptions.get(m[2] ?? '');
  }

  /** Sub-queue named by a parsed address (receivers, management). */
  subQueueFor(address: ParsedAddress): SubQueue | undefined {
    return this.findEntity(address.entityKey)?.subQueue(address.subQueue);
  }

  /** Queue or topic a sender may attach to (not subscriptions or sub-queues). */
  sendTarget(address: ParsedAddress): SendTarget | undefined {
    if (address.subQueue !== 'active' || address.management) return undefined;
    return this.queueMap.get(address.entityKey) ?? this.topicMap.get(address.entityKey);
  }

  /** Delivers a sent message to a queue or topic; false when dropped as a duplicate. */
  publish(target: SendTarget, amqp: AmqpMessage): boolean {
    return target.publish(amqp);
  }

  /** Queues sorted by name (the admin feed order). */
  queues(): Entity[] {
    return sortByName([...this.queueMap.values()]);
  }
  /** Topics sorted by name. */
  topics(): Topic[] {
    return sortByName([...this.topicMap.values()]);
  }
  /** Subscriptions of a topic sorted by name. */
  subscriptions(topic: Topic): Entity[] {
    return sortByName([...topic.subscriptions.values()]);
  }

  /** Stops every lock timer. */
  dispose(): void {
    for (const q of this.queueMap.values()) q.dispose();
    for (const t of this.topicMap.values()) for (const s of t.subscriptions.values()) s.dispose();
  }
}

function sortByName<T extends {path: string}>(items: T[]): T[] {
  return items.sort((a, b) => a.path.toLowerCase().localeCompare(b.path.toLowerCase()));
}

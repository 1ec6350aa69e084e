// Dead-letter depth of every queue and subscription from the administration client's runtime properties, paged.
// Requests per listing: ceil(queues/100) + ceil(topics/100) + sum over topics of ceil(subscriptions/100).
import type {ServiceBusAdministrationClient} from '@azure/service-bus';
import {sanitize} from '../text/sanitize.js';

/** Service Bus returns at most 100 entries per Atom page. */
export const PAGE_SIZE = 100;

/** Counts of one queue or subscription. */
export interface EntityCounts {
  /** `queue` or `topic/Subscriptions/sub`, as the SDK spells it. */
  readonly path: string;
  readonly kind: 'queue' | 'subscription';
  readonly topic?: string;
  readonly active: number;
  readonly deadLetter: number;
  readonly transferDeadLetter: number;
}

/** One listing of the namespace. */
export interface Listing {
  readonly entities: readonly EntityCounts[];
  /** Topic → its subscriptions' paths (the fan-out a replay to the topic reaches). */
  readonly topics: ReadonlyMap<string, readonly string[]>;
  /** HTTP requests this listing made (one per page). */
  readonly requests: number;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return out;
}

/** Lists queues, topics and every topic's subscriptions with their message counts. */
export async function listEntities(admin: ServiceBusAdministrationClient, signal: AbortSignal, concurrency: number): Promise<Listing> {
  const options = {abortSignal: signal};
  let requests = 0;
  const entities: EntityCounts[] = [];
  for await (const page of admin.listQueuesRuntimeProperties(options).byPage({maxPageSize: PAGE_SIZE})) {
    requests++;
    for (const q of page) {
      entities.push({
        path: sanitize(q.name),
        kind: 'queue',
        active: n(q.activeMessageCount),
        deadLetter: n(q.deadLetterMessageCount),
        transferDeadLetter: n(q.transferDeadLetterMessageCount),
      });
    }
  }
  const topicNames: string[] = [];
  for await (const page of admin.listTopics(options).byPage({maxPageSize: PAGE_SIZE})) {
    requests++;
    for (const t of page) topicNames.push(sanitize(t.name));
  }
  const topics = new Map<string, string[]>();
  const perTopic = await mapLimit(topicNames, concurrency, async (topic) => {
    const subs: EntityCounts[] = [];
    let pages = 0;
    for await (const page of admin.listSubscriptionsRuntimeProperties(topic, options).byPage({maxPageSize: PAGE_SIZE})) {
      pages++;
      for (const s of page) {
        subs.push({
          path: `${topic}/Subscriptions/${sanitize(s.subscriptionName)}`,
          kind: 'subscription',
          topic,
          active: n(s.activeMessageCount),
          deadLetter: n(s.deadLetterMessageCount),
          transferDeadLetter: n(s.transferDeadLetterMessageCount),
        });
      }
    }
    return {topic, subs, pages};
  });
  for (const {topic, subs, pages} of perTopic) {
    requests += pages;
    topics.set(
      topic,
      subs.map((s) => s.path),
    );
    entities.push(...subs);
  }
  return {entities, topics, requests};
}

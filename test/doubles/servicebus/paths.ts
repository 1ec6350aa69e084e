// Service Bus address grammar: entities, sub-queues and the $management / $cbs nodes.

/** Which queue of an entity an address points at. */
export type SubQueueKind = 'active' | 'deadLetter' | 'transferDeadLetter';

/** A parsed link address (`orders`, `events/Subscriptions/audit/$DeadLetterQueue`, `orders/$management`). */
export interface ParsedAddress {
  /** Canonical entity key: lower-case, `topic/subscriptions/sub` for subscriptions. */
  readonly entityKey: string;
  readonly subQueue: SubQueueKind;
  readonly management: boolean;
}

const DLQ = '/$deadletterqueue';
const TDLQ = '/$transfer/$deadletterqueue';
const MGMT = '/$management';

/** Lower-cases and strips scheme/host and surrounding slashes (`sb://h:1/Orders/` → `orders`). */
export function normalizePath(address: string): string {
  const withoutHost = address.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return withoutHost.replace(/^\/+|\/+$/g, '').toLowerCase();
}

/** Entity key for a topic subscription. */
export function subscriptionKey(topic: string, subscription: string): string {
  return `${normalizePath(topic)}/subscriptions/${normalizePath(subscription)}`;
}

/** Display path for a subscription, as the SDK spells it. */
export function subscriptionPath(topic: string, subscription: string): string {
  return `${topic}/Subscriptions/${subscription}`;
}

/** Splits an address into entity key, sub-queue and whether it names the $management node. */
export function parseAddress(address: string): ParsedAddress {
  let p = normalizePath(address);
  let management = false;
  if (p === '$management' || p.endsWith(MGMT)) {
    management = true;
    p = p === '$management' ? '' : p.slice(0, -MGMT.length);
  }
  let subQueue: SubQueueKind = 'active';
  if (p.endsWith(TDLQ)) {
    subQueue = 'transferDeadLetter';
    p = p.slice(0, -TDLQ.length);
  } else if (p.endsWith(DLQ)) {
    subQueue = 'deadLetter';
    p = p.slice(0, -DLQ.length);
  }
  return {entityKey: p, subQueue, management};
}

/** Suffix appended to an entity path for a sub-queue (`''`, `/$DeadLetterQueue`, ...). */
export function subQueueSuffix(kind: SubQueueKind): string {
  if (kind === 'deadLetter') return '/$DeadLetterQueue';
  if (kind === 'transferDeadLetter') return '/$Transfer/$DeadLetterQueue';
  return '';
}

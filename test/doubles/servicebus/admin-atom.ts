// Atom XML in the shape Service Bus returns for queues, topics and subscriptions (api-version 2021-05).
import type {Entity, Topic} from './entity.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const SB_NS = 'http://schemas.microsoft.com/netservices/2010/10/servicebus/connect';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const COUNT_NS = 'http://schemas.microsoft.com/netservices/2011/06/servicebus';
const FOREVER = 'P10675199DT2H48M5.4775807S';

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Milliseconds as an ISO 8601 duration (`PT30S`, `PT1M`, `PT0.5S`). */
export function isoDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

function el(name: string, value: string | number | boolean): string {
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

function countDetails(e: {active: number; deadLetter: number; transferDeadLetter: number}): string {
  const c = (n: string, v: number): string => `<d2p1:${n}>${v}</d2p1:${n}>`;
  return (
    `<CountDetails xmlns:d2p1="${COUNT_NS}">${c('ActiveMessageCount', e.active)}${c('DeadLetterMessageCount', e.deadLetter)}` +
    `${c('ScheduledMessageCount', 0)}${c('TransferMessageCount', 0)}` +
    `${c('TransferDeadLetterMessageCount', e.transferDeadLetter)}</CountDetails>`
  );
}

function counts(e: Entity): {active: number; deadLetter: number; transferDeadLetter: number; total: number} {
  const active = e.activeQueue.messages.length;
  const deadLetter = e.deadLetterQueue.messages.length;
  const transferDeadLetter = e.transferDeadLetterQueue.messages.length;
  return {active, deadLetter, transferDeadLetter, total: active + deadLetter + transferDeadLetter};
}

function times(t: {createdAt: Date; updatedAt: Date; accessedAt: Date}): string {
  return el('CreatedAt', t.createdAt.toISOString()) + el('UpdatedAt', t.updatedAt.toISOString()) + el('AccessedAt', t.accessedAt.toISOString());
}

/** `<QueueDescription>` for a queue. */
export function queueDescription(q: Entity): string {
  const n = counts(q);
  const o = q.options;
  return (
    `<QueueDescription xmlns="${SB_NS}" xmlns:i="${XSI_NS}">` +
    el('LockDuration', isoDuration(o.lockDurationMs)) +
    el('MaxSizeInMegabytes', o.maxSizeInMegabytes) +
    el('RequiresDuplicateDetection', o.requiresDuplicateDetection) +
    el('RequiresSession', o.requiresSession) +
    el('DefaultMessageTimeToLive', FOREVER) +
    el('DeadLetteringOnMessageExpiration', false) +
    el('DuplicateDetectionHistoryTimeWindow', isoDuration(o.duplicateDetectionWindowMs)) +
    el('MaxDeliveryCount', o.maxDeliveryCount) +
    el('EnableBatchedOperations', true) +
    el('SizeInBytes', q.sizeInBytes) +
    el('MessageCount', n.total) +
    el('IsAnonymousAccessible', false) +
    '<AuthorizationRules/>' +
    el('Status', 'Active') +
    times(q.times) +
    el('SupportOrdering', true) +
    countDetails(n) +
    el('AutoDeleteOnIdle', FOREVER) +
    el('EnablePartitioning', false) +
    el('EntityAvailabilityStatus', 'Available') +
    el('EnableExpress', false) +
    el('MaxMessageSizeInKilobytes', 256) +
    '</QueueDescription>'
  );
}

/** `<TopicDescription>` for a topic. */
export function topicDescription(t: Topic): string {
  const o = t.options;
  return (
    `<TopicDescription xmlns="${SB_NS}" xmlns:i="${XSI_NS}">` +
    el('DefaultMessageTimeToLive', FOREVER) +
    el('MaxSizeInMegabytes', o.maxSizeInMegabytes) +
    el('RequiresDuplicateDetection', o.requiresDuplicateDetection) +
    el('DuplicateDetectionHistoryTimeWindow', isoDuration(o.duplicateDetectionWindowMs)) +
    el('EnableBatchedOperations', true) +
    el('SizeInBytes', t.sizeInBytes) +
    el('FilteringMessagesBeforePublishing', false) +
    el('IsAnonymousAccessible', false) +
    '<AuthorizationRules/>' +
    el('Status', 'Active') +
    times(t.times) +
    el('SupportOrdering', true) +
    countDetails({active: 0, deadLetter: 0, transferDeadLetter: 0}) +
    el('SubscriptionCount', t.subscriptions.size) +
    el('AutoDeleteOnIdle', FOREVER) +
    el('EnablePartitioning', false) +
    el('IsExpress', false) +
    el('EntityAvailabilityStatus', 'Available') +
    el('EnableExpress', false) +
    el('EnableSubscriptionPartitioning', false) +
    el('MaxMessageSizeInKilobytes', 256) +
    '</TopicDescription>'
  );
}

/** `<SubscriptionDescription>` for a subscription. */
export function subscriptionDescription(s: Entity): string {
  const n = counts(s);
  const o = s.options;
  return (
    `<SubscriptionDescription xmlns="${SB_NS}" xmlns:i="${XSI_NS}">` +
    el('LockDuration', isoDuration(o.lockDurationMs)) +
    el('RequiresSession', o.requiresSession) +
    el('DefaultMessageTimeToLive', FOREVER) +
    el('DeadLetteringOnMessageExpiration', false) +
    el('DeadLetteringOnFilterEvaluationExceptions', true) +
    el('MessageCount', n.total) +
    el('MaxDeliveryCount', o.maxDeliveryCount) +
    el('EnableBatchedOperations', true) +
    el('Status', 'Active') +
    times(s.times) +
    countDetails(n) +
    el('AutoDeleteOnIdle', FOREVER) +
    el('EntityAvailabilityStatus', 'Available') +
    '</SubscriptionDescription>'
  );
}

/** One Atom `<entry>`; `id` is the absolute URL the SDK derives the entity name from. */
export function entry(id: string, title: string, description: string, updated: Date): string {
  return (
    `<entry xmlns="${ATOM_NS}"><id>${xmlEscape(id)}</id><title type="text">${xmlEscape(title)}</title>` +
    `<published>${updated.toISOString()}</published><updated>${updated.toISOString()}</updated>` +
    `<author><name>servicebus-double</name></author><link rel="self" href="${xmlEscape(id)}"/>` +
    `<content type="application/xml">${description}</content></entry>`
  );
}

/** An Atom `<feed>` with a `next` link when more pages exist. */
export function feed(title: string, selfUrl: string, entries: string[], nextUrl?: string): string {
  const next = nextUrl ? `<link rel="next" href="${xmlEscape(nextUrl)}"/>` : '';
  return (
    `<feed xmlns="${ATOM_NS}"><title type="text">${xmlEscape(title)}</title><id>${xmlEscape(selfUrl)}</id>` +
    `<updated>${new Date().toISOString()}</updated><link rel="self" href="${xmlEscape(selfUrl)}"/>${next}` +
    `${entries.map((e) => e.replace(` xmlns="${ATOM_NS}"`, '')).join('')}</feed>`
  );
}

/** The error body Service Bus sends with 4xx/5xx (`<Error><Code/><Detail/></Error>`). */
export function errorBody(code: number, detail: string): string {
  return `<Error><Code>${code}</Code><Detail>${xmlEscape(detail)}</Detail></Error>`;
}

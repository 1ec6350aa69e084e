// The `<entity>/$management` node: peek, renew-lock, update-disposition, receive-by-sequence-number.
import {R, type AmqpMessage} from './rhea-shim.js';
import {lockTokenFromUuid, uuidForLockToken} from './lock-token.js';
import {replies, type Reply} from './amqp-request.js';
import type {Entity} from './entity.js';
import type {SubQueue} from './sub-queue.js';
import type {BrokerMessage} from './message.js';

/** Error text Service Bus uses for a stale or unknown lock token. */
export const LOCK_LOST_DESCRIPTION =
  'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue, ' +
  'or was received by a different receiver instance.';

const lockLost = (): Reply => replies.error(410, 'com.microsoft:message-lock-lost', LOCK_LOST_DESCRIPTION);

/** Service limits the management node applies. */
export interface ManagementLimits {
  /** Most messages one peek returns (Service Bus caps a peek below the asked count; clients page until 204). */
  readonly maxPeekCount: number;
}

/** Dispatches one management request against a sub-queue (undefined when the address is a topic). */
export function handleManagement(entity: Entity | undefined, queue: SubQueue | undefined, request: AmqpMessage, limits: ManagementLimits): Reply {
  const op = String(request.application_properties?.['operation'] ?? '');
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (!entity || !queue) return replies.notImplemented(op);
  switch (op) {
    case 'com.microsoft:peek-message':
      return peek(queue, body, limits.maxPeekCount);
    case 'com.microsoft:renew-lock':
      return renewLock(queue, body);
    case 'com.microsoft:update-disposition':
      return updateDisposition(entity, queue, body);
    case 'com.microsoft:receive-by-sequence-number':
      return receiveBySequence(queue, body);
    default:
      return replies.notImplemented(op);
  }
}

function toNumber(v: unknown): number {
  if (Buffer.isBuffer(v)) return Number(v.readBigInt64BE(0));
  return Number(v);
}

function tokens(body: Record<string, unknown>): string[] {
  const raw = body['lock-tokens'];
  return (Array.isArray(raw) ? raw : []).map(lockTokenFromUuid);
}

// Nothing at or after `from-sequence-number` is 204 No Content without a body: the SDK then returns [].
function peek(queue: SubQueue, body: Record<string, unknown>, maxPeekCount: number): Reply {
  const from = toNumber(body['from-sequence-number'] ?? 1);
  const count = Math.min(toNumber(body['message-count'] ?? 1), maxPeekCount);
  const hits = queue.messages.filter((m) => m.sequenceNumber >= from).slice(0, Math.max(0, count));
  if (hits.length === 0) return replies.noContent();
  return replies.ok({messages: hits.map((m) => ({message: encode(m)}))});
}

function encode(m: BrokerMessage): Buffer {
  return R.message.encode(m.toDelivery(m.lock ? {lockedUntil: m.lock.lockedUntil} : {}));
}

function renewLock(queue: SubQueue, body: Record<string, unknown>): Reply {
  const msgs = tokens(body).map((t) => queue.findLocked(t));
  if (msgs.length === 0 || msgs.some((m) => !m)) return lockLost();
  const expirations = msgs.map((m) => (m ? queue.renew(m).getTime() : 0));
  return replies.ok({expirations: R.types.wrap_array(expirations, 0x83, undefined)});
}

function updateDisposition(entity: Entity, queue: SubQueue, body: Record<string, unknown>): Reply {
  const msgs = tokens(body).map((t) => queue.findLocked(t));
  if (msgs.length === 0 || msgs.some((m) => !m)) return lockLost();
  const status = String(body['disposition-status'] ?? '');
  const props = body['properties-to-modify'] as Record<string, unknown> | undefined;
  for (const m of msgs) {
    if (!m) continue;
    if (status === 'completed') queue.complete(m);
    else if (status === 'abandoned') queue.abandon(m, props);
    else if (status === 'defered') queue.defer(m, props);
    else if (status === 'suspended') {
      const reason = body['deadletter-reason'];
      const description = body['deadletter-description'];
      entity.deadLetterMessage(m, queue, reason === undefined ? undefined : String(reason), description === undefined ? undefined : String(description), props);
    } else {
      return replies.error(400, 'amqp:invalid-field', `unknown disposition-status '${status}'`);
    }
  }
  return replies.ok();
}

function receiveBySequence(queue: SubQueue, body: Record<string, unknown>): Reply {
  const wanted = (Array.isArray(body['sequence-numbers']) ? body['sequence-numbers'] : []).map(toNumber);
  const peekLock = toNumber(body['receiver-settle-mode'] ?? 1) !== 0;
  const found = wanted.map((seq) => queue.messages.find((m) => m.sequenceNumber === seq && m.state === 'deferred'));
  if (found.length === 0 || found.some((m) => !m)) {
    return replies.error(404, 'com.microsoft:message-not-found', 'Failed to lock one or more specified messages.');
  }
  const messages = found.map((m) => {
    if (!m) return {};
    if (!peekLock) {
      queue.remove(m);
      return {message: encode(m)};
    }
    const lock = queue.lock(m);
    return {'lock-token': uuidForLockToken(lock.token), message: encode(m)};
  });
  return replies.ok({messages});
}

// Bounds for @azure/service-bus calls, and which failures mean a lost connection (issue 15).
// Seen against the double behind a cutting proxy (SDK 7.9.5): `receiveMessages` rejects at once on a reset, but
// `renewMessageLock` sends its $management request with no timeout of its own (its 5 s only covers waiting for link
// credit), so a request lost in a cut waits for the 60 s default before "ServiceTimeout"; a send cut off waits for
// `timeoutInMs` per attempt, then the SDK retries it on a new link, where an in-doubt copy becomes a duplicate.
// Hence: every call raced against the timeout here, and the replay's own client with no SDK retries.
import {SourceError} from '../errors.js';

/** A call that did not finish within its bound; its outcome is unknown. */
export class CallTimeout extends SourceError {
  constructor(what: string, ms: number) {
    super('timeout', `${what} did not answer within ${(ms / 1000).toFixed(1)} s (connection lost?)`);
    this.name = 'CallTimeout';
  }
}

/** Resolves as `promise` does, or rejects with a CallTimeout after `ms` (the call itself may still finish later). */
export function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallTimeout(what, ms)), ms);
  });
  // A call that loses the race must not surface later as an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// Broker answers that are definite: the operation did not happen, and doing it again on a new connection will not help.
const DEFINITE = new Set([
  'MessageLockLost',
  'SessionLockLost',
  'QuotaExceeded',
  'MessagingEntityNotFound',
  'MessagingEntityDisabled',
  'MessageSizeExceeded',
  'UnauthorizedAccess',
  'MessageNotFound',
  'SessionCannotBeLocked',
  'MessagingEntityAlreadyExists',
]);

/** True when `error` says the connection failed (reset, closed, timed out), so the outcome of the call is unknown. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof CallTimeout) return true;
  const e = error as {name?: unknown; code?: unknown; message?: unknown; errors?: unknown};
  if (error instanceof AggregateError) return error.errors.length > 0 && isConnectionLoss(error.errors.at(-1));
  const code = typeof e?.code === 'string' ? e.code : '';
  if (DEFINITE.has(code)) return false;
  const name = typeof e?.name === 'string' ? e.name : '';
  if (name === 'AbortError' || name === 'ServiceBusError' || name === 'MessagingError') return true;
  const text = typeof e?.message === 'string' ? e.message : '';
  return /ECONN|EPIPE|socket|connection|disconnected|detached|has been closed|timed? ?out/i.test(`${code} ${text}`);
}

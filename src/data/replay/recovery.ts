// Riding out a lost connection during a replay (issue 15): the port's connection contract, the reconnect loop with
// its attempt budget and backoff, and a ticker that keeps the progress dialog moving while nothing else does.
import type {Clock} from '../clock.js';
import {describeError} from '../errors.js';
import type {ReplayWaiting} from '../sources/types.js';

/** How a port survives a lost connection. A port without one fails the replay on its first error, as before. */
export interface DlqConnection<M> {
  /** Reconnect attempts allowed before the replay stops (counted across losses until a message moves again). */
  readonly retries: number;
  /** The bound on every operation; a call that takes longer is a lost connection. */
  readonly timeoutMs: number;
  /** The first backoff between reconnect attempts; it doubles, at most 5 s. */
  readonly retryDelayMs: number;
  /** True when `error` means the connection failed, not the broker: the operation's outcome is unknown. */
  isLoss(error: unknown): boolean;
  /** Drops the current connection and opens a new one; resolves once the new one answered a request. */
  reconnect(signal: AbortSignal): Promise<void>;
  /** After an uncertain complete: whether the DLQ still holds the original (a peek at its sequence number). */
  stillInDlq(message: M, signal: AbortSignal): Promise<boolean>;
  /** After an uncertain send: whether the target holds the copy; undefined when the port cannot look (a topic). */
  copyAtTarget(copyId: string, signal: AbortSignal): Promise<boolean | undefined>;
}

/** Calls `tick` every second until stopped, so a wait shows its seconds. */
export function ticker(clock: Clock, tick: () => void): {stop(): void} {
  let handle = clock.setTimeout(function again() {
    tick();
    handle = clock.setTimeout(again, 1_000);
  }, 1_000);
  tick();
  return {stop: () => clock.clearTimeout(handle)};
}

/** Runs `fn` while a ticker reports `waiting(waitedMs)` every second. */
export async function whileWaiting<T>(
  clock: Clock,
  report: (w: ReplayWaiting) => void,
  waiting: (waitedMs: number) => ReplayWaiting,
  fn: () => Promise<T>,
): Promise<T> {
  const started = clock.now();
  const tick = ticker(clock, () => report(waiting(clock.now() - started)));
  try {
    return await fn();
  } finally {
    tick.stop();
  }
}

function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const handle = clock.setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', done);
      clock.clearTimeout(handle);
      resolve();
    }
    signal.addEventListener('abort', done, {once: true});
  });
}

/** The reconnect attempts of one replay: a budget shared by consecutive losses, refilled when a message moves. */
export class Reconnector<M> {
  private used = 0;
  readonly losses: number[] = [];

  constructor(
    private readonly conn: DlqConnection<M>,
    private readonly clock: Clock,
    private readonly report: (w: ReplayWaiting) => void,
  ) {}

  get budget(): number {
    return Math.max(1, this.conn.retries);
  }

  /** A message moved: the connection works again, so the next loss gets the whole budget. */
  moved(): void {
    this.used = 0;
  }

  /** Reconnects after `cause`; resolves undefined once connected, or the reason to stop (budget spent, or Esc). */
  async recover(cause: unknown, signal: AbortSignal): Promise<string | undefined> {
    const started = this.clock.now();
    this.losses.push(started);
    let last = describeError(cause);
    while (this.used < this.budget) {
      const attempt = ++this.used;
      const waiting = (waitedMs: number): ReplayWaiting => ({kind: 'reconnecting', attempt, of: this.budget, waitedMs, cause: last});
      try {
        await whileWaiting(
          this.clock,
          this.report,
          () => waiting(this.clock.now() - started),
          async () => {
            if (attempt > 1) await sleep(this.clock, Math.min(5_000, this.conn.retryDelayMs * 2 ** (attempt - 2)), signal);
            if (signal.aborted) throw new Error('stopped by Esc');
            await this.conn.reconnect(AbortSignal.any([signal, AbortSignal.timeout(this.conn.timeoutMs)]));
          },
        );
        return undefined;
      } catch (error) {
        if (signal.aborted) return `stopped by Esc while reconnecting (the connection was lost: ${last})`;
        last = describeError(error);
      }
    }
    const seconds = Math.round((this.clock.now() - started) / 1000);
    return `connection lost; ${this.budget} reconnect attempts failed over ${seconds} s (last: ${last})`;
  }
}

/** What the progress dialog says while a replay waits, e.g. "connection lost — reconnecting (attempt 2/3) · 4 s". */
export function describeWaiting(w: ReplayWaiting): string {
  const waited = `${Math.floor(w.waitedMs / 1000)} s`;
  if (w.kind === 'reconnecting') return `connection lost — reconnecting (attempt ${w.attempt}/${w.of}) · ${waited} · ${w.cause}`;
  if (w.kind === 'resolving') return `reconnected — outcome uncertain: ${w.what} · ${waited}`;
  return `waiting for ${w.count} message${w.count === 1 ? '' : 's'} still locked by the lost connection · ${waited} of up to ${Math.ceil(w.upToMs / 1000)} s`;
}

// The replay loop shared by every backend: peek-lock receive, send a copy, complete only after the send
// was accepted. A copy carries a deterministic id, so a retry after a crash is a detectable duplicate.
// A lost connection (issue 15) does not end the replay: the port reconnects, the message in hand carries on from
// where it was, and an outcome the loss left uncertain (a send or a complete cut off) is looked up before going on.
import {createHash} from 'node:crypto';
import type {Clock} from '../clock.js';
import {describeError} from '../errors.js';
import type {ReplayOutcome, ReplayPlan, ReplayWaiting, RunControl} from '../sources/types.js';
import {Reconnector, whileWaiting, type DlqConnection} from './recovery.js';

export type {DlqConnection} from './recovery.js';

/** A DLQ message held under a peek-lock. */
export interface LockedMessage {
  readonly sequenceNumber: number;
  readonly messageId: string;
  lockedUntil: number;
}

/** The backend operations a replay needs. */
export interface DlqPort<M extends LockedMessage = LockedMessage> {
  /** Receives up to `max` messages from the DLQ in peek-lock mode; empty when none are left. */
  receive(max: number, signal: AbortSignal): Promise<readonly M[]>;
  /** Sends a faithful copy of `message` with id `copyId`; resolves only once the target accepted it. */
  send(message: M, copyId: string, signal: AbortSignal): Promise<void>;
  complete(message: M): Promise<void>;
  abandon(message: M): Promise<void>;
  renewLock(message: M): Promise<void>;
  close(): Promise<void>;
  /** How the port rides out a lost connection; without it the first error ends the replay, as before. */
  readonly connection?: DlqConnection<M>;
}

const MAX_ID = 128;

/** The id a replayed copy carries: original id + DLQ sequence number (Service Bus allows 128 chars). */
export function replayCopyId(messageId: string, sequenceNumber: number): string {
  const id = `${messageId}:${sequenceNumber}`;
  return id.length <= MAX_ID ? id : `replay-${createHash('sha256').update(id).digest('hex')}`;
}

/** Application properties marking a replayed copy, so a duplicate is never silent. */
export function replayMarkers(messageId: string, sequenceNumber: number, entity: string): Record<string, string | number> {
  return {'atp-replay-of': messageId, 'atp-replay-dlq-seq': sequenceNumber, 'atp-replay-from': entity};
}

export interface ReplayEngineOptions {
  readonly clock: Clock;
  /** Renew a lock when less than this is left before sending. */
  readonly renewMarginMs?: number;
  readonly batchSize?: number;
}

/** Where one planned message stands; kept by sequence number, so it survives a reconnect and a second receive. */
interface Track {
  readonly copyId: string;
  sent: 'no' | 'yes' | 'uncertain';
  completeUncertain: boolean;
  /** Times it was given back to be received again after its lock lapsed during a connection loss. */
  requeues: number;
}

/** The connection failed in the middle of a message: reconnect, then carry on with the same message. */
class Lost extends Error {
  constructor(readonly reason: unknown) {
    super('connection lost');
  }
}

// Before the first receive says how long locks last, assume the Service Bus maximum (5 min) is not in play: 60 s.
const DEFAULT_LOCK_MS = 60_000;

/** Replays exactly the plan's messages. Stops on the first refused send, on cancel (after the current message), or
 * when the port's reconnect attempts run out; never completes a DLQ message before its copy was accepted. */
export async function runReplay<M extends LockedMessage>(
  port: DlqPort<M>,
  plan: ReplayPlan,
  run: RunControl,
  options: ReplayEngineOptions,
): Promise<ReplayOutcome> {
  const {clock} = options;
  const wanted = new Set(plan.messages.map((m) => m.sequenceNumber));
  const total = wanted.size;
  const held = new Map<number, M>();
  const tracks = new Map<number, Track>();
  const errors: string[] = [];
  const resolved: string[] = [];
  const sentNotCompleted: string[] = [];
  const pending: M[] = [];
  let replayed = 0;
  let failed = 0;
  let stoppedEarly = false;
  let stopReason: string | undefined;
  let lockMs = 0;
  let waitLocksUntil = 0;
  let waitLocksFrom: number | undefined;
  let current: string | undefined;
  const renewMargin = options.renewMarginMs ?? 10_000;
  const report = (waiting?: ReplayWaiting) => run.progress({kind: 'replay', done: replayed, total, failed, current, ...(waiting ? {waiting} : {})});
  const conn = port.connection;
  const reconnector = conn ? new Reconnector(conn, clock, report) : undefined;
  const isLoss = (error: unknown) => conn?.isLoss(error) === true;
  const receiveSignal = new AbortController();
  // Messages locked by a lost connection (delivered but never seen, or whose lock lapsed) come back when it expires.
  const awaitLocks = () => {
    waitLocksUntil = Math.max(waitLocksUntil, clock.now() + (lockMs || DEFAULT_LOCK_MS) + 1_000);
  };
  const requeue = (t: Track, seq: number): boolean => {
    if (!reconnector || reconnector.losses.length === 0 || t.requeues >= reconnector.budget) return false;
    t.requeues++;
    wanted.add(seq);
    awaitLocks();
    return true;
  };
  const look = <T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    whileWaiting(
      clock,
      report,
      (waitedMs) => ({kind: 'resolving', what, waitedMs}),
      () => fn(AbortSignal.timeout(conn?.timeoutMs ?? 10_000)),
    ).catch((error: unknown) => {
      throw new Lost(error);
    });

  /** One message from where it stands to its end: 'stop' ends the replay (a refused send). */
  const step = async (message: M): Promise<'next' | 'stop'> => {
    const seq = message.sequenceNumber;
    const t = tracks.get(seq) ?? {copyId: replayCopyId(message.messageId, seq), sent: 'no', completeUncertain: false, requeues: 0};
    tracks.set(seq, t);
    current = message.messageId;
    report();
    if (t.sent !== 'yes') {
      try {
        if (message.lockedUntil - clock.now() < renewMargin) await port.renewLock(message);
      } catch (error) {
        if (isLoss(error)) throw new Lost(error);
        if (requeue(t, seq)) return 'next';
        failed++;
        errors.push(`${message.messageId}: lock lost before send, left in the DLQ (${describeError(error)})`);
        return 'next';
      }
      if (t.sent === 'uncertain' && conn) {
        const there = await look(`did copy ${t.copyId} reach the target? looking`, (signal) => conn.copyAtTarget(t.copyId, signal));
        const seen = `${message.messageId}: the send was cut off by the lost connection; looked after reconnecting:`;
        if (there === true) t.sent = 'yes';
        resolved.push(
          there === true
            ? `${seen} copy ${t.copyId} is at the target, not sent again`
            : there === false
              ? `${seen} copy ${t.copyId} is not at the target, sent again`
              : `${seen} the target cannot be looked at (a topic), sent again: a second copy ${t.copyId} is possible (duplicate detection drops it)`,
        );
      }
      if (t.sent !== 'yes') {
        try {
          await port.send(message, t.copyId, run.signal);
          t.sent = 'yes';
        } catch (error) {
          if (isLoss(error)) {
            t.sent = 'uncertain';
            throw new Lost(error);
          }
          failed++;
          errors.push(`${message.messageId}: send refused, left in the DLQ (${describeError(error)})`);
          await safely(() => port.abandon(message));
          return 'stop';
        }
      }
    }
    if (t.completeUncertain && conn) {
      const still = await look(`is ${message.messageId} still in the DLQ? looking`, (signal) => conn.stillInDlq(message, signal));
      t.completeUncertain = false;
      const seen = `${message.messageId}: the complete was cut off by the lost connection; looked after reconnecting:`;
      resolved.push(still ? `${seen} the original was still in the DLQ, completed it again` : `${seen} the original is gone from the DLQ, so it was completed`);
      if (!still) return moved();
    }
    try {
      await port.complete(message);
      return moved();
    } catch (error) {
      if (isLoss(error)) {
        t.completeUncertain = true;
        throw new Lost(error);
      }
      // The copy is confirmed at the target: taken again once the lapsed lock expires, it is completed, not re-sent.
      if (requeue(t, seq)) return 'next';
      failed++;
      sentNotCompleted.push(t.copyId);
      errors.push(`${message.messageId}: copy ${t.copyId} accepted but the DLQ original could not be completed; it stays in the DLQ (${describeError(error)})`);
      report();
      return 'next';
    }
  };
  const moved = (): 'next' => {
    replayed++;
    reconnector?.moved();
    current = undefined;
    report();
    return 'next';
  };
  const recover = async (error: unknown): Promise<boolean> => {
    const reason = reconnector ? await reconnector.recover(error, run.signal) : describeError(error);
    if (reason === undefined) {
      awaitLocks();
      return true;
    }
    stoppedEarly = true;
    stopReason = reason;
    return false;
  };
  // What is left when the replay ends early: back to the DLQ (abandoned now, or when its lock expires).
  // After the connection is given up for lost, abandoning would only wait out one timeout per message: the locks
  // expire on their own and the messages come back in the DLQ.
  const giveBack = async () => {
    for (const message of pending.splice(0)) {
      wanted.add(message.sequenceNumber);
      if (!stopReason) await safely(() => port.abandon(message));
    }
  };

  try {
    report();
    for (;;) {
      if (run.signal.aborted) {
        stoppedEarly = wanted.size > 0 || pending.length > 0;
        break;
      }
      const message = pending[0];
      if (!message) {
        if (wanted.size === 0) break;
        let batch: readonly M[];
        try {
          batch = await port.receive(Math.min(options.batchSize ?? 10, wanted.size + held.size + 10), receiveSignal.signal);
        } catch (error) {
          if (!isLoss(error)) throw error;
          if (await recover(error)) continue;
          break;
        }
        const now = clock.now();
        for (const m of batch) lockMs = Math.max(lockMs, m.lockedUntil - now);
        const fresh = batch.filter((m) => !held.has(m.sequenceNumber));
        if (fresh.length === 0) {
          if (now >= waitLocksUntil) break;
          waitLocksFrom ??= now;
          report({kind: 'locks', count: wanted.size, waitedMs: now - waitLocksFrom, upToMs: waitLocksUntil - waitLocksFrom});
          continue;
        }
        waitLocksFrom = undefined;
        for (const m of fresh) {
          // Not in the dry run: hold it locked so the receive moves on; it is abandoned at the end.
          if (!wanted.delete(m.sequenceNumber)) held.set(m.sequenceNumber, m);
          else pending.push(m);
        }
        continue;
      }
      try {
        const next = await step(message);
        pending.shift();
        if (next === 'stop') {
          stoppedEarly = wanted.size > 0 || pending.length > 0;
          break;
        }
      } catch (error) {
        if (!(error instanceof Lost)) throw error;
        if (!(await recover(error.reason))) break;
      }
    }
  } finally {
    await giveBack();
    if (!stopReason) for (const message of held.values()) await safely(() => port.abandon(message));
    receiveSignal.abort();
    await safely(() => port.close());
  }
  for (const [seq, t] of tracks) {
    if (!wanted.has(seq) && !t.completeUncertain) continue;
    if (t.sent === 'uncertain')
      errors.push(
        `${t.copyId}: the send was cut off by the lost connection and could not be checked: the copy may be at the target; the original stays in the DLQ`,
      );
    if (t.sent === 'yes' && (t.completeUncertain || t.requeues > 0)) {
      wanted.delete(seq);
      failed++;
      sentNotCompleted.push(t.copyId);
      const complete = t.completeUncertain ? 'was cut off by the lost connection and could not be checked' : 'waits for a lock the lost connection still holds';
      errors.push(`${t.copyId}: copy accepted; the complete ${complete}: the original may still be in the DLQ`);
    }
  }
  if (stopReason) errors.unshift(stopReason);
  current = undefined;
  report();
  return {
    replayed,
    failed,
    skipped: wanted.size,
    stoppedEarly,
    errors,
    sentNotCompleted,
    ...(resolved.length ? {resolved} : {}),
    ...(stopReason ? {stopReason} : {}),
  };
}

async function safely(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // Abandon and close are best effort: an unreleased lock simply expires and the message stays in the DLQ.
  }
}

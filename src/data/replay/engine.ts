// The replay loop shared by every backend: peek-lock receive, send a copy, complete only after the send
// was accepted. A copy carries a deterministic id, so a retry after a crash is a detectable duplicate.
import {createHash} from 'node:crypto';
import type {Clock} from '../clock.js';
import {describeError} from '../errors.js';
import type {ReplayOutcome, ReplayPlan, RunControl} from '../sources/types.js';

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

/** Replays exactly the plan's messages. Stops on the first refused send or on cancel (after the current message). */
export async function runReplay<M extends LockedMessage>(
  port: DlqPort<M>,
  plan: ReplayPlan,
  run: RunControl,
  options: ReplayEngineOptions,
): Promise<ReplayOutcome> {
  const wanted = new Set(plan.messages.map((m) => m.sequenceNumber));
  const total = wanted.size;
  const held = new Map<number, M>();
  const errors: string[] = [];
  const sentNotCompleted: string[] = [];
  let replayed = 0;
  let failed = 0;
  let stoppedEarly = false;
  const renewMargin = options.renewMarginMs ?? 10_000;
  const report = (current?: string) => run.progress({kind: 'replay', done: replayed, total, failed, current});
  const receiveSignal = new AbortController();
  try {
    report();
    outer: while (wanted.size > 0) {
      if (run.signal.aborted) {
        stoppedEarly = true;
        break;
      }
      const batch = await port.receive(Math.min(options.batchSize ?? 10, wanted.size + held.size + 10), receiveSignal.signal);
      if (batch.length === 0) break;
      const fresh = batch.filter((m) => !held.has(m.sequenceNumber));
      if (fresh.length === 0) break;
      for (const [index, message] of fresh.entries()) {
        if (!wanted.has(message.sequenceNumber)) {
          // Not in the dry run: hold it locked so the receive moves on; it is abandoned at the end.
          held.set(message.sequenceNumber, message);
          continue;
        }
        if (run.signal.aborted) {
          stoppedEarly = true;
          await safely(() => port.abandon(message));
          continue;
        }
        wanted.delete(message.sequenceNumber);
        const copyId = replayCopyId(message.messageId, message.sequenceNumber);
        report(message.messageId);
        try {
          if (message.lockedUntil - options.clock.now() < renewMargin) await port.renewLock(message);
        } catch (error) {
          failed++;
          errors.push(`${message.messageId}: lock lost before send, left in the DLQ (${describeError(error)})`);
          continue;
        }
        try {
          await port.send(message, copyId, run.signal);
        } catch (error) {
          failed++;
          errors.push(`${message.messageId}: send refused, left in the DLQ (${describeError(error)})`);
          await safely(() => port.abandon(message));
          stoppedEarly = wanted.size > 0;
          for (const rest of fresh.slice(index + 1)) await safely(() => port.abandon(rest));
          break outer;
        }
        try {
          await port.complete(message);
          replayed++;
        } catch (error) {
          failed++;
          sentNotCompleted.push(copyId);
          errors.push(`${message.messageId}: copy ${copyId} accepted but the DLQ original could not be completed; it stays in the DLQ (${describeError(error)})`);
        }
        report();
      }
    }
  } finally {
    for (const message of held.values()) await safely(() => port.abandon(message));
    receiveSignal.abort();
    await safely(() => port.close());
  }
  report();
  return {replayed, failed, skipped: wanted.size, stoppedEarly, errors, sentNotCompleted};
}

async function safely(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // Abandon and close are best effort: an unreleased lock simply expires and the message stays in the DLQ.
  }
}

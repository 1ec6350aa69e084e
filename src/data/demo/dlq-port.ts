// The demo's Service Bus stand-in for replays: peek-lock, send, complete, with injectable faults.
import {randomUUID} from 'node:crypto';
import type {DlqPort, LockedMessage} from '../replay/engine.js';
import type {ReplayTarget} from '../sources/types.js';
import type {DemoWorld} from './world.js';

const LOCK_MS = 30_000;

/** Faults a test can inject into demo replays (1-based counters). */
export interface DemoReplayFaults {
  /** The target refuses this send. */
  refuseSend?: number;
  /** The lock of the message being completed is lost at this completion. */
  loseLockAtComplete?: number;
  /** After this send is accepted, the replay hangs forever (a crash before complete). */
  hangAfterSend?: number;
}

interface DemoLocked extends LockedMessage {
  readonly lockToken: string;
}

function lockLost(): Error {
  return Object.assign(new Error('MessageLockLost: the lock supplied is invalid; it expired or the message was already removed'), {code: 'MessageLockLost'});
}

export class DemoDlqPort implements DlqPort<DemoLocked> {
  private sends = 0;
  private completes = 0;

  constructor(
    private readonly world: DemoWorld,
    private readonly entity: string,
    private readonly target: ReplayTarget,
    private readonly faults: DemoReplayFaults = {},
  ) {}

  private source() {
    const sim = this.world.entity(this.entity);
    if (!sim) throw new Error(`no such entity: ${this.entity}`);
    return sim;
  }

  async receive(max: number): Promise<readonly DemoLocked[]> {
    this.world.advance();
    const now = this.world.now;
    const out: DemoLocked[] = [];
    for (const m of this.source().messages) {
      if (out.length >= max) break;
      if (m.lockedUntil !== undefined && m.lockedUntil > now) continue;
      m.lockedUntil = now + LOCK_MS;
      m.lockToken = randomUUID();
      out.push({sequenceNumber: m.sequenceNumber, messageId: m.messageId, lockedUntil: m.lockedUntil, lockToken: m.lockToken});
    }
    return out;
  }

  async send(_message: DemoLocked, copyId: string): Promise<void> {
    this.sends++;
    if (this.faults.refuseSend === this.sends) throw new Error(`target ${this.target.entity} refused the send (QuotaExceeded)`);
    for (const path of this.target.reaches) this.world.entity(path)?.accept(copyId);
    if (this.faults.hangAfterSend === this.sends) await new Promise<never>(() => undefined);
  }

  async complete(message: DemoLocked): Promise<void> {
    this.completes++;
    const held = this.held(message);
    if (this.faults.loseLockAtComplete === this.completes) held.lockedUntil = this.world.now - 1;
    if (held.lockedUntil === undefined || held.lockedUntil <= this.world.now) throw lockLost();
    this.source().remove(message.sequenceNumber);
    this.world.touch();
  }

  async abandon(message: DemoLocked): Promise<void> {
    const held = this.source().messages.find((m) => m.sequenceNumber === message.sequenceNumber);
    if (held?.lockToken === message.lockToken) held.lockedUntil = undefined;
  }

  async renewLock(message: DemoLocked): Promise<void> {
    const held = this.held(message);
    if (held.lockedUntil === undefined || held.lockedUntil <= this.world.now) throw lockLost();
    held.lockedUntil = this.world.now + LOCK_MS;
    message.lockedUntil = held.lockedUntil;
  }

  async close(): Promise<void> {}

  private held(message: DemoLocked) {
    this.world.advance();
    const held = this.source().messages.find((m) => m.sequenceNumber === message.sequenceNumber);
    if (!held || held.lockToken !== message.lockToken) throw lockLost();
    return held;
  }
}

// One Service Bus entity: its dead-lettered messages, active backlog, and copies replayed into it.
import {hash, prng, unit, wobbleH} from './random.js';
import {trendSeries} from './series.js';
import type {DemoEntity} from './topology.js';

/** A dead-lettered message as the demo stores it (raw, possibly hostile, text). */
export interface DemoMessage {
  readonly sequenceNumber: number;
  readonly messageId: string;
  readonly reason: string;
  readonly description: string;
  readonly deliveryCount: number;
  readonly enqueuedAt: number;
  readonly contentType: string;
  readonly correlationId: string;
  readonly subject: string;
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  readonly body: string;
  lockedUntil?: number;
  lockToken?: string;
}

const CALM_REASONS = ['DeliveryCountExceeded', 'TTLExpiredException', 'MessageLockLostException', 'UnauthorizedException', 'SerializationException'];
const TENANTS = ['acme-corp', 'contoso', 'fabrikam', 'northwind', 'tailspin'];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  DeliveryCountExceeded: 'Message could not be consumed after 10 delivery attempts.',
  TTLExpiredException: 'The message expired and was dead lettered.',
  MessageLockLostException: 'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
  UnauthorizedException: "Unauthorized access. 'Listen' claim(s) are required to perform this operation.",
  SerializationException: "Unknown schema version 3 for 'AuditRecordAppended'; expected 1 or 2.",
};

export class DlqSim {
  readonly messages: DemoMessage[] = [];
  active = 0;
  /** Copies accepted by this entity (as a replay target), by message id: duplicates are detected. */
  readonly received = new Map<string, number>();
  /** Messages the consumer processed from replays. */
  consumed = 0;
  readonly series = trendSeries();
  private nextSeq = 1;
  private owed = 0;
  private readonly random;
  private readonly activeKey: number;

  constructor(
    readonly def: DemoEntity,
    private readonly seed: number,
    start: number,
  ) {
    this.random = prng(seed ^ (unit(seed, def.entity, 0) * 1e9));
    this.activeKey = hash(`${def.entity}:active`);
    // Oldest first, so sequence numbers follow enqueue time as on Service Bus.
    const count = def.base;
    let t = start - count * 9_000_000;
    for (let i = 0; i < count; i++) {
      t += 3_600_000 + this.random() * 10_800_000;
      this.add(Math.min(t, start - 600_000), CALM_REASONS[Math.floor(this.random() * CALM_REASONS.length)] ?? 'DeliveryCountExceeded');
    }
    if (def.entity === 'webhook-delivery') this.addHostile(start - 300_000);
  }

  get depth(): number {
    return this.messages.length;
  }

  step(t: number, dtMs: number, inflowPerMinute: number, reason: string, activeTarget: number): void {
    this.owed += (inflowPerMinute * dtMs) / 60_000;
    while (this.owed >= 1) {
      this.owed -= 1;
      this.add(t - Math.floor(this.random() * dtMs), reason);
    }
    const wob = wobbleH(this.seed, this.activeKey, t, 30_000);
    this.active = Math.max(0, Math.round(activeTarget + 8 + 6 * wob));
    this.series.offer(t, this.messages.length);
  }

  /** Adds a dead letter with `reason` enqueued at `t`. */
  add(t: number, reason: string): DemoMessage {
    const seq = this.nextSeq++;
    const tenant = TENANTS[Math.floor(this.random() * TENANTS.length)] ?? 'acme-corp';
    const id = uuid(this.random);
    const message: DemoMessage = {
      sequenceNumber: seq,
      messageId: id,
      reason,
      description: DESCRIPTIONS[reason] ?? 'Dead-lettered by the consumer.',
      deliveryCount: reason === 'DeliveryCountExceeded' ? 10 : 1 + Math.floor(this.random() * 3),
      enqueuedAt: t,
      contentType: 'application/json',
      correlationId: uuid(this.random),
      subject: this.def.topic ?? this.def.entity,
      properties: {tenantId: tenant, schemaVersion: reason === 'SerializationException' ? 3 : 2, source: this.def.consumer},
      body: JSON.stringify({
        eventId: id,
        tenantId: tenant,
        action: 'record.appended',
        actor: `user-${seq}`,
        schemaVersion: reason === 'SerializationException' ? 3 : 2,
      }),
    };
    this.messages.push(message);
    return message;
  }

  /** Removes a message after its copy was accepted elsewhere (complete). */
  remove(sequenceNumber: number): boolean {
    const index = this.messages.findIndex((m) => m.sequenceNumber === sequenceNumber);
    if (index < 0) return false;
    this.messages.splice(index, 1);
    return true;
  }

  /** Accepts a replayed copy; a repeated id is a detected duplicate and is not delivered twice. */
  accept(messageId: string): 'accepted' | 'duplicate' {
    const seen = this.received.get(messageId) ?? 0;
    this.received.set(messageId, seen + 1);
    if (seen > 0) return 'duplicate';
    this.consumed++;
    return 'accepted';
  }

  growthPerMinute(t: number): number {
    const past = this.series.at(t - 5 * 60_000);
    const latest = this.series.latest();
    if (!past || !latest || latest.t === past.t) return 0;
    return ((latest.v - past.v) * 60_000) / (latest.t - past.t);
  }

  reasons(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const m of this.messages) counts[m.reason] = (counts[m.reason] ?? 0) + 1;
    return counts;
  }

  /** A webhook payload an attacker controls: it tries to retitle the window and clear the screen. */
  private addHostile(t: number): void {
    const m = this.add(t, 'DeliveryCountExceeded');
    const hostile: DemoMessage = {
      ...m,
      description: 'Webhook 500 from \u001b]0;pwned\u0007tenant endpoint\u001b[2J\u001b[H',
      properties: {...m.properties, 'x-callback': '\u001b]52;c;cm0gLXJmIH4=\u0007https://hooks.example.com', 'x-note': '\u202eevil\u202c'},
      body: '{"event":"\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007","note":"\u001b[31mred\u001bc"}',
    };
    this.messages[this.messages.length - 1] = hostile;
  }
}

const HEX = '0123456789abcdef';

function uuid(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += HEX[Math.floor(random() * 16)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

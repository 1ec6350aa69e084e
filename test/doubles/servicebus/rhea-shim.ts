// Typed access to the parts of rhea (a CJS module with loose typings) that the double needs.
import rhea from 'rhea';
import type {Connection, Delivery, Receiver, Sender, Message} from 'rhea';

export type {Connection, Delivery, Receiver, Sender, Message};

/** A decoded AMQP message as rhea represents it (header/properties fields, sections, body). */
export type AmqpMessage = Record<string, unknown> & {
  body?: unknown;
  application_properties?: Record<string, unknown>;
  message_annotations?: Record<string, unknown>;
};

/** AMQP error as carried in detach/close frames and rejected outcomes. */
export interface AmqpErrorLike {
  condition: string;
  description?: string;
  info?: Record<string, unknown>;
}

interface Outcome {
  described(): unknown;
}
interface RheaInternals {
  message: {
    encode(msg: unknown): Buffer;
    decode(buf: Buffer): AmqpMessage;
    data_section(data: Buffer): unknown;
    accepted(): Outcome;
    rejected(fields: {error: AmqpErrorLike}): Outcome;
  };
  types: {
    wrap_long(n: number): unknown;
    wrap_int(n: number): unknown;
    wrap_array(values: unknown[], code: number, descriptor?: unknown): unknown;
  };
  string_to_uuid(s: string): Buffer;
  uuid_to_string(b: Buffer): string;
}

/** The rhea module with internals typed. */
export const R = rhea as unknown as RheaInternals & typeof rhea;

/** Link fields rhea keeps but does not type (credit, local/remote attach frames). */
export interface LinkInternals {
  credit: number;
  local: {attach: Record<string, unknown>};
  remote: {attach?: Record<string, unknown>};
}

/** Internal view of a link. */
export function internals(link: Sender | Receiver): LinkInternals {
  return link as unknown as LinkInternals;
}

/**
 * True once rhea has put a delivery on the wire. `sender.send()` only queues it on the session; rhea transfers it
 * (and only then takes one from the link credit) when the session is processed, as credit and window allow.
 */
export function isTransferred(delivery: Delivery): boolean {
  const d = delivery as unknown as {id: number; link: {session: {outgoing: {next_pending_delivery: number}}}};
  return d.id < d.link.session.outgoing.next_pending_delivery;
}

/** Encodes an accepted outcome for `delivery.update(true, ...)`. */
export function acceptedOutcome(): unknown {
  return R.message.accepted().described();
}

/** Encodes a rejected outcome carrying an AMQP error. */
export function rejectedOutcome(error: AmqpErrorLike): unknown {
  return R.message.rejected({error}).described();
}

/** The socket operations the double uses. */
export interface SocketLike {
  destroy(): void;
  write(b: Buffer, cb: () => void): void;
  once(event: 'close', cb: () => void): void;
  readonly destroyed: boolean;
}

/** Socket behind a rhea connection (undefined once disconnected). */
export function socketOf(conn: Connection): SocketLike | undefined {
  return (conn as unknown as {socket?: SocketLike}).socket;
}

/** Sends a plain message object (rhea's `Message` type wants methods the encoder never uses). */
export function sendMessage(sender: Sender, msg: AmqpMessage, tag?: Buffer): Delivery {
  return sender.send(msg as unknown as Message, tag);
}

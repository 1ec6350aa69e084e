// A client sender link: unpacks single and batched transfers, applies send faults, stores messages.
import type {EventContext} from 'rhea';
import {R, type AmqpMessage, type Receiver} from './rhea-shim.js';
import type {Faults} from './faults.js';
import type {Namespace, SendTarget} from './namespace.js';

/** Message format of a Service Bus batch: body = data sections, each an encoded message. */
export const BATCH_FORMAT = 0x80013700;

/** Messages carried by one transfer (one for format 0, n for a batch). */
export function unpackTransfer(payload: unknown, format: number | undefined): AmqpMessage[] {
  if (format !== BATCH_FORMAT) return [clean(payload as AmqpMessage)];
  const envelope = R.message.decode(payload as Buffer);
  const body = envelope.body as {content?: Buffer | Buffer[]} | undefined;
  const parts = body?.content === undefined ? [] : Array.isArray(body.content) ? body.content : [body.content];
  return parts.map((b) => clean(R.message.decode(b)));
}

function clean(m: AmqpMessage): AmqpMessage {
  const out: AmqpMessage = {...m};
  delete out['delivery_annotations'];
  delete out['delivery_count'];
  return out;
}

/** Wiring for one sender link into a queue or topic. */
export interface SendLinkOptions {
  readonly receiver: Receiver;
  readonly target: SendTarget;
  readonly targetKey: string;
  readonly namespace: Namespace;
  readonly faults: Faults;
  readonly dropConnection: () => void;
  readonly isDropping: () => boolean;
}

/** Handles transfers on a sender link: reject, or store and accept (optionally dropping the connection). */
export function attachSendLink(o: SendLinkOptions): void {
  o.receiver.on('message', (ctx: EventContext & {format?: number}) => {
    const delivery = ctx.delivery;
    if (!delivery || o.isDropping()) return;
    const decision = o.faults.onSend(o.targetKey);
    if (decision.kind === 'reject') {
      o.target.rejectedSendCount++;
      delivery.reject(decision.error);
      return;
    }
    for (const m of unpackTransfer(ctx.message, ctx.format)) o.namespace.publish(o.target, m);
    if (decision.kind === 'store-then-drop') {
      o.dropConnection();
      return;
    }
    delivery.accept();
    if (decision.kind === 'accept-then-drop') o.dropConnection();
  });
}

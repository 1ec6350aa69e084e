// Request/response plumbing shared by $cbs and $management: reply links, status codes, the CBS node.
import {sendMessage, type AmqpMessage, type Sender} from './rhea-shim.js';
import {checkSasToken, type SasKey} from './sas.js';
import {normalizePath} from './paths.js';

/** A response to a request message. */
export interface Reply {
  readonly status: number;
  readonly description?: string;
  /** AMQP error condition for failures (`com.microsoft:message-lock-lost`, ...). */
  readonly condition?: string;
  readonly body?: unknown;
}

/** Application-property names a node puts its status under. */
export interface StatusNames {
  readonly code: string;
  readonly description: string;
  readonly condition: string;
}

/** `$cbs` answers in the AMQP CBS draft's spelling (`@azure/core-amqp` cbs.js reads `status-code`). */
export const CBS_STATUS: StatusNames = {code: 'status-code', description: 'status-description', condition: 'error-condition'};

/**
 * An entity's `$management` node answers with `statusCode` / `statusDescription` / `errorCondition` (Service Bus
 * AMQP request-response reference). The SDK's peek tests `application_properties.statusCode !== 204` itself, so a
 * 204 under any other name makes it read the (absent) body.
 */
export const MANAGEMENT_STATUS: StatusNames = {code: 'statusCode', description: 'statusDescription', condition: 'errorCondition'};

/** Per-connection state: reply links by reply-to address, and audiences authorized via $cbs. */
export class ConnectionState {
  readonly replyLinks = new Map<string, Sender>();
  readonly authorized = new Set<string>();
  /** Run when the connection goes away (detach consumers from their sub-queues). */
  readonly cleanups: Array<() => void> = [];
  /** Set when a fault is dropping this connection: nothing more is delivered or stored. */
  dropping = false;

  /** `encrypted`: the connection came over TLS (amqps). */
  constructor(readonly encrypted = false) {}

  runCleanups(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.replyLinks.clear();
  }

  /** True when a put-token covered `address` (same path or a parent path). */
  isAuthorized(address: string): boolean {
    const p = normalizePath(address);
    for (const a of this.authorized) if (a === '' || p === a || p.startsWith(`${a}/`)) return true;
    return false;
  }

  /** Sends `reply` for `request` on the link whose target is the request's reply-to address. */
  respond(request: AmqpMessage, reply: Reply, names: StatusNames): void {
    const link = this.replyLinks.get(String(request['reply_to']));
    if (!link) return;
    const props: Record<string, unknown> = {[names.code]: reply.status};
    if (reply.description !== undefined) props[names.description] = reply.description;
    if (reply.condition !== undefined) props[names.condition] = reply.condition;
    const response: AmqpMessage = {correlation_id: request['message_id'], application_properties: props};
    if (reply.body !== undefined) response.body = reply.body;
    sendMessage(link, response);
  }
}

/** Helpers for common replies. */
export const replies = {
  ok: (body?: unknown): Reply => (body === undefined ? {status: 200, description: 'OK'} : {status: 200, description: 'OK', body}),
  noContent: (): Reply => ({status: 204, description: 'No Content'}),
  error: (status: number, condition: string, description: string): Reply => ({status, condition, description}),
  notImplemented: (op: string): Reply => ({
    status: 501,
    condition: 'amqp:not-implemented',
    description: `The Service Bus double does not implement '${op}'.`,
  }),
};

/** How `$cbs` checks tokens: SAS tokens signed with `sas`, or exactly `bearer` as a `jwt`; with neither, anything. */
export interface CbsAuth {
  readonly sas: SasKey | undefined;
  /** Entra ID mode: the one token accepted, and only as type `jwt` (SAS tokens are refused). */
  readonly bearer: string | undefined;
}

// Why a put-token is refused, or undefined when it is accepted.
function refusal(type: string, token: string, audience: string, auth: CbsAuth): string | undefined {
  if (auth.bearer !== undefined) {
    if (type !== 'jwt') return `InvalidToken: expected an Entra ID token of type 'jwt', got '${type}'`;
    return token === auth.bearer ? undefined : 'InvalidToken: the jwt is not valid for this namespace';
  }
  if (!auth.sas || type !== 'servicebus.windows.net:sastoken') return undefined;
  const why = checkSasToken(token, auth.sas, audience);
  return why && `InvalidSignature: ${why}`;
}

/** Handles one `$cbs` put-token request. */
export function handleCbs(state: ConnectionState, request: AmqpMessage, auth: CbsAuth): Reply {
  const props = request.application_properties ?? {};
  if (props['operation'] !== 'put-token') return replies.error(400, 'amqp:not-implemented', 'unsupported cbs operation');
  const audience = String(props['name'] ?? '');
  const why = refusal(String(props['type'] ?? ''), String(request.body ?? ''), audience, auth);
  if (why) return replies.error(401, 'amqp:unauthorized-access', why);
  state.authorized.add(normalizePath(audience));
  return {status: 202, description: 'Accepted'};
}

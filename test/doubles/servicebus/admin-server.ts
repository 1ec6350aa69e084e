// HTTPS Atom endpoint answering ServiceBusAdministrationClient list/get (runtime) properties calls.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {entry, errorBody, feed, queueDescription, subscriptionDescription, topicDescription} from './admin-atom.js';
import {checkSasToken, type SasKey} from './sas.js';
import type {Namespace} from './namespace.js';
import type {Entity, Topic} from './entity.js';

/** One admin request as the double saw it. */
export interface AdminRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** `sas` (signature verified), `bearer` (checked in Entra ID mode, else accepted unverified), or `none`. */
  readonly auth: 'sas' | 'bearer' | 'none';
  readonly status: number;
}

/** Largest page Service Bus returns for `$top`. */
export const MAX_PAGE = 100;
const API_VERSION = '2021-05';

/** How admin requests authenticate: SAS signed with `sas`, or (Entra ID mode) exactly `Bearer <bearer>`. */
export interface AdminAuth {
  readonly sas: SasKey | undefined;
  readonly bearer?: string;
}

/** Builds the HTTP request handler for the admin double. */
export function createAdminHandler(ns: Namespace, {sas, bearer}: AdminAuth, log: AdminRequestRecord[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const host = req.headers.host ?? '127.0.0.1';
    const url = new URL(req.url ?? '/', `https://${host}`);
    const query = Object.fromEntries(url.searchParams.entries());
    const record = (status: number, auth: AdminRequestRecord['auth']): void => {
      log.push({method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query, auth, status});
    };
    const send = (status: number, body: string, auth: AdminRequestRecord['auth']): void => {
      record(status, auth);
      res.writeHead(status, {'content-type': 'application/atom+xml;type=feed;charset=utf-8'});
      res.end(body);
    };
    const header = String(req.headers.authorization ?? '');
    const auth = header.startsWith('SharedAccessSignature ') ? 'sas' : header.startsWith('Bearer ') ? 'bearer' : 'none';
    if (auth === 'none' && (sas || bearer !== undefined)) {
      return send(401, errorBody(401, 'MissingToken: The authorization header was not found.'), 'none');
    }
    if (bearer !== undefined && header !== `Bearer ${bearer}`) {
      return send(401, errorBody(401, 'InvalidToken: the bearer token is not valid for this namespace. TrackingId:servicebus-double'), auth);
    }
    const why = auth === 'sas' && sas ? checkSasToken(header, sas, url.href) : undefined;
    if (why) return send(401, errorBody(401, `InvalidSignature: ${why}. TrackingId:servicebus-double`), 'sas');
    if (req.method !== 'GET') {
      return send(405, errorBody(405, `The Service Bus double only serves GET (got ${req.method}).`), auth);
    }
    const base = `https://${host}`;
    const body = route(ns, base, decodeURIComponent(url.pathname), url.searchParams);
    send(200, body, auth);
  };
}

function entityUrl(base: string, path: string): string {
  return `${base}/${path}?api-version=${API_VERSION}`;
}

function page<T>(items: T[], params: URLSearchParams): {slice: T[]; skip: number; top: number; more: boolean} {
  const skip = Math.max(0, Number(params.get('$skip') ?? 0) || 0);
  const top = Math.min(MAX_PAGE, Math.max(1, Number(params.get('$top') ?? MAX_PAGE) || MAX_PAGE));
  const slice = items.slice(skip, skip + top);
  return {slice, skip, top, more: skip + slice.length < items.length};
}

function pagedFeed<T>(title: string, base: string, path: string, items: T[], params: URLSearchParams, toEntry: (item: T) => string): string {
  const p = page(items, params);
  const self = `${base}/${path}?api-version=${API_VERSION}`;
  const next = p.more ? `${base}/${path}?%24skip=${p.skip + p.slice.length}&%24top=${p.top}&api-version=${API_VERSION}` : undefined;
  return feed(title, self, p.slice.map(toEntry), next);
}

const queueEntry =
  (base: string) =>
  (q: Entity): string =>
    entry(entityUrl(base, q.path), q.path, queueDescription(q), q.times.updatedAt);
const topicEntry =
  (base: string) =>
  (t: Topic): string =>
    entry(entityUrl(base, t.path), t.path, topicDescription(t), t.times.updatedAt);
const subEntry =
  (base: string) =>
  (s: Entity): string =>
    entry(entityUrl(base, s.path), s.name, subscriptionDescription(s), s.times.updatedAt);

// Unknown entities get Service Bus's quirky answer: 200 with an empty feed.
function route(ns: Namespace, base: string, pathname: string, params: URLSearchParams): string {
  const path = pathname.replace(/^\/+|\/+$/g, '');
  const lower = path.toLowerCase();
  const empty = feed('Publicly Listed Services', `${base}/${path}?api-version=${API_VERSION}`, []);
  if (lower === '$resources/queues') return pagedFeed('Queues', base, '$Resources/Queues', ns.queues(), params, queueEntry(base));
  if (lower === '$resources/topics') return pagedFeed('Topics', base, '$Resources/Topics', ns.topics(), params, topicEntry(base));
  const subs = /^(.+)\/subscriptions$/i.exec(path);
  if (subs) {
    const topic = ns.topics().find((t) => t.path.toLowerCase() === (subs[1] ?? '').toLowerCase());
    if (!topic) return empty;
    return pagedFeed('Subscriptions', base, `${topic.path}/Subscriptions`, ns.subscriptions(topic), params, subEntry(base));
  }
  const sub = /^(.+)\/subscriptions\/([^/]+)$/i.exec(path);
  if (sub) {
    const s = ns.findEntity(`${(sub[1] ?? '').toLowerCase()}/subscriptions/${(sub[2] ?? '').toLowerCase()}`);
    return s ? subEntry(base)(s) : empty;
  }
  const queue = ns.queues().find((q) => q.path.toLowerCase() === lower);
  if (queue) return queueEntry(base)(queue);
  const topic = ns.topics().find((t) => t.path.toLowerCase() === lower);
  if (topic) return topicEntry(base)(topic);
  return empty;
}

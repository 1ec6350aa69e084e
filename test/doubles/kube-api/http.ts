// The HTTP layer: request recording, faults, discovery routes and JSON/Status responses.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {handleResource} from './api.js';
import type {Clock} from './clock.js';
import {AGGREGATED_V2, aggregatedList, coreVersions, groupDoc, groupList, resourceList, VERSION_INFO, wantsAggregated} from './discovery.js';
import {ApiError, statusObject} from './errors.js';
import type {Faults} from './faults.js';
import {isLogRequest, type PodLogs} from './logs.js';
import {openapiGroupVersion, openapiIndex} from './openapi.js';
import {parseResourcePath} from './router.js';
import type {Store} from './store.js';
import type {RecordedRequest} from './types.js';
import type {WatchHub} from './watch.js';

/** What the HTTP layer needs from the rest of the double. */
export interface HttpDeps {
  store: Store;
  clock: Clock;
  watches: WatchHub;
  faults: Faults;
  requests: RecordedRequest[];
  logs: PodLogs;
  /** "127.0.0.1:port", advertised in /api. */
  address: () => string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', pretty = false): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body, null, pretty ? 2 : undefined)}\n`;
  res.writeHead(status, {'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

function discovery(deps: HttpDeps, rec: RecordedRequest): {body: unknown; contentType?: string} | undefined {
  const p = rec.path.replace(/\/+$/, '') || '/';
  const aggregated = wantsAggregated(rec.accept);
  if (p === '/version') return {body: VERSION_INFO};
  if (p === '/healthz' || p === '/livez' || p === '/readyz') return {body: 'ok', contentType: 'text/plain; charset=utf-8'};
  if (p === '/api') return aggregated ? {body: aggregatedList(true), contentType: AGGREGATED_V2} : {body: coreVersions(deps.address())};
  if (p === '/openapi/v3') return {body: openapiIndex()};
  if (p.startsWith('/openapi/v3/')) return wrap(openapiGroupVersion(p));
  if (p === '/apis') return aggregated ? {body: aggregatedList(false), contentType: AGGREGATED_V2} : {body: groupList()};
  const segs = p.split('/').slice(1);
  if (segs[0] === 'api' && segs.length === 2) return wrap(resourceList('', segs[1]!));
  if (segs[0] === 'apis' && segs.length === 2) return wrap(groupDoc(segs[1]!));
  if (segs[0] === 'apis' && segs.length === 3) return wrap(resourceList(segs[1]!, segs[2]!));
  return undefined;
}

function wrap(body: unknown): {body: unknown} | undefined {
  return body === undefined ? undefined : {body};
}

async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://double.invalid');
  const raw = await readBody(req);
  let body: unknown;
  if (raw !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
  }
  const rec: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(req.headers['content-type'] ? {contentType: req.headers['content-type']} : {}),
    ...(req.headers.accept ? {accept: req.headers.accept} : {}),
    ...(req.headers['user-agent'] ? {userAgent: req.headers['user-agent']} : {}),
    ...(raw !== '' ? {body, rawBody: raw} : {}),
    at: Date.now(),
  };
  deps.requests.push(rec);
  const fault = deps.faults.take(rec, res);
  if (fault?.action === 'hang') return;
  if (fault) return send(res, fault.status, statusObject(fault.status, 'InternalError', 'Internal error occurred: injected fault (kube-api double)'));

  if ((rec.contentType ?? '').includes('protobuf') || (rec.contentType ?? '').includes('cbor')) {
    const types = [
      'application/json',
      'application/yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ];
    const msg = `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}`;
    return send(res, 415, statusObject(415, 'UnsupportedMediaType', msg));
  }
  const pretty = rec.query['pretty'] === 'true';
  try {
    const doc = rec.method === 'GET' ? discovery(deps, rec) : undefined;
    if (doc) return send(res, 200, doc.body, doc.contentType, pretty);
    const path = parseResourcePath(url.pathname);
    if (!path) return send(res, 404, statusObject(404, 'NotFound', 'the server could not find the requested resource', {}));
    if (rec.method === 'GET' && isLogRequest(path.def.resource, path.subresource) && path.namespace && path.name) {
      return deps.logs.serve(path.namespace, path.name, rec.query, res);
    }
    const contentType = rec.contentType;
    const result = handleResource(deps.store, deps.clock, {
      method: rec.method,
      path,
      query: rec.query,
      ...(contentType ? {contentType} : {}),
      ...(rec.accept ? {accept: rec.accept} : {}),
      body,
    });
    if ('watch' in result) return deps.watches.serve(result.watch, res);
    return send(res, result.status, result.body, 'application/json', pretty);
  } catch (e) {
    if (e instanceof ApiError) return send(res, e.code, e.toStatus());
    return send(res, 500, statusObject(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
  }
}

/** Creates the (not yet listening) HTTP server of the double. */
export function createApiServer(deps: HttpDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, statusObject(500, 'InternalError', String(e)));
      else res.destroy();
    });
  });
}

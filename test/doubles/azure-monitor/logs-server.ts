// HTTPS double of the Log Analytics query API: POST /v1/workspaces/{id}/query and /v1/$batch.
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {sharedTestCa, type TestCa} from '../tls/ca.js';
import {failure, type LogsResponse} from './shapes.js';

/** One query the double answered (batch entries are recorded individually, with their batch id). */
export interface LogsRequestRecord {
  readonly workspaceId: string;
  readonly query: string;
  /** ISO 8601 duration or interval exactly as sent (`PT1H`, `2025-01-01T00:00:00.000Z/PT1H`). */
  readonly timespan: string | undefined;
  readonly additionalWorkspaces: readonly string[] | undefined;
  readonly prefer: string | undefined;
  readonly authorization: string | undefined;
  readonly batchId: string | undefined;
  readonly status: number;
}

/** Matches KQL text: substring, RegExp, or predicate. */
export type QueryMatcher = string | RegExp | ((query: string, workspaceId: string) => boolean);
/** A fixed response or one computed from the request. */
export type QueryResponder = LogsResponse | ((req: {query: string; workspaceId: string; timespan?: string}) => LogsResponse);

/** Options for {@link startLogsDouble}. */
export interface LogsDoubleOptions {
  ca?: TestCa;
  /** When set, `Authorization` must be exactly `Bearer <token>`; otherwise any bearer token passes. */
  token?: string;
}

/** A running Logs double. */
export interface LogsDouble {
  /** Pass as LogsQueryClient `endpoint` (the SDK appends /workspaces/... to it, without adding /v1). */
  readonly endpoint: string;
  readonly port: number;
  readonly ca: TestCa;
  readonly requests: readonly LogsRequestRecord[];
  /** Registers a handler; later registrations win over earlier ones. */
  when(match: QueryMatcher, respond: QueryResponder): void;
  close(): Promise<void>;
}

interface QueryBody {
  query?: string;
  timespan?: string;
  workspaces?: string[];
}

/** Starts the Logs double on 127.0.0.1 with a certificate from `ca` (default: the shared test CA). */
export async function startLogsDouble(opts: LogsDoubleOptions = {}): Promise<LogsDouble> {
  const ca = opts.ca ?? (await sharedTestCa());
  const handlers: Array<{match: QueryMatcher; respond: QueryResponder}> = [];
  const requests: LogsRequestRecord[] = [];

  const answer = (workspaceId: string, body: QueryBody): LogsResponse => {
    const query = body.query ?? '';
    for (const h of [...handlers].reverse()) {
      const hit = typeof h.match === 'string' ? query.includes(h.match) : h.match instanceof RegExp ? h.match.test(query) : h.match(query, workspaceId);
      if (!hit) continue;
      return typeof h.respond === 'function' ? h.respond({query, workspaceId, ...(body.timespan ? {timespan: body.timespan} : {})}) : h.respond;
    }
    return failure(400, 'BadArgumentError', 'The request had some invalid properties', {
      code: 'SemanticError',
      message: `no handler registered in the Logs double for query: ${query}`,
    });
  };

  const record = (req: IncomingMessage, workspaceId: string, body: QueryBody, status: number, batchId?: string): void => {
    requests.push({
      workspaceId,
      query: body.query ?? '',
      timespan: body.timespan,
      additionalWorkspaces: body.workspaces,
      prefer: header(req, 'prefer'),
      authorization: header(req, 'authorization'),
      batchId,
      status,
    });
  };

  const server = https.createServer({cert: ca.certPem, key: ca.keyPem}, (req, res) => {
    void readJson(req).then((json) => {
      const auth = header(req, 'authorization');
      const tokenOk = auth?.startsWith('Bearer ') && (opts.token === undefined || auth === `Bearer ${opts.token}`);
      if (!tokenOk) {
        return reply(res, failure(401, 'AuthorizationRequiredError', 'Valid authentication was not provided'));
      }
      const path = new URL(req.url ?? '/', 'https://x').pathname.replace(/^\/v1(?=\/)/, '');
      const single = /^\/workspaces\/([^/]+)\/query$/.exec(path);
      if (req.method === 'POST' && single) {
        const workspaceId = decodeURIComponent(single[1] ?? '');
        const out = answer(workspaceId, json as QueryBody);
        record(req, workspaceId, json as QueryBody, out.status);
        return reply(res, out);
      }
      if (req.method === 'POST' && path === '/$batch') {
        const batch = (json as {requests?: Array<{id: string; workspace: string; body: QueryBody}>}).requests ?? [];
        const responses = batch.map((r) => {
          const out = answer(r.workspace, r.body);
          record(req, r.workspace, r.body, out.status, r.id);
          return {id: r.id, status: out.status, body: out.body};
        });
        return reply(res, {status: 200, body: {responses} as never});
      }
      return reply(res, failure(404, 'PathNotFoundError', `The requested path does not exist: ${req.method} ${path}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://127.0.0.1:${port}/v1`,
    port,
    ca,
    requests,
    when: (match, respond) => void handlers.push({match, respond}),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

function reply(res: ServerResponse, out: LogsResponse): void {
  res.writeHead(out.status, {'content-type': 'application/json; charset=utf-8'});
  res.end(JSON.stringify(out.body));
}

// Runs one pane's KQL with LogsQueryClient: its own timeout, a partial result kept and labelled, and every failure
// mapped to a SourceError that says whether it was auth, the query, a timeout, TLS, the network or HTTP.
import {LogsQueryClient, LogsQueryResultStatus, type LogsTable} from '@azure/monitor-query-logs';
import type {TokenCredential} from '@azure/core-auth';
import tls from 'node:tls';
import {describeError, SourceError, type SourceErrorKind} from '../errors.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {MonitorOptions, PaneQuery} from './config.js';

/** What one query returned: its tables, and a note when Log Analytics answered only in part. */
export interface QueryAnswer {
  readonly tables: readonly LogsTable[];
  readonly partial?: string;
}

const clip = (text: string, n = 200) => {
  const clean = sanitizeLine(text).trim();
  return clean.length > n ? `${clean.slice(0, n)}…` : clean;
};

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  innererror?: unknown;
  details?: unknown;
  error?: unknown;
}

/** The most specific message of a Log Analytics error object (innermost innererror first). */
export function innermostMessage(error: unknown): string | undefined {
  let found: string | undefined;
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    if (typeof current.message === 'string' && current.message) found = current.message;
    const details = Array.isArray(current.details) ? (current.details[0] as ErrorLike | undefined) : undefined;
    current =
      (current.error as ErrorLike | undefined) ?? (current.innererror as ErrorLike | undefined) ?? (details?.innererror as ErrorLike | undefined) ?? details;
  }
  return found;
}

function kindOf(error: unknown, timedOut: boolean): SourceErrorKind {
  if (timedOut) return 'timeout';
  const e = error as {name?: unknown; code?: unknown; statusCode?: unknown};
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const name = typeof e?.name === 'string' ? e.name : '';
  if (status === 401 || status === 403 || /Credential|Authentication/.test(name)) return 'auth';
  if (status === 408 || status === 504 || code === 'GatewayTimeout' || name === 'AbortError') return 'timeout';
  if (status === 400) return 'query';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return 'tls';
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT)$/.test(code)) return 'connect';
  return 'http';
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (the promise is left to settle on its own). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** Talks to one Log Analytics workspace; counts its requests (one per pane per refresh). */
export class MonitorClient {
  private readonly client: LogsQueryClient;
  requests = 0;

  constructor(
    private readonly options: MonitorOptions,
    credential: TokenCredential,
  ) {
    this.client = new LogsQueryClient(credential, {
      endpoint: options.endpoint,
      ...(options.audience ? {audience: options.audience} : {}),
      retryOptions: {maxRetries: options.retries},
      // A bare `ca` would replace the public roots; keep them and add the private CA.
      ...(options.ca ? {tlsOptions: {ca: [...tls.rootCertificates, options.ca]}} : {}),
    });
  }

  /** Runs `kql` over the query's window; rejects with a SourceError, resolves partial results with a note. */
  async run(what: string, kql: string, query: PaneQuery, signal: AbortSignal): Promise<QueryAnswer> {
    this.requests++;
    const timeout = AbortSignal.timeout(query.timeoutMs);
    const abortSignal = AbortSignal.any([signal, timeout]);
    try {
      // @azure/monitor-query-logs 1.0.0 drops `abortSignal` from the options it passes on; `requestOptions.timeout`
      // is what cuts the HTTP request, and the race frees the caller at once when it gives up first.
      const call = this.client.queryWorkspace(
        this.options.workspaceId,
        kql,
        {duration: query.windowIso},
        {
          abortSignal,
          requestOptions: {timeout: query.timeoutMs},
          serverTimeoutInSeconds: Math.max(1, Math.ceil(query.timeoutMs / 1000)),
        },
      );
      const result = await abortable(call, abortSignal);
      if (result.status === LogsQueryResultStatus.Success) return {tables: result.tables};
      const why = innermostMessage(result.partialError) ?? result.partialError.code;
      return {tables: result.partialTables, partial: `partial result: ${clip(why ?? 'Log Analytics reported a PartialError')}`};
    } catch (error) {
      const timedOut = timeout.aborted && !signal.aborted;
      const kind = kindOf(error, timedOut);
      const status = (error as {statusCode?: unknown}).statusCode;
      const detail =
        kind === 'timeout' && timedOut
          ? `timed out after ${query.timeoutMs / 1000}s`
          : clip(innermostMessage((error as {details?: unknown}).details) ?? describeError(error));
      const hint =
        kind === 'auth'
          ? ' (check the Azure credential or the token in the environment; the identity needs Log Analytics Reader)'
          : kind === 'tls'
            ? ' (a private CA? set caFile)'
            : '';
      const head = typeof status === 'number' ? `HTTP ${status} ` : '';
      throw new SourceError(kind, `${what}: ${head}${detail}${hint}`, {cause: error});
    }
  }
}

// A small HTTP(S) client for the network sources: per-request deadline, size cap, custom CA, and plain-language errors.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import {SourceError} from '../errors.js';
import {sanitizeLine} from '../text/sanitize.js';

/** What one answer carried: status, headers and the whole (capped) body. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  /** `Retry-After` as sent (seconds or an HTTP date), for clients that honour it. */
  readonly retryAfter?: string;
  readonly body: Buffer;
}

/** Settings shared by every request of one client. */
export interface HttpClientOptions {
  /** Extra CA certificates (PEM), trusted in addition to the bundled roots. */
  readonly ca?: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Sent with every request (auth lives here; never logged). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-request settings. */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const TLS_CODE = /CERT|TLS|SSL|EPROTO|SELF_SIGNED|UNABLE_TO_|ALTNAME|HANDSHAKE/i;
const CONNECT_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EPIPE: 'connection closed',
};

/** Turns a socket-level failure into a SourceError that says what happened, plainly. */
export function networkError(error: unknown, where: string): SourceError {
  if (error instanceof SourceError) return error;
  const e = error as {code?: unknown; message?: unknown; name?: unknown};
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (CONNECT_CODE[code]) return new SourceError('connect', `${CONNECT_CODE[code]} by ${where}`, {cause: error});
  if (TLS_CODE.test(code) || /certificate|TLS|SSL/i.test(message)) {
    return new SourceError('tls', sanitizeLine(`TLS failure with ${where}: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`), {cause: error});
  }
  if (e.name === 'AbortError' || code === 'ABORT_ERR') return new SourceError('timeout', `request to ${where} was cancelled`, {cause: error});
  if (/socket hang up/i.test(message)) return new SourceError('connect', `connection closed by ${where} before an answer`, {cause: error});
  return new SourceError('connect', sanitizeLine(`cannot reach ${where}: ${message}`), {cause: error});
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`);

/** Human size for error lines, e.g. `1 MiB`. */
export function bytes(n: number): string {
  return n >= 1 << 20 ? `${+(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} B`;
}

/** Keep-alive HTTP(S) client bound to one backend's TLS and header settings. */
export class HttpClient {
  private readonly httpAgent = new http.Agent({keepAlive: true, maxSockets: 8});
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.httpsAgent = new https.Agent({keepAlive: true, maxSockets: 8, ...(options.ca ? {ca: [...tls.rootCertificates, options.ca]} : {})});
  }

  /** Sends one request; resolves with any HTTP status, rejects with a SourceError on transport failures. */
  request(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const target = new URL(url);
    const where = target.host;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const {maxBytes} = this.options;
    const lib = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: SourceError | undefined, value?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) {
          req.destroy();
          reject(error);
        } else resolve(value!);
      };
      const onAbort = () => finish(new SourceError('timeout', `request to ${where} was cancelled`));
      const timer = setTimeout(() => finish(new SourceError('timeout', `no answer from ${where} within ${seconds(timeoutMs)}`)), timeoutMs);
      const headers: Record<string, string> = {...this.options.headers, ...options.headers};
      if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
      const req = lib.request(target, {method: options.method ?? 'GET', headers, agent}, (res) => {
        const declared = Number(res.headers['content-length'] ?? NaN);
        const tooLarge = () => new SourceError('too-large', `answer from ${where} is larger than ${bytes(maxBytes)} (HTTP ${res.statusCode})`);
        if (declared > maxBytes) return finish(tooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) finish(tooLarge());
          else chunks.push(chunk);
        });
        res.on('error', (error) => finish(networkError(error, where)));
        res.on('aborted', () => finish(new SourceError('connect', `connection to ${where} closed mid-answer`)));
        res.on('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            statusText: sanitizeLine(res.statusMessage ?? ''),
            contentType: String(res.headers['content-type'] ?? ''),
            retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined,
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.on('error', (error) => finish(networkError(error, where)));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, {once: true});
      req.end(options.body);
    });
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

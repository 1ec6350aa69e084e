// PagerDuty REST API v2 over the repo's HTTP client: the headers PagerDuty asks for, 429 honoured through Retry-After
// on the injected clock (bounded), and 401/403/400 turned into sentences that say which variable and which permission.
import type {Clock} from '../clock.js';
import {SourceError} from '../errors.js';
import {HttpClient, type HttpResponse} from '../http/request.js';
import {retryAfterMs} from '../http/retry-after.js';
import {sleep} from '../sleep.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {PagerDutyOptions} from './config.js';

/** Our choice: two retries after a 429. A third refusal in a row means the account is busy; say so rather than queue. */
export const MAX_RETRIES = 2;
/** Our choice: wait at most 30 s for one Retry-After. Longer would outlast the poll and hold a confirmed action. */
export const MAX_RETRY_WAIT_MS = 30_000;
/** What a key must be allowed to change an incident (PagerDuty's roles: Responder and above may respond). */
const CHANGE_NEEDS =
  'acknowledging, escalating and resolving need a full-access API key, or a user token whose user may respond on the service (Responder role or above)';
/** Our choice: without a Retry-After, wait 2 s, then 4 s. */
const FALLBACK_WAIT_MS = 2_000;

export interface CallOptions {
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** What the call does, for error sentences ("list incidents", "acknowledge incident #12"). */
  readonly what: string;
}

/** PagerDuty's error body: `{error: {message, code, errors}}`. */
interface ErrorBody {
  readonly error?: {readonly message?: unknown; readonly code?: unknown; readonly errors?: unknown};
}

/** Waits on `clock`; tests inject a fake that records the waits. */
export type Sleeper = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The REST API, one JSON call at a time. */
export class PagerDutyClient {
  private readonly http: HttpClient;
  readonly sleep: Sleeper;

  constructor(
    private readonly options: PagerDutyOptions,
    private readonly clock: Clock,
    sleeper?: Sleeper,
    /** A read-only cockpit: any method but GET is refused here, before a byte is sent. */
    private readonly readOnly = false,
  ) {
    this.http = new HttpClient({
      timeoutMs: options.timeoutMs,
      maxBytes: 8 << 20,
      ca: options.ca,
      headers: {
        accept: 'application/vnd.pagerduty+json;version=2',
        authorization: `Token token=${options.token}`,
        'content-type': 'application/json',
      },
    });
    this.sleep = sleeper ?? ((ms, signal) => sleep(this.clock, ms, signal));
  }

  /** One call; retries 429 as Retry-After says (at most MAX_RETRIES times, each wait at most MAX_RETRY_WAIT_MS). */
  async call<T>(method: 'GET' | 'PUT', path: string, options: CallOptions): Promise<T> {
    if (this.readOnly && method !== 'GET') throw new SourceError('auth', `read-only: ${options.what} is refused because this cockpit is read-only`);
    const url = `${this.options.baseUrl}${path}${queryString(options.query ?? [])}`;
    // PagerDuty requires From (a user's e-mail) on every change; a user token ignores it, an account key needs it.
    const headers: Record<string, string> = method === 'GET' ? {} : {from: this.options.from};
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 0; ; attempt++) {
      const res = await this.http.request(url, {method, headers, body, signal: options.signal});
      if (res.status === 429 && attempt < MAX_RETRIES) {
        const wait = retryWaitMs(res.retryAfter, attempt, this.clock.now());
        if (wait > MAX_RETRY_WAIT_MS) throw rateLimited(options.what, wait, attempt + 1);
        await this.sleep(wait, options.signal);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return parseJson<T>(res, options.what);
      throw this.failure(res, options.what);
    }
  }

  private failure(res: HttpResponse, what: string): SourceError {
    const {message, code, errors} = errorOf(res);
    const detail = [message, code !== undefined ? `code ${code}` : '', errors].filter(Boolean).join('; ');
    const env = `$${this.options.tokenEnv}`;
    switch (res.status) {
      case 401:
        return new SourceError(
          'auth',
          `PagerDuty refused the key in ${env} (401 Unauthorized${detail ? `: ${detail}` : ''}); fix: set ${env} to a valid REST API key ` +
            '(Integrations → API Access Keys, or a user token from My Profile → User Settings)',
        );
      case 403:
        return new SourceError(
          'auth',
          `PagerDuty forbids the key in ${env} to ${what} (403 Forbidden${detail ? `: ${detail}` : ''}); ` +
            (what.startsWith('list') || what.startsWith('read') ? 'the key needs read access to the configured services' : CHANGE_NEEDS),
        );
      case 429:
        return rateLimited(what, retryWaitMs(res.retryAfter, MAX_RETRIES, this.clock.now()), MAX_RETRIES + 1);
      case 400:
        return new SourceError('query', `PagerDuty rejected the request to ${what} (400 Bad Request${detail ? `: ${detail}` : ''})`);
      case 404:
        return new SourceError('http', `PagerDuty has no such object (404 while trying to ${what}${detail ? `: ${detail}` : ''})`);
      default:
        return new SourceError('http', `PagerDuty answered HTTP ${res.status} ${res.statusText} to ${what}${detail ? `: ${detail}` : ''}`);
    }
  }

  close(): void {
    this.http.close();
  }
}

function rateLimited(what: string, waitMs: number, attempts: number): SourceError {
  return new SourceError(
    'http',
    `PagerDuty rate limit: ${what} was refused ${attempts === 1 ? 'once' : `${attempts} times`} (429); try again in ${Math.ceil(waitMs / 1000)}s`,
  );
}

/** Retry-After in ms (seconds, or an HTTP date: src/data/http/retry-after.ts); without a readable one, 2 s then 4 s. */
export function retryWaitMs(header: string | undefined, attempt: number, now: number): number {
  return retryAfterMs(header, now) ?? FALLBACK_WAIT_MS * 2 ** attempt;
}

/** PagerDuty's array parameters are repeated keys with brackets: `statuses[]=triggered&statuses[]=acknowledged`. */
function queryString(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B%5D$/, '[]')}=${encodeURIComponent(v)}`).join('&')}`;
}

function parseJson<T>(res: HttpResponse, what: string): T {
  try {
    return JSON.parse(res.body.toString('utf8')) as T;
  } catch {
    throw new SourceError('shape', `PagerDuty's answer to ${what} is not JSON (HTTP ${res.status}, ${res.contentType || 'no content type'})`);
  }
}

function errorOf(res: HttpResponse): {message?: string; code?: number | string; errors?: string} {
  let body: ErrorBody;
  try {
    body = JSON.parse(res.body.toString('utf8')) as ErrorBody;
  } catch {
    return {};
  }
  const e = body?.error;
  if (!e || typeof e !== 'object') return {};
  const list = Array.isArray(e.errors) ? e.errors.filter((x): x is string => typeof x === 'string') : [];
  return {
    message: typeof e.message === 'string' ? sanitizeLine(e.message).slice(0, 200) : undefined,
    code: typeof e.code === 'number' || typeof e.code === 'string' ? e.code : undefined,
    errors: list.length ? sanitizeLine(list.join(', ')).slice(0, 300) : undefined,
  };
}

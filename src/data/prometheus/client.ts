// Prometheus HTTP API client: POST /api/v1/query and /api/v1/query_range, with each failure mapped to a
// SourceError that says plainly which of HTTP status, auth, timeout, PromQL error or empty result it was.
import {SourceError} from '../errors.js';
import {HttpClient, type HttpResponse} from '../http/request.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {PrometheusOptions} from './config.js';
import {parseMatrix, parseVector, type InstantSeries, type RangeSeries} from './vector.js';

/** A range query's window. Times are epoch milliseconds. */
export interface RangeSpec {
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
}

/** The first line of a non-JSON error body (HTML pages give their title). */
function snippet(res: HttpResponse): string {
  const text = res.body.subarray(0, 4096).toString('utf8');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const line = (title ?? text.replace(/<[^>]+>/g, ' ')).trim().split('\n')[0] ?? '';
  return sanitizeLine(line).slice(0, 160);
}

/** Talks to one Prometheus server; counts its HTTP requests (docs/prometheus.md, "HTTP requests per refresh"). */
export class PromClient {
  private readonly http: HttpClient;
  requests = 0;

  constructor(private readonly options: PrometheusOptions) {
    this.http = new HttpClient({ca: options.ca, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, headers: options.headers});
  }

  /** Instant query evaluated at `time` (epoch ms). */
  async query(expr: string, time: number, signal?: AbortSignal): Promise<InstantSeries[]> {
    return parseVector(await this.call('/api/v1/query', {query: expr, time: (time / 1000).toFixed(3)}, signal));
  }

  /** Range query (for trend lines and alert durations). */
  async queryRange(expr: string, range: RangeSpec, signal?: AbortSignal): Promise<RangeSeries[]> {
    const params = {query: expr, start: (range.start / 1000).toFixed(3), end: (range.end / 1000).toFixed(3), step: `${range.stepSeconds}s`};
    return parseMatrix(await this.call('/api/v1/query_range', params, signal));
  }

  close(): void {
    this.http.close();
  }

  private async call(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    this.requests++;
    const where = new URL(this.options.url).host;
    const res = await this.http
      .request(`${this.options.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams(params).toString(),
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        signal,
      })
      .catch((error: unknown) => {
        // Say which backend failed: the pane's error line shows only this message.
        throw error instanceof SourceError ? new SourceError(error.kind, `Prometheus: ${error.message}`, {cause: error}) : error;
      });
    let body: {status?: unknown; data?: unknown; errorType?: unknown; error?: unknown} | undefined;
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body;
    } catch {
      body = undefined;
    }
    if (res.status === 401 || res.status === 403) {
      throw new SourceError(
        'auth',
        `HTTP ${res.status} ${res.statusText} from ${where}: check the token or user in the environment (ATP_PROMETHEUS_TOKEN / ATP_PROMETHEUS_USER)`,
      );
    }
    if (body && body.status === 'error') {
      const kind = sanitizeLine(String(body.errorType ?? 'error'));
      // Prometheus answers 503/422 with errorType "timeout" when a query runs out of time.
      if (kind === 'timeout') throw new SourceError('timeout', `Prometheus query timed out on ${where}: ${sanitizeLine(String(body.error ?? ''))}`);
      throw new SourceError('query', `PromQL ${kind} (HTTP ${res.status}): ${sanitizeLine(String(body.error ?? 'no detail'))}`);
    }
    if (res.status < 200 || res.status >= 300) {
      const text = snippet(res);
      throw new SourceError('http', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${where}${text ? `: ${text}` : ''}`);
    }
    if (!body || body.status !== 'success')
      throw new SourceError('shape', `answer from ${where}${path} is not Prometheus API JSON${body ? '' : `: ${snippet(res)}`}`);
    return body.data;
  }
}

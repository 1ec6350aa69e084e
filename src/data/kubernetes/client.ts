// One region's API access: guarded client-node API clients, raw-JSON responses, exact request bodies, timeouts.
import * as k8s from '@kubernetes/client-node';
import {ReadOnlyError} from '../errors.js';
import {sanitizeLine} from '../text/sanitize.js';
import {GuardedKubeConfig, type ReadOnlyGuard} from './guard.js';
import {isRecord, parseObject, type KubeJson} from './json.js';
import {configFor, type RegionContext} from './kubeconfig.js';

const USER_AGENT = 'atp-cockpit/0.1.0 (@kubernetes/client-node 2)';
const DEFAULT_TIMEOUT_MS = 15_000;

/** Per call: the caller's signal and a timeout. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A failed API call: HTTP status (0 when no response) and the API server's message, sanitised. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: {cause?: unknown},
  ) {
    super(message, options);
    this.name = 'KubeApiError';
  }
}

/** Turns client-node's ApiException (or a network error) into a one-line KubeApiError. */
export function kubeError(error: unknown, what: string): Error {
  if (error instanceof ReadOnlyError || error instanceof KubeApiError) return error;
  if (error instanceof k8s.ApiException) {
    const body: unknown = error.body;
    const parsed = typeof body === 'string' ? safeParse(body) : body;
    const message = isRecord(parsed) && typeof parsed['message'] === 'string' ? parsed['message'] : `HTTP ${error.code}`;
    return new KubeApiError(error.code, sanitizeLine(`${what}: ${message}`).slice(0, 500), {cause: error});
  }
  const e = error as {name?: string; message?: string; cause?: {code?: string; message?: string}};
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new KubeApiError(0, `${what}: ${e.name === 'TimeoutError' ? 'timed out' : 'aborted'}`, {cause: error});
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new KubeApiError(0, sanitizeLine(`${what}: ${detail}`).slice(0, 500), {cause: error});
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pre(fn: (ctx: k8s.RequestContext) => void): k8s.ObservableMiddleware {
  return {
    pre: (ctx) => {
      fn(ctx);
      return new k8s.Observable(Promise.resolve(ctx));
    },
    post: (res) => new k8s.Observable(Promise.resolve(res)),
  };
}

/** Hands the response text to `sink` and leaves the body readable for client-node's own decoding. */
export function captureText(sink: (text: string) => void): k8s.ObservableMiddleware {
  return {
    pre: (ctx) => new k8s.Observable(Promise.resolve(ctx)),
    post: (res) =>
      new k8s.Observable(
        res.body.text().then((text) => {
          sink(text);
          return new k8s.ResponseContext(res.httpStatusCode, res.headers, new k8s.SelfDecodingBody(Promise.resolve(Buffer.from(text))));
        }),
      ),
  };
}

/** The API clients of one region (kube context), all behind the read-only guard. */
export class RegionClient {
  readonly kc: GuardedKubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly custom: k8s.CustomObjectsApi;
  readonly watch: k8s.Watch;

  constructor(
    readonly region: RegionContext,
    base: k8s.KubeConfig,
    readonly guard: ReadOnlyGuard,
  ) {
    this.kc = configFor(base, region.kubeContext, () => new GuardedKubeConfig(guard));
    const configuration = k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(region.server, {}),
      authMethods: {default: this.kc},
      httpApi: guard.httpLibrary(),
      middleware: [pre((ctx) => ctx.setHeaderParam('User-Agent', USER_AGENT)), guard.middleware()],
    });
    this.core = new k8s.CoreV1Api(configuration);
    this.apps = new k8s.AppsV1Api(configuration);
    this.custom = new k8s.CustomObjectsApi(configuration);
    this.watch = new k8s.Watch(this.kc);
  }

  /** Call options: abort on the caller's signal or after the timeout, plus extra middleware. */
  options(opts: CallOptions, extra: k8s.ObservableMiddleware[] = []): k8s.ConfigurationOptions {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    return {middleware: [pre((ctx) => ctx.setSignal(signal)), ...extra], middlewareMergeStrategy: 'append'};
  }

  /** Runs a typed call; errors become KubeApiError naming `what`. */
  async call<T>(what: string, fn: (options: k8s.ConfigurationOptions) => Promise<T>, opts: CallOptions = {}): Promise<T> {
    try {
      return await fn(this.options(opts));
    } catch (error) {
      throw kubeError(error, what);
    }
  }

  /** Runs a call and returns the response exactly as the API server sent it (field order kept), parsed. */
  async raw(what: string, fn: (options: k8s.ConfigurationOptions) => Promise<unknown>, opts: CallOptions = {}): Promise<KubeJson> {
    let text: string | undefined;
    try {
      await fn(this.options(opts, [captureText((t) => (text = t))]));
    } catch (error) {
      throw kubeError(error, what);
    }
    return parseObject(text ?? '', what);
  }

  /** Options that replace the serialised body with `body` exactly (byte-for-byte) and set its content type. */
  exactBody(opts: CallOptions, body: string, contentType: string): k8s.ConfigurationOptions {
    return this.options(opts, [
      pre((ctx) => {
        ctx.setBody(body);
        ctx.setHeaderParam('Content-Type', contentType);
      }),
    ]);
  }
}

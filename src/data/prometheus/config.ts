// The prometheus source's settings, read from its context entry, with secrets taken from the environment only.
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import {readCaFile} from '../http/ca.js';

/** Settled options for one Prometheus source. */
export interface PrometheusOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly ca?: string;
  /** Authorization and extra headers (never shown, never logged). */
  readonly headers: Readonly<Record<string, string>>;
  /** How auth is configured, for the description line (`bearer token from ATP_PROMETHEUS_TOKEN`). */
  readonly authNote: string;
  /** Extra label matchers added to every ATP metric selector, e.g. `env="prod"`. */
  readonly selector: string;
  /** Extra label matchers added to every Sloth (`slo:*`) selector. */
  readonly sloSelector: string;
  /** Range of rate() and histogram_quantile() windows, e.g. `2m`. */
  readonly rateWindow: string;
  readonly trendMinutes: number;
  readonly trendStepSeconds: number;
}

const DEFAULT_TOKEN_ENV = 'ATP_PROMETHEUS_TOKEN';
const DEFAULT_USER_ENV = 'ATP_PROMETHEUS_USER';
const DEFAULT_PASSWORD_ENV = 'ATP_PROMETHEUS_PASSWORD';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** Reads a source entry; throws a config SourceError naming the key when something is wrong. */
export function prometheusOptions(config: ResolvedSource, env: NodeJS.ProcessEnv): PrometheusOptions {
  const url = str(config.url);
  if (!url || !/^https?:\/\//.test(url))
    throw new SourceError('config', `sources.${config.id}.url must be the Prometheus base URL, e.g. http://127.0.0.1:9090`);
  const headers: Record<string, string> = {accept: 'application/json'};
  const extra = config.headers;
  if (extra && typeof extra === 'object') for (const [k, v] of Object.entries(extra)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const tokenEnv = str(config.tokenEnv) ?? DEFAULT_TOKEN_ENV;
  const userEnv = str(config.userEnv) ?? DEFAULT_USER_ENV;
  const passwordEnv = str(config.passwordEnv) ?? DEFAULT_PASSWORD_ENV;
  let authNote = 'no auth';
  if (env[tokenEnv]) {
    headers.authorization = `Bearer ${env[tokenEnv]}`;
    authNote = `bearer token from $${tokenEnv}`;
  } else if (env[userEnv] !== undefined && env[passwordEnv] !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${env[userEnv]}:${env[passwordEnv]}`).toString('base64')}`;
    authNote = `basic auth from $${userEnv}/$${passwordEnv}`;
  } else if (str(config.tokenEnv) || str(config.userEnv)) {
    throw new SourceError(
      'auth',
      `sources.${config.id}: ${str(config.tokenEnv) ? `$${tokenEnv} is not set` : `$${userEnv} and $${passwordEnv} are not both set`}`,
    );
  }
  const ca = readCaFile(config);
  const window = str(config.rateWindow) ?? '2m';
  if (!/^\d+[smhd]$/.test(window)) throw new SourceError('config', `sources.${config.id}.rateWindow must be a Prometheus duration such as 2m`);
  return {
    url: url.replace(/\/+$/, ''),
    timeoutMs: (num(config.timeout) ?? 5) * 1000,
    maxBytes: (num(config.maxMiB) ?? 32) * (1 << 20),
    ca,
    headers,
    authNote,
    selector: str(config.selector) ?? '',
    sloSelector: str(config.sloSelector) ?? '',
    rateWindow: window,
    trendMinutes: num(config.trendMinutes) ?? 60,
    trendStepSeconds: num(config.trendStep) ?? 15,
  };
}

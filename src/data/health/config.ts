// The health source's endpoints: an explicit list, or a URL template over services × regions.
import type {ResolvedContext, ResolvedSource} from '../config/context.js';
import {DEMO_SERVICES} from '../demo/topology.js';
import {SourceError} from '../errors.js';
import {readCaFile} from '../http/ca.js';

/** One service in one region and the base URL its `/ready` and `/live` hang off. */
export interface Endpoint {
  readonly service: string;
  readonly region: string;
  readonly base: string;
}

/** Settled options of one health source. */
export interface HealthOptions {
  readonly endpoints: readonly Endpoint[];
  readonly timeoutMs: number;
  readonly live: boolean;
  readonly concurrency: number;
  readonly ca?: string;
}

/** Largest answer read from a health endpoint. */
export const MAX_HEALTH_BYTES = 1 << 20;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : undefined);

/** Reads the source entry; throws a config SourceError naming the key when it is wrong. */
export function healthOptions(config: ResolvedSource, context: ResolvedContext): HealthOptions {
  const endpoints: Endpoint[] = [];
  const bad = (key: string, fix: string) => new SourceError('config', `sources.${config.id}.${key}: ${fix}`);
  const base = (url: string) => url.replace(/\/(ready|live)\/?$/, '').replace(/\/+$/, '');
  if (config.endpoints !== undefined) {
    if (!Array.isArray(config.endpoints)) throw bad('endpoints', 'must be a list of {service, region, url}');
    config.endpoints.forEach((e: unknown, i) => {
      const r = (e ?? {}) as Record<string, unknown>;
      const url = str(r.url);
      if (!str(r.service) || !url || !/^https?:\/\//.test(url))
        throw bad(
          `endpoints.${i}`,
          'needs service, region and an http(s) url, e.g. {"service":"query","region":"eu-west","url":"https://query.atp.internal/health"}',
        );
      endpoints.push({service: String(r.service), region: str(r.region) ?? 'default', base: base(url)});
    });
  }
  const template = str(config.urlTemplate);
  if (template) {
    if (!/^https?:\/\//.test(template) || !template.includes('{service}'))
      throw bad('urlTemplate', 'must be an http(s) URL containing {service} (and {region}), e.g. https://{service}.{region}.atp.internal/health');
    const regions = list(config.regions) ?? (context.regions.length ? context.regions : ['default']);
    for (const service of list(config.services) ?? DEMO_SERVICES)
      for (const region of regions)
        endpoints.push({
          service,
          region,
          base: base(template.replaceAll('{service}', encodeURIComponent(service)).replaceAll('{region}', encodeURIComponent(region))),
        });
  }
  if (endpoints.length === 0) throw bad('endpoints', 'set "endpoints" or "urlTemplate" (see docs/prometheus.md, "Health endpoint settings")');
  const ca = readCaFile(config);
  const timeout = typeof config.timeout === 'number' && config.timeout > 0 ? config.timeout : 2;
  const concurrency = typeof config.concurrency === 'number' && config.concurrency >= 1 ? Math.floor(config.concurrency) : 16;
  return {endpoints, timeoutMs: timeout * 1000, live: config.live !== false, concurrency, ca};
}

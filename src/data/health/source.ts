// The health source: polls ATP `/health/ready` and `/health/live` per service and region. A bad answer makes that
// row Unknown with the reason; it never fails the pane, and every request has its own deadline.
import type {Clock} from '../clock.js';
import type {ResolvedContext, ResolvedSource} from '../config/context.js';
import {describeError} from '../errors.js';
import {HttpClient} from '../http/request.js';
import type {HealthReading, PaneId, ReadingByPane, ServiceHealth} from '../readings/types.js';
import type {Source} from '../sources/types.js';
import {healthOptions, MAX_HEALTH_BYTES, type Endpoint} from './config.js';
import {parseHealthAnswer, type ProbeResult} from './parse.js';

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return out;
}

/** Probes one URL; transport failures become Unknown with the reason. */
async function probe(http: HttpClient, url: string, signal: AbortSignal): Promise<ProbeResult> {
  try {
    const res = await http.request(url, {signal});
    return parseHealthAnswer(res.status, res.contentType, res.body.toString('utf8'));
  } catch (error) {
    return {status: 'Unknown', reason: describeError(error)};
  }
}

/** One pane row from the ready and live probes of an endpoint. */
export function rowFor(e: Endpoint, ready: ProbeResult, live: ProbeResult | undefined): ServiceHealth {
  const failing = (ready.checks ?? []).filter((c) => c.status !== 'Healthy');
  const first = failing[0];
  const reason = ready.reason
    ? `/health/ready: ${ready.reason}`
    : first
      ? `${first.name}: ${first.description ?? first.status}`
      : live?.reason && live.status !== 'Healthy'
        ? `/health/live: ${live.reason}`
        : undefined;
  return {
    service: e.service,
    region: e.region,
    status: ready.status,
    statusReason: reason,
    liveStatus: live?.status,
    checks: ready.checks && ready.checks.length > 0 ? ready.checks : undefined,
    checkDurationMs: ready.durationMs,
  };
}

/** Builds a health source from its context entry. */
export function createHealthSource(config: ResolvedSource, _clock: Clock, context: ResolvedContext): Source & {readonly requests: () => number} {
  const options = healthOptions(config, context);
  const http = new HttpClient({ca: options.ca, timeoutMs: options.timeoutMs, maxBytes: MAX_HEALTH_BYTES, headers: {accept: 'application/json'}});
  let requests = 0;
  const count = (url: string, signal: AbortSignal) => {
    requests++;
    return probe(http, url, signal);
  };
  const read = async (signal: AbortSignal): Promise<HealthReading> => {
    const probes = options.endpoints.flatMap((e) => [{e, kind: 'ready' as const}, ...(options.live ? [{e, kind: 'live' as const}] : [])]);
    const results = await pool(probes, options.concurrency, ({e, kind}) => count(`${e.base}/${kind}`, signal));
    const services = options.endpoints.map((e) => {
      const ready = results[probes.findIndex((p) => p.e === e && p.kind === 'ready')]!;
      const liveAt = probes.findIndex((p) => p.e === e && p.kind === 'live');
      return rowFor(e, ready, liveAt >= 0 ? results[liveAt] : undefined);
    });
    return {services};
  };
  return {
    id: config.id,
    kind: 'health',
    description: `ATP health endpoints (${options.endpoints.length} services × regions, /health/ready${options.live ? ' and /health/live' : ''})`,
    panes: ['health'],
    capabilities: {},
    requests: () => requests,
    async read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]> {
      if (pane !== 'health') throw new Error(`the health source serves only the health pane, not ${pane}`);
      return (await read(signal)) as ReadingByPane[P];
    },
    async close() {
      http.close();
    },
  };
}

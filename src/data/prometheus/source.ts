// The prometheus source: every pane over PromQL, two HTTP requests per pane per refresh.
import type {Clock} from '../clock.js';
import type {ResolvedSource} from '../config/context.js';
import {PANE_IDS, type PaneId, type ReadingByPane} from '../readings/types.js';
import type {Source} from '../sources/types.js';
import {PromClient} from './client.js';
import {prometheusOptions} from './config.js';
import {burnFromProm} from './map-burn.js';
import {dlqFromProm, lagFromProm, outboxFromProm} from './map-flow.js';
import {healthFromProm} from './map-health.js';
import {paneQueries} from './queries.js';
import type {InstantSeries, RangeSeries} from './vector.js';

type Mapper<P extends PaneId> = (instant: readonly InstantSeries[], range: readonly RangeSeries[]) => ReadingByPane[P];

const MAPPERS: {readonly [P in PaneId]: Mapper<P>} = {
  health: healthFromProm,
  lag: lagFromProm,
  dlq: dlqFromProm,
  outbox: outboxFromProm,
  burn: burnFromProm,
};

/** A prometheus source and its client (tests read `client.requests`). */
export type PrometheusSource = Source & {readonly client: PromClient};

/** Builds a source from its context entry; auth comes from the environment. */
export function createPrometheusSource(config: ResolvedSource, clock: Clock, env: NodeJS.ProcessEnv): PrometheusSource {
  const options = prometheusOptions(config, env);
  const client = new PromClient(options);
  const queries = paneQueries(options);
  return {
    id: config.id,
    kind: 'prometheus',
    description: `Prometheus ${options.url} (${options.authNote}${options.ca ? ', custom CA' : ''})`,
    panes: PANE_IDS,
    capabilities: {},
    client,
    async read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]> {
      // One evaluation time for both queries, so the values and the trend agree.
      const now = clock.now();
      const {instant, range} = queries[pane];
      const span = {start: now - options.trendMinutes * 60_000, end: now, stepSeconds: options.trendStepSeconds};
      const [current, trend] = await Promise.all([client.query(instant, now, signal), client.queryRange(range, span, signal)]);
      return (MAPPERS[pane] as Mapper<P>)(current, trend);
    },
    async close() {
      client.close();
    },
  };
}

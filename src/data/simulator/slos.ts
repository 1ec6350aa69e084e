// ATP's four SLOs as Sloth (prometheus/v1) specs: the single source for the shipped rules and the simulator's backfill.

/** Sloth's `service` for every ATP SLO; `sloth_id` is `<service>-<name>`, e.g. `atp-availability`. */
export const SLOTH_SERVICE = 'atp';

/** Labels the spec puts on every SLO rule (Sloth copies them onto each recording). */
export const SLO_LABELS: Readonly<Record<string, string>> = {owner: 'atp-sre', tier: '1'};

const API = 'gateway|ingestion|query';

/** One SLO in Sloth's terms; queries contain Sloth's `{{.window}}` placeholder. */
export interface AtpSlo {
  readonly name: string;
  /** Objective in percent, as Sloth writes it. */
  readonly objective: number;
  readonly description: string;
  readonly category: 'availability' | 'latency';
  readonly errorQuery: string;
  readonly totalQuery: string;
}

/** The buckets at or under the latency limit: the SLO's selector with the `le` bound. */
const bucketSelector = (selector: string, le: string) => [selector, `le=~"${le}"`].filter(Boolean).join(',');

const latency = (metric: string, selector: string, le: string) => ({
  errorQuery: `sum(rate(${metric}_count{${selector}}[{{.window}}])) - sum(rate(${metric}_bucket{${bucketSelector(selector, le)}}[{{.window}}]))`,
  totalQuery: `sum(rate(${metric}_count{${selector}}[{{.window}}]))`,
});

/** Availability 99.9%, ingestion P95 < 500 ms, query P95 < 200 ms, projection lag P95 < 5 s (runbook Topic 10). */
export const ATP_SLOS: readonly AtpSlo[] = [
  {
    name: 'availability',
    objective: 99.9,
    description: 'Availability 99.9%: API requests (gateway, ingestion, query) answered without a 5xx.',
    category: 'availability',
    errorQuery: `sum(rate(http_requests_received_total{service=~"${API}",code=~"5.."}[{{.window}}]))`,
    totalQuery: `sum(rate(http_requests_received_total{service=~"${API}"}[{{.window}}]))`,
  },
  {
    name: 'ingestion-latency',
    objective: 95,
    description: 'Ingestion P95 < 500ms: 95% of ingestion requests complete within 0.5 s.',
    category: 'latency',
    ...latency('http_request_duration_seconds', 'service="ingestion"', '0\\\\.5'),
  },
  {
    name: 'query-latency',
    objective: 95,
    description: 'Query P95 < 200ms: 95% of query requests complete within 0.2 s.',
    category: 'latency',
    ...latency('http_request_duration_seconds', 'service="query"', '0\\\\.2'),
  },
  {
    name: 'projection-lag',
    objective: 95,
    description: 'Projection lag P95 < 5s: 95% of events are projected within 5 s of their timestamp.',
    category: 'latency',
    ...latency('atp_projection_event_lag_seconds', '', '5(\\\\.0)?'),
  },
];

/** `sloth_id` of an SLO. */
export const slothId = (slo: AtpSlo): string => `${SLOTH_SERVICE}-${slo.name}`;

/** The labels Sloth puts on `slo:sli_error:ratio_rate<window>` for this SLO. */
export function sliLabels(slo: AtpSlo, window: string): Record<string, string> {
  return {...SLO_LABELS, sloth_id: slothId(slo), sloth_service: SLOTH_SERVICE, sloth_slo: slo.name, sloth_window: window};
}

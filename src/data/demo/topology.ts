// The demo ATP's shape: services, regions, projections, Service Bus entities, outboxes and SLOs.

export const DEMO_SERVICES = ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'] as const;
export const DEMO_REGIONS = ['us-east', 'eu-west'] as const;
export const DEMO_PROJECTIONS = ['timeline', 'actor', 'resource'] as const;

/** Readiness checks per service, from the runbook's "Health Check Endpoint Details by Service". */
export const DEMO_CHECKS: Readonly<Record<string, readonly [name: string, description: string][]>> = {
  gateway: [
    ['keyvault', 'Azure Key Vault reachable'],
    ['backends', 'Backend services reachable (ingestion, query, policy)'],
    ['ratelimit-cache', 'Rate limiter cache (Redis) connected'],
  ],
  ingestion: [
    ['database', 'Azure SQL connection pool: 5/10 active'],
    ['servicebus', 'Azure Service Bus connected (publish capability)'],
    ['blob-worm', 'Azure Blob Storage reachable (WORM container)'],
    ['policy', 'Policy Service reachable (classification API)'],
    ['outbox-relay', 'Outbox relay worker running'],
  ],
  query: [
    ['readmodel', 'Read model database (projections) reachable'],
    ['cache', 'Query cache (Redis) connected'],
    ['search-index', 'Search index reachable'],
    ['watermark', 'Latest projection watermark within SLO lag (<10s)'],
  ],
  projection: [
    ['servicebus', 'Azure Service Bus subscription active'],
    ['readmodel', 'Read model database writable'],
    ['inbox', 'Inbox deduplication table accessible'],
    ['lag', 'Projection lag within threshold (<5s)'],
    ['dlq', 'No DLQ backlog (or within threshold)'],
  ],
  export: [
    ['blob-export', 'Azure Blob Storage writable (export container)'],
    ['jobs', 'Export job queue (Redis) connected'],
    ['kms', 'KMS signing operation test (dry-run)'],
    ['bandwidth', 'Bandwidth budget not exceeded'],
  ],
  integrity: [
    ['blob-worm', 'Azure Blob Storage WORM container reachable'],
    ['kms', 'KMS signing keys accessible'],
    ['hashchain-store', 'Hash chain state store connected'],
    ['merkle', 'Merkle tree computation functional'],
  ],
  policy: [
    ['database', 'Policy database reachable'],
    ['cache', 'Policy cache (Redis) connected'],
    ['defaults', 'Default policies loaded'],
  ],
  search: [
    ['index', 'Search index cluster reachable'],
    ['servicebus', 'Azure Service Bus subscription active'],
  ],
};

/** Baseline traffic and latency per service. */
export const DEMO_PROFILE: Readonly<Record<string, {rps: number; p95: number; errors: number; replicas: number}>> = {
  gateway: {rps: 420, p95: 90, errors: 0.0002, replicas: 4},
  ingestion: {rps: 260, p95: 180, errors: 0.0003, replicas: 3},
  query: {rps: 150, p95: 85, errors: 0.0002, replicas: 3},
  projection: {rps: 240, p95: 40, errors: 0.0001, replicas: 2},
  export: {rps: 6, p95: 900, errors: 0.0008, replicas: 2},
  integrity: {rps: 30, p95: 120, errors: 0.0001, replicas: 2},
  policy: {rps: 300, p95: 25, errors: 0.0001, replicas: 2},
  search: {rps: 80, p95: 140, errors: 0.0003, replicas: 2},
};

export interface DemoEntity {
  readonly entity: string;
  readonly kind: 'queue' | 'subscription';
  readonly topic?: string;
  readonly consumer: string;
  /** Dead letters it normally carries. */
  readonly base: number;
}

const sub = (topic: string, name: string, consumer: string, base: number): DemoEntity => ({
  entity: `${topic}/Subscriptions/${name}`,
  kind: 'subscription',
  topic,
  consumer,
  base,
});

export const DEMO_ENTITIES: readonly DemoEntity[] = [
  {entity: 'projection-queue', kind: 'queue', consumer: 'projection-worker', base: 4},
  sub('audit.appended.v1', 'projection', 'projection-worker', 6),
  sub('audit.appended.v1', 'search-indexer', 'search-indexer', 9),
  sub('audit.appended.v1', 'integrity-sealer', 'integrity-sealer', 2),
  sub('audit.appended.v1', 'export-feed', 'export-worker', 5),
  sub('audit.policy.v1', 'query-cache', 'query-cache-invalidator', 3),
  sub('audit.policy.v1', 'ingestion-policy', 'ingestion-policy-sync', 1),
  {entity: 'export-jobs', kind: 'queue', consumer: 'export-worker', base: 7},
  {entity: 'integrity-verify', kind: 'queue', consumer: 'integrity-worker', base: 0},
  {entity: 'webhook-delivery', kind: 'queue', consumer: 'gateway-webhooks', base: 18},
  sub('tenant.lifecycle.v1', 'policy-sync', 'policy-sync', 2),
  sub('tenant.lifecycle.v1', 'search-tenant', 'search-tenant', 3),
];

/** Services that run a transactional outbox. */
export const DEMO_OUTBOXES = ['ingestion', 'policy', 'integrity', 'export'] as const;

export interface DemoSlo {
  readonly id: string;
  readonly service: string;
  readonly description: string;
  readonly objective: number;
  /** Typical error ratio on a calm day. */
  readonly calm: number;
}

export const DEMO_SLOS: readonly DemoSlo[] = [
  {id: 'atp-availability', service: 'atp', description: 'Availability 99.9%', objective: 0.999, calm: 0.00005},
  {id: 'atp-ingestion-latency', service: 'ingestion', description: 'Ingestion P95 < 500ms', objective: 0.95, calm: 0.0025},
  {id: 'atp-query-latency', service: 'query', description: 'Query P95 < 200ms', objective: 0.95, calm: 0.0025},
  {id: 'atp-projection-lag', service: 'projection', description: 'Projection lag P95 < 5s', objective: 0.95, calm: 0.002},
];

export {DLQ_REASONS} from '../runbook.js';

// Demo scenarios: timed faults relative to the moment the cockpit starts, so each story is visible at once.

export const SCENARIOS = ['calm', 'bad-deploy', 'projection-stall', 'dlq-storm', 'region-outage', 'tamper'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** One fault, `atMs` relative to start (negative: it happened before the cockpit opened). */
export type ScenarioEvent =
  | {readonly atMs: number; readonly kind: 'deploy'; readonly service: string; readonly region: string; readonly version: string; readonly bad: boolean}
  | {readonly atMs: number; readonly kind: 'stall'; readonly projection: string; readonly region: string}
  | {readonly atMs: number; readonly kind: 'storm'; readonly entities: readonly string[]; readonly reason: string; readonly perMinute: number}
  | {readonly atMs: number; readonly kind: 'outage'; readonly region: string}
  /** The hash-chain verifier of `region` fails on one segment from then on (src/data/demo/platform.ts). */
  | {readonly atMs: number; readonly kind: 'tamper'; readonly region: string};

/** A change a colleague made from another cockpit before this one opened (`atMs` negative), read back as a team action. */
export interface ScenarioTeamAction {
  readonly atMs: number;
  readonly action: 'restart' | 'scale' | 'rollback';
  readonly service: string;
  readonly region: string;
  readonly detail: string;
  readonly by: string;
  readonly host: string;
  readonly reason: string;
  readonly incident?: string;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly story: string;
  readonly events: readonly ScenarioEvent[];
  /** Colleagues' changes the journal view (`J`) lists and a confirmation on the same service mentions. */
  readonly team?: readonly ScenarioTeamAction[];
}

const MIN = 60_000;

export const SCENARIO_DEFS: Readonly<Record<ScenarioName, Scenario>> = {
  calm: {name: 'calm', story: 'A quiet shift: everything within SLO.', events: []},
  'bad-deploy': {
    name: 'bad-deploy',
    story: 'ingestion 1.2.5 reached us-east 20 minutes ago: errors and latency up, the availability burn pages. Roll it back.',
    events: [{atMs: -20 * MIN, kind: 'deploy', service: 'ingestion', region: 'us-east', version: '1.2.5', bad: true}],
    // A colleague on another jump box tried a restart first (it cannot help a bad image): the rollback is still to do.
    team: [
      {
        atMs: -3 * MIN,
        action: 'restart',
        service: 'ingestion',
        region: 'us-east',
        detail: 'restart deployment/ingestion',
        by: 'bob',
        host: 'jump-3',
        reason: 'pods crash-looping since 1.2.5; a restart first, to rule out bad nodes',
        incident: 'INC-2041',
      },
    ],
  },
  'projection-stall': {
    name: 'projection-stall',
    story: 'The timeline projection in us-east stalled 40 minutes ago: lag climbs, lock-lost dead letters pile up.',
    events: [{atMs: -40 * MIN, kind: 'stall', projection: 'timeline', region: 'us-east'}],
  },
  'dlq-storm': {
    name: 'dlq-storm',
    story: 'A schema change 45 minutes ago broke deserialisation for three consumers: dead letters storm in.',
    events: [
      {
        atMs: -45 * MIN,
        kind: 'storm',
        entities: [
          'audit.appended.v1/Subscriptions/search-indexer',
          'audit.appended.v1/Subscriptions/export-feed',
          'tenant.lifecycle.v1/Subscriptions/search-tenant',
        ],
        reason: 'SerializationException',
        perMinute: 9,
      },
    ],
  },
  'region-outage': {
    name: 'region-outage',
    story: 'us-east went dark 8 minutes ago: no ready pods, probes unreachable, the budget burns. Fail over.',
    events: [{atMs: -8 * MIN, kind: 'outage', region: 'us-east'}],
  },
  tamper: {
    name: 'tamper',
    story: "eu-west's hash-chain verifier has failed on one segment for 6 minutes: possible tampering. Freeze integrity first.",
    events: [{atMs: -6 * MIN, kind: 'tamper', region: 'eu-west'}],
  },
};

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

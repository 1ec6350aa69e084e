// The demo's PagerDuty: incidents as an Alertmanager integration would have opened them for each scenario's paging
// alerts, on the demo clock, answering acknowledge, escalate and resolve like the real service (same rules as the
// REST API: a resolved incident takes no change; escalating reassigns to the level's on-call and re-triggers).
import type {Clock} from '../clock.js';
import {DEFAULT_BASE_URL, DEFAULT_TOKEN_ENV} from '../pagerduty/config.js';
import type {LevelTargets, Pager, PagingIncident} from '../pagerduty/types.js';
import {sleep} from '../sleep.js';
import type {ScenarioName} from './scenarios.js';

const MIN = 60_000;

/** The demo's escalation policy "ATP": who is on call at each level (the runbook's rotation). */
const LEVELS = [
  {schedule: 'ATP Primary', user: 'Dana Primary'},
  {schedule: 'ATP Secondary', user: 'Sam Secondary'},
  {schedule: 'ATP Manager', user: 'Mia Manager'},
] as const;

/** Whom the demo acts as (the From header). */
export const DEMO_FROM = 'oncall@demo.invalid';
const DEMO_USER = 'You (demo on-call)';

/** Paging alerts each scenario raises (SEV-1 and SEV-2 page; SEV-3 goes to #atp-ops), and when the page went out. */
const PAGES: Readonly<Record<ScenarioName, readonly {readonly name: string; readonly target: string; readonly atMs: number}[]>> = {
  calm: [],
  'bad-deploy': [
    {name: 'ErrorBudgetBurn', target: 'atp-availability', atMs: -17 * MIN},
    {name: 'HighErrorRate', target: 'ingestion@us-east', atMs: -14 * MIN},
  ],
  'projection-stall': [{name: 'ProjectionLagHigh', target: 'timeline@us-east', atMs: -28 * MIN}],
  'dlq-storm': [],
  tamper: [{name: 'TamperDetected', target: 'integrity@eu-west', atMs: -6 * MIN}],
  'region-outage': ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'].map((s) => ({
    name: 'ServiceDown',
    target: `${s}@us-east`,
    atMs: -8 * MIN,
  })),
};

interface DemoIncident {
  incident: PagingIncident;
}

/** The demo pager for `scenario`. `delayMs` makes each change take a moment, as a network call would. */
export function createDemoPager(scenario: ScenarioName, clock: Clock, delayMs = 300): Pager {
  const start = clock.now();
  const incidents = new Map<string, DemoIncident>();
  PAGES[scenario].forEach((p, i) => {
    const id = `PDEMO${String(i + 1).padStart(3, '0')}`;
    const at = start + p.atMs;
    incidents.set(id, {
      incident: {
        id,
        number: 1041 + i,
        // Alertmanager's default PagerDuty description: "[FIRING:1] alertname (labels)".
        title: `[FIRING:1] ${p.name} ${p.target}`,
        status: 'triggered',
        urgency: 'high',
        service: {id: 'PATPDEM', name: 'ATP (demo)'},
        escalationPolicy: {id: 'PPOLDEM', name: 'ATP'},
        assignees: [LEVELS[0].user],
        level: 1,
        createdAt: at,
        statusSince: at,
      },
    });
  });
  const find = (id: string): DemoIncident => {
    const found = incidents.get(id);
    if (!found) throw new Error(`PagerDuty has no such object (404 while reading incident ${id})`);
    return found;
  };
  const update = (id: string, change: (i: PagingIncident) => PagingIncident) => {
    const entry = find(id);
    if (entry.incident.status === 'resolved')
      throw new Error(`PagerDuty rejected the request (400 Bad Request: Arguments Caused Error; Incident Already Resolved)`);
    entry.incident = change(entry.incident);
    return {incident: entry.incident};
  };
  return {
    kind: 'demo',
    description: 'demo PagerDuty (in memory; nobody is paged)',
    tokenEnv: DEFAULT_TOKEN_ENV,
    from: DEMO_FROM,
    baseUrl: DEFAULT_BASE_URL,
    async list() {
      const open = [...incidents.values()].map((e) => e.incident).filter((i) => i.status !== 'resolved');
      return {incidents: open, at: clock.now(), pages: 1};
    },
    async get(id) {
      return find(id).incident;
    },
    async levels(): Promise<readonly LevelTargets[]> {
      return LEVELS.map((l, i) => ({level: i + 1, targets: [l.schedule]}));
    },
    async acknowledge(id, run) {
      run.progress({kind: 'step', message: `PagerDuty: acknowledge incident ${id}`});
      await sleep(clock, delayMs, run.signal);
      const at = clock.now();
      return update(id, (i) => (i.status === 'acknowledged' ? i : {...i, status: 'acknowledged', statusSince: at, acknowledged: {by: DEMO_USER, at}}));
    },
    async escalate(id, level, run) {
      run.progress({kind: 'step', message: `PagerDuty: escalate incident ${id} to level ${level}`});
      await sleep(clock, delayMs, run.signal);
      const target = LEVELS[level - 1];
      if (!target) throw new Error(`PagerDuty rejected the request (400 Bad Request: Escalation level must be an integer from 1 to ${LEVELS.length})`);
      const at = clock.now();
      return update(id, (i) => ({...i, level, assignees: [target.user], status: 'triggered', statusSince: at, acknowledged: undefined}));
    },
    async resolve(id, run) {
      run.progress({kind: 'step', message: `PagerDuty: resolve incident ${id}`});
      await sleep(clock, delayMs, run.signal);
      const at = clock.now();
      return update(id, (i) => ({...i, status: 'resolved', statusSince: at, assignees: [], acknowledged: undefined}));
    },
  };
}

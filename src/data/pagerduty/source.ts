// The PagerDuty pager: open incidents of the configured services (every page of them), their assignees' escalation
// levels from /oncalls, and the three incident changes, each as one PUT /incidents/{id}.
import type {Clock} from '../clock.js';
import {SourceError} from '../errors.js';
import type {RunControl} from '../sources/types.js';
import {PagerDutyClient, type Sleeper} from './client.js';
import {changeBody} from './command.js';
import type {PagerDutyOptions} from './config.js';
import {onCallLevels, parseIncident, parsePolicyLevels, type IncidentJson, type OnCallJson, type OnCallLevels} from './parse.js';
import type {LevelTargets, Pager, PagingChange, PagingIncident, PagingOutcome, PagingReading} from './types.js';

/** PagerDuty's largest page for classic pagination. */
export const PAGE_LIMIT = 100;
/** Our choice: 25 pages (2,500 open incidents) per poll. Past that the list is an event storm, not something to read. */
export const MAX_PAGES = 25;

export interface PagerDutyPagerOptions {
  readonly sleeper?: Sleeper;
  readonly readOnly?: boolean;
}

/** Builds the pager over the REST API. */
export function createPagerDutyPager(options: PagerDutyOptions, clock: Clock, extra: PagerDutyPagerOptions = {}): Pager & {readonly client: PagerDutyClient} {
  const client = new PagerDutyClient(options, clock, extra.sleeper, extra.readOnly);

  /** Every item of a paged list: offset advances by what came back, until `more` is false (or MAX_PAGES). */
  async function all<T>(path: string, key: 'incidents' | 'oncalls', query: [string, string][], what: string, signal: AbortSignal) {
    const items: T[] = [];
    let offset = 0;
    let pages = 0;
    for (;;) {
      const page = await client.call<Record<string, unknown>>('GET', path, {
        query: [...query, ['limit', String(PAGE_LIMIT)], ['offset', String(offset)]],
        signal,
        what: `${what} (page ${pages + 1})`,
      });
      pages++;
      const list = page[key];
      if (!Array.isArray(list)) throw new SourceError('shape', `PagerDuty's answer to ${what} has no "${key}" list`);
      items.push(...(list as T[]));
      if (page.more !== true || list.length === 0) return {items, pages, truncated: false};
      if (pages >= MAX_PAGES) return {items, pages, truncated: true};
      offset += list.length;
    }
  }

  /** Levels of the assignees; an account whose key may not read /oncalls still lists its incidents. */
  async function levelsOf(policyIds: readonly string[], signal: AbortSignal): Promise<OnCallLevels> {
    if (policyIds.length === 0) return new Map();
    try {
      const {items} = await all<OnCallJson>(
        '/oncalls',
        'oncalls',
        policyIds.map((id) => ['escalation_policy_ids[]', id]),
        'list on-calls',
        signal,
      );
      return onCallLevels(items);
    } catch (error) {
      if (error instanceof SourceError && (error.kind === 'auth' || error.kind === 'http')) return new Map();
      throw error;
    }
  }

  const policies = (incidents: readonly IncidentJson[]) => [
    ...new Set(incidents.flatMap((i) => (typeof i.escalation_policy?.id === 'string' ? [i.escalation_policy.id] : []))),
  ];

  async function change(id: string, body: PagingChange, what: string, run: RunControl): Promise<PagingOutcome> {
    run.progress({kind: 'step', message: `PagerDuty: ${what}`});
    const answer = await client.call<{incident?: IncidentJson}>('PUT', `/incidents/${encodeURIComponent(id)}`, {
      body: changeBody(body),
      signal: run.signal,
      what,
    });
    if (!answer.incident) throw new SourceError('shape', `PagerDuty's answer to ${what} has no incident`);
    const levels = await levelsOf(policies([answer.incident]), run.signal);
    return {incident: parseIncident(answer.incident, levels)};
  }

  const services = `${options.services.length} service${options.services.length === 1 ? '' : 's'}`;
  return {
    kind: 'pagerduty',
    client,
    description: `PagerDuty ${options.baseUrl} (${services}, token from $${options.tokenEnv})`,
    tokenEnv: options.tokenEnv,
    from: options.from,
    baseUrl: options.baseUrl,
    async list(signal): Promise<PagingReading> {
      const query: [string, string][] = [
        ...options.services.map((s): [string, string] => ['service_ids[]', s]),
        ['statuses[]', 'triggered'],
        ['statuses[]', 'acknowledged'],
        ['sort_by', 'created_at:desc'],
      ];
      const {items, pages, truncated} = await all<IncidentJson>('/incidents', 'incidents', query, 'list incidents', signal);
      const levels = await levelsOf(policies(items), signal);
      return {incidents: items.map((i) => parseIncident(i, levels)), at: clock.now(), pages, ...(truncated ? {truncated} : {})};
    },
    async get(id, signal): Promise<PagingIncident> {
      const answer = await client.call<{incident?: IncidentJson}>('GET', `/incidents/${encodeURIComponent(id)}`, {signal, what: `read incident ${id}`});
      if (!answer.incident) throw new SourceError('shape', `PagerDuty's answer for incident ${id} has no incident`);
      return parseIncident(answer.incident, await levelsOf(policies([answer.incident]), signal));
    },
    async levels(policyId, signal): Promise<readonly LevelTargets[]> {
      return parsePolicyLevels(
        await client.call('GET', `/escalation_policies/${encodeURIComponent(policyId)}`, {signal, what: `read escalation policy ${policyId}`}),
      );
    },
    acknowledge: (id, run) => change(id, {status: 'acknowledged'}, `acknowledge incident ${id}`, run),
    escalate: (id, level, run) => change(id, {escalationLevel: level}, `escalate incident ${id} to level ${level}`, run),
    resolve: (id, run) => change(id, {status: 'resolved'}, `resolve incident ${id}`, run),
    close: () => client.close(),
  };
}

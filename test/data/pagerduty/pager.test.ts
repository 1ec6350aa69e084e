// The PagerDuty pager against the loopback double: listing across pages, the three changes with PagerDuty's bodies and
// headers, 429 honoured through Retry-After on an injected sleeper, 401/403/400 in plain words, cancellation.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../../../src/data/clock.js';
import {SourceError} from '../../../src/data/errors.js';
import {pagerDutyOptions} from '../../../src/data/pagerduty/config.js';
import {createPagerDutyPager} from '../../../src/data/pagerduty/source.js';
import type {Progress} from '../../../src/data/sources/types.js';
import {PAGERDUTY_ACCEPT, startPagerDutyDouble, type PagerDutyDouble} from '../../doubles/pagerduty-double.js';

let pd: PagerDutyDouble;
let clock: ManualClock;
let waits: number[];

const run = (signal = new AbortController().signal) => ({signal, progress: (_p: Progress) => undefined});

function pager(token = pd.tokens.full, extra: {readOnly?: boolean} = {}) {
  const options = pagerDutyOptions('prod', {url: pd.url, from: 'oncall@connectsoft.com', services: ['PSVC001', 'PSVC002']}, {ATP_PAGERDUTY_TOKEN: token});
  return createPagerDutyPager(options, clock, {
    sleeper: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    ...extra,
  });
}

beforeEach(async () => {
  clock = new ManualClock();
  waits = [];
  pd = await startPagerDutyDouble(() => clock.now());
});
afterEach(async () => {
  await pd.close();
});

describe('listing open incidents', () => {
  it('reads every page of triggered and acknowledged incidents of the configured services', async () => {
    for (let i = 0; i < 230; i++)
      pd.addIncident({title: `HighErrorRate ingestion@us-east #${i}`, service_id: 'PSVC001', created_at: new Date(clock.now() - i * 1000).toISOString()});
    pd.addIncident({title: 'other service', service_id: 'PSVC999'});
    pd.addIncident({title: 'already resolved', service_id: 'PSVC002', status: 'resolved'});
    pd.addIncident({title: 'ServiceDown gateway@us-east', service_id: 'PSVC002', status: 'acknowledged'});
    const p = pager();
    const reading = await p.list(new AbortController().signal);
    p.close?.();
    expect(reading.incidents).toHaveLength(231);
    expect(reading.pages).toBe(3);
    expect(new Set(reading.incidents.map((i) => i.id)).size).toBe(231);
    const lists = pd.requests.filter((r) => r.path === '/incidents');
    expect(lists.map((r) => r.query.find(([k]) => k === 'offset')?.[1])).toEqual(['0', '100', '200']);
    const q = lists[0]!.query;
    expect(q.filter(([k]) => k === 'service_ids[]').map(([, v]) => v)).toEqual(['PSVC001', 'PSVC002']);
    expect(q.filter(([k]) => k === 'statuses[]').map(([, v]) => v)).toEqual(['triggered', 'acknowledged']);
    expect(q.find(([k]) => k === 'limit')?.[1]).toBe('100');
    expect(lists[0]!.accept).toBe(PAGERDUTY_ACCEPT);
    expect(lists[0]!.authorization).toBe(`Token token=${pd.tokens.full}`);
    // Levels come from /oncalls of the incidents' policy: level 1 is the primary.
    expect(reading.incidents.find((i) => i.title.endsWith('#0'))).toMatchObject({
      status: 'triggered',
      assignees: ['Ana Primary'],
      level: 1,
      escalationPolicy: {name: 'ATP'},
    });
  });

  it('sanitises incident titles before anything shows them', async () => {
    pd.addIncident({title: 'ServiceDown \u001b]0;pwned\u0007query@eu-west\u001b[2J', service_id: 'PSVC001'});
    const p = pager();
    const [incident] = (await p.list(new AbortController().signal)).incidents;
    p.close?.();
    expect(incident!.title).not.toMatch(/\u001b|\u0007/);
    expect(incident!.title).toContain('query@eu-west');
  });
});

describe('changing an incident', () => {
  it('acknowledges with PUT /incidents/{id}, an incident_reference body and the From header', async () => {
    const i = pd.addIncident({title: 'ServiceDown gateway@us-east', service_id: 'PSVC001'});
    clock.advance(120_000);
    const p = pager();
    const {incident} = await p.acknowledge(i.id, run());
    p.close?.();
    const put = pd.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/incidents/${i.id}`);
    expect(JSON.parse(put.body!)).toEqual({incident: {type: 'incident_reference', status: 'acknowledged'}});
    expect(put.from).toBe('oncall@connectsoft.com');
    expect(put.contentType).toBe('application/json');
    expect(incident).toMatchObject({status: 'acknowledged', acknowledged: {by: 'On Call', at: clock.now()}, statusSince: clock.now()});
  });

  it('escalates to the next level: the incident is reassigned to whoever is on call there', async () => {
    const i = pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001', status: 'acknowledged'});
    const p = pager();
    const {incident} = await p.escalate(i.id, 2, run());
    const levels = await p.levels('PPOL001', new AbortController().signal);
    p.close?.();
    expect(JSON.parse(pd.requests.find((r) => r.method === 'PUT')!.body!)).toEqual({incident: {type: 'incident_reference', escalation_level: 2}});
    expect(incident).toMatchObject({level: 2, assignees: ['Sam Secondary'], status: 'triggered'});
    expect(levels.map((l) => l.targets)).toEqual([['ATP Primary'], ['ATP Secondary'], ['ATP Manager']]);
  });

  it('resolves: no assignees remain', async () => {
    const i = pd.addIncident({title: 'HighErrorRate ingestion@us-east', service_id: 'PSVC001'});
    const p = pager();
    const {incident} = await p.resolve(i.id, run());
    p.close?.();
    expect(JSON.parse(pd.requests.find((r) => r.method === 'PUT')!.body!)).toEqual({incident: {type: 'incident_reference', status: 'resolved'}});
    expect(incident).toMatchObject({status: 'resolved', assignees: []});
  });

  it("400 on a bad body is reported with PagerDuty's own message and errors", async () => {
    const i = pd.addIncident({title: 'x', service_id: 'PSVC001'});
    const p = pager();
    const error = await p.escalate(i.id, 7, run()).catch((e: unknown) => e);
    const raw = await p.client.call('PUT', `/incidents/${i.id}`, {body: {incident: {status: 'acknowledged'}}, what: 'acknowledge'}).catch((e: unknown) => e);
    p.close?.();
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/400 Bad Request: Invalid Input Provided; code 2001; Escalation level must be an integer from 1 to 3/);
    expect((raw as Error).message).toMatch(/400 Bad Request.*incident\.type must be/);
  });
});

describe('rate limits and refusals', () => {
  it('429 waits what Retry-After says on the injected clock, then succeeds', async () => {
    pd.addIncident({title: 'x', service_id: 'PSVC001'});
    pd.fail({status: 429, retryAfter: '7', method: 'GET'});
    const p = pager();
    const start = clock.now();
    const reading = await p.list(new AbortController().signal);
    p.close?.();
    expect(waits).toEqual([7000]);
    expect(clock.now() - start).toBe(7000);
    expect(reading.incidents).toHaveLength(1);
    expect(pd.requests.filter((r) => r.path === '/incidents').map((r) => r.status)).toEqual([429, 200]);
  });

  it('429 that keeps coming gives up after two retries, and a Retry-After past 30 s is not waited for', async () => {
    pd.fail({status: 429, retryAfter: '2', times: 3});
    const p = pager();
    const error = await p.list(new AbortController().signal).catch((e: unknown) => e);
    expect(waits).toEqual([2000, 2000]);
    expect((error as Error).message).toMatch(/rate limit: list incidents \(page 1\) was refused 3 times \(429\); try again in 2s/);
    waits = [];
    pd.fail({status: 429, retryAfter: '120'});
    const long = await p.acknowledge('PINC0001', run()).catch((e: unknown) => e);
    p.close?.();
    expect(waits).toEqual([]);
    expect((long as Error).message).toMatch(/refused once \(429\); try again in 120s/);
  });

  it('a Retry-After that is neither seconds nor an HTTP date waits the fallback (2 s), not zero', async () => {
    pd.addIncident({title: 'x', service_id: 'PSVC001'});
    // Date.parse reads "-5" as a date in 2001: taken for a date, it meant "retry at once".
    pd.fail({status: 429, retryAfter: '-5', method: 'GET'});
    const p = pager();
    await p.list(new AbortController().signal);
    p.close?.();
    expect(waits).toEqual([2000]);
  });

  it('401 says which variable holds the refused key', async () => {
    const p = pager('not-a-key');
    const error = await p.list(new AbortController().signal).catch((e: unknown) => e);
    p.close?.();
    expect(error).toMatchObject({kind: 'auth'});
    expect((error as Error).message).toMatch(/PagerDuty refused the key in \$ATP_PAGERDUTY_TOKEN \(401 Unauthorized: Unauthorized; code 2006/);
    expect((error as Error).message).not.toContain('not-a-key');
  });

  it('403 on a change says which permission the key lacks', async () => {
    const i = pd.addIncident({title: 'x', service_id: 'PSVC001'});
    const p = pager(pd.tokens.readOnly);
    expect((await p.list(new AbortController().signal)).incidents).toHaveLength(1);
    const error = await p.acknowledge(i.id, run()).catch((e: unknown) => e);
    p.close?.();
    expect(error).toMatchObject({kind: 'auth'});
    expect((error as Error).message).toMatch(
      /forbids the key in \$ATP_PAGERDUTY_TOKEN to acknowledge incident PINC0001 \(403 Forbidden: Access Denied.*full-access API key/,
    );
    expect(pd.incidents.get(i.id)!.status).toBe('triggered');
  });

  it('a read-only pager refuses changes before any request is sent', async () => {
    const p = pager(pd.tokens.full, {readOnly: true});
    const error = await p.resolve('PINC0001', run()).catch((e: unknown) => e);
    p.close?.();
    expect((error as Error).message).toMatch(/read-only/);
    expect(pd.requests).toHaveLength(0);
  });

  it('a request with no answer times out with the configured timeout', async () => {
    pd.fail({status: 0, hang: true});
    const options = pagerDutyOptions(
      'prod',
      {url: pd.url, from: 'oncall@connectsoft.com', services: ['PSVC001'], timeout: 0.2},
      {ATP_PAGERDUTY_TOKEN: pd.tokens.full},
    );
    const p = createPagerDutyPager(options, clock);
    const error = await p.list(new AbortController().signal).catch((e: unknown) => e);
    p.close?.();
    expect(error).toMatchObject({kind: 'timeout'});
    expect((error as Error).message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 0\.2s/);
  });

  it('an aborted signal stops the request', async () => {
    const p = pager();
    const abort = new AbortController();
    abort.abort(new Error('stopped'));
    const error = await p.list(abort.signal).catch((e: unknown) => e);
    p.close?.();
    expect((error as Error).message).toMatch(/cancelled/);
  });
});

// The timeline model: one ordered record from alert transitions, actions, pages, updates, colleagues' Events and
// deploy markers; duplicates from a second cockpit or from the cockpit's own Events left out; outside strings sanitised.
import {describe, expect, it} from 'vitest';
import type {JournalEntry, JournalRecord} from '../../src/actions/journal.js';
import {buildTimeline, kindOfAction, otherContexts} from '../../src/actions/timeline.js';
import {timelineJson, timelineLine, timelineMarkdown, timelineText} from '../../src/actions/timeline-format.js';
import type {TeamAction} from '../../src/data/sources/types.js';

const T0 = Date.UTC(2026, 11, 6, 2, 0, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
function entry(atMs: number, record: Partial<JournalRecord>): JournalEntry {
  seq++;
  return {
    actionId: record.actionId ?? `a${seq}`,
    action: 'rollback',
    phase: 'finished',
    who: {user: 'alice', host: 'jump1'},
    context: 'prod',
    environment: 'prod',
    target: 'ingestion@us-east',
    ...record,
    seq,
    at: iso(atMs),
    prev: '0'.repeat(64),
    hash: String(seq),
  } as JournalEntry;
}

const fired = (at: number, since: number, who = 'alice', value = 'errors 12.0% > 5.0%') =>
  entry(at, {
    action: 'alert',
    phase: 'fired',
    actionId: `ep-${who}`,
    who: {user: who, host: 'jump1'},
    params: {alert: 'HighErrorRate', key: 'HighErrorRate:ingestion@us-east', severity: 2, value, since: iso(since), onset: iso(since - 5 * MIN)},
  });
const cleared = (at: number, clearedAt: number, who = 'alice') =>
  entry(at, {
    action: 'alert',
    phase: 'cleared',
    actionId: `ep-${who}`,
    who: {user: who, host: 'jump1'},
    params: {
      alert: 'HighErrorRate',
      key: 'HighErrorRate:ingestion@us-east',
      severity: 2,
      value: 'errors 0.4% > 5.0%',
      since: iso(T0),
      clearedAt: iso(clearedAt),
    },
  });

describe('timeline model', () => {
  it('orders alerts by when they fired and cleared (not when written), actions by their journal time, and skips "started"', () => {
    const journal = [
      fired(T0 + 2 * MIN, T0),
      entry(T0 + 10 * MIN, {phase: 'planned'}),
      entry(T0 + 11 * MIN, {phase: 'confirmed', reason: 'bad deploy', incident: 'INC-7'}),
      entry(T0 + 11 * MIN, {phase: 'started'}),
      entry(T0 + 12 * MIN, {phase: 'finished', message: 'rolled back to revision 2'}),
      cleared(T0 + 20 * MIN, T0 + 18 * MIN),
    ];
    const t = buildTimeline({journal, context: 'prod'});
    expect(t.map((e) => `${e.kind}:${e.what}`)).toEqual(['alert:fired', 'action:planned', 'action:confirmed', 'action:finished', 'alert:cleared']);
    expect(t[0]).toMatchObject({
      at: T0,
      subject: 'HighErrorRate',
      value: 'errors 12.0% > 5.0%',
      severity: 2,
      detail: `condition since ${iso(T0 - 5 * MIN).replace('.000Z', 'Z')}`,
    });
    expect(t[2]).toMatchObject({who: 'alice@jump1', reason: 'bad deploy', incident: 'INC-7'});
    expect(t[4]).toMatchObject({at: T0 + 18 * MIN, value: 'errors 0.4% > 5.0%'});
    expect(buildTimeline({journal, context: 'prod', since: T0 + 11 * MIN}).map((e) => e.what)).toEqual(['confirmed', 'finished', 'cleared']);
  });

  it("keeps to the context it is about: a demo session's or another context's entries in the same journal are left out, and counted", () => {
    const journal = [
      fired(T0, T0),
      entry(T0 + MIN, {context: 'demo', environment: 'demo', phase: 'confirmed', reason: 'playing the demo'}),
      entry(T0 + 2 * MIN, {context: 'staging', environment: 'staging', phase: 'finished'}),
      entry(T0 + 3 * MIN, {context: 'demo', environment: 'demo', phase: 'finished'}),
    ];
    const t = buildTimeline({journal, context: 'prod'});
    expect(t.map((e) => e.what)).toEqual(['fired']);
    expect(otherContexts(journal, 'prod')).toBe('3 journal entries of other contexts left out (demo 2, staging 1)');
    expect(otherContexts(journal.slice(0, 1), 'prod')).toBeUndefined();
  });

  it('one alert seen by two cockpits is one firing and one clearing', () => {
    const journal = [
      fired(T0, T0, 'alice'),
      fired(T0 + 5_000, T0 + 3_000, 'bob'),
      cleared(T0 + 30 * MIN, T0 + 29 * MIN, 'alice'),
      cleared(T0 + 31 * MIN, T0 + 30 * MIN, 'bob'),
    ];
    const t = buildTimeline({journal, context: 'prod'});
    expect(t.map((e) => `${e.what}:${e.who}`)).toEqual(['fired:alice@jump1', 'cleared:alice@jump1']);
  });

  it('pages, acknowledgements, escalations and posted updates are read by their action kind', () => {
    expect(['acknowledge', 'escalate', 'resolve', 'page', 'pagerduty-ack', 'pager:reassign'].map(kindOfAction)).toEqual(Array(6).fill('page'));
    expect(['update', 'status-update', 'slack', 'post-update'].map(kindOfAction)).toEqual(Array(4).fill('update'));
    expect(['rollback', 'replay', 'freeze', 'restart', 'scale', 'updater'].map(kindOfAction)).toEqual(Array(6).fill('action'));
    const text = 'SEV-2 ingestion us-east: errors up after 1.2.5.\nRolled back at 03:00.\nNext update 03:30.';
    const t = buildTimeline({
      context: 'prod',
      journal: [
        entry(T0, {action: 'acknowledge', target: 'PD Q1ABC'}),
        entry(T0 + MIN, {action: 'update', target: '#atp-incidents', params: {via: 'clipboard', text}}),
      ],
    });
    expect(t.map((e) => e.kind)).toEqual(['page', 'update']);
    // The update's own words are part of the record, on one line.
    expect(t[1]?.value).toMatch(/^SEV-2 ingestion us-east: errors up after 1\.2\.5\. ?Rolled back at 03:00\. ?Next update 03:30\.$/);
  });

  it("colleagues' changes come in from Events; the Event our own journaled action left is not repeated", () => {
    const team: TeamAction[] = [
      {
        at: T0 + 12 * MIN + 2_000,
        by: 'alice',
        host: 'jump1',
        action: 'rollback',
        object: 'deployment/ingestion -n atp-ingest-ns',
        region: 'us-east',
        reason: 'bad deploy',
        message: 'ours',
      },
      {
        at: T0 + 14 * MIN,
        by: 'bob',
        host: 'jump2',
        action: 'scale',
        object: 'deployment/query -n atp-query-ns',
        region: 'eu-west',
        reason: 'load',
        incident: 'INC-7',
        message: 'theirs',
      },
    ];
    const t = buildTimeline({journal: [entry(T0 + 12 * MIN, {phase: 'finished'})], context: 'prod', team});
    expect(t.map((e) => `${e.kind}:${e.who}`)).toEqual(['action:alice@jump1', 'team:bob@jump2']);
    expect(t[1]).toMatchObject({what: 'scale', target: 'deployment/query -n atp-query-ns (eu-west)', source: 'kubernetes', incident: 'INC-7'});
    // An Event carrying a journaled action's id is that action's, however late it is read; the service names the target.
    const late = {...team[0]!, at: T0 + 60 * MIN, id: 'a-rollback', service: 'ingestion'};
    const other = {...team[1]!, id: 'someone-else', service: 'query'};
    const t2 = buildTimeline({journal: [entry(T0 + 12 * MIN, {phase: 'finished', actionId: 'a-rollback'})], context: 'prod', team: [late, other]});
    expect(t2.map((e) => `${e.kind}:${e.target}`)).toEqual(['action:ingestion@us-east', 'team:query@eu-west']);
  });

  it('a deploy marker says when the errors began after it, on the same target', () => {
    const journal = [fired(T0 + 10 * MIN, T0 + 9 * MIN)];
    const deploys = [
      {at: T0 + 3 * MIN, target: 'ingestion@us-east', revision: 3, version: '1.2.5'},
      {at: T0 + 5 * MIN, target: 'query@eu-west', revision: 7, version: '2.0.1'},
    ];
    const t = buildTimeline({journal, context: 'prod', deploys});
    expect(t.map((e) => `${e.kind}:${e.target}:${e.detail ?? ''}`)).toEqual([
      'deploy:ingestion@us-east:errors began 1m after it (HighErrorRate, fired 6m after)',
      'deploy:query@eu-west:',
      `alert:ingestion@us-east:condition since ${iso(T0 + 4 * MIN).replace('.000Z', 'Z')}`,
    ]);
  });

  it('every outside string is sanitised, and Markdown cells cannot break the table', () => {
    const hostile = 'x\u001b]0;owned\u0007|y\u001b[2J\nz\u202e';
    const journal = [entry(T0, {action: 'update', target: hostile, reason: hostile, message: hostile, who: {user: hostile, host: 'h'}})];
    const team: TeamAction[] = [{at: T0 + 1, by: hostile, host: 'h', action: hostile, object: hostile, region: 'r', reason: hostile, message: hostile}];
    const t = buildTimeline({journal, context: 'prod', team});
    const header = {journal: '/j', notes: []};
    for (const out of [timelineText(t, header), timelineMarkdown(t, header), JSON.stringify(timelineJson(t, header))]) {
      expect(out).not.toMatch(/\u001b|\u0007|\u202e/);
    }
    for (const e of t) expect(timelineLine(e)).not.toContain('\n');
    const rows = timelineMarkdown(t, header)
      .split('\n')
      .filter((l) => l.startsWith('| 2026'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });
});

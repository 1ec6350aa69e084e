// The incident record's alert transitions: written once per firing and clearing, bounded, and in the verified chain.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {AlertRecorder, CLEAR_HOLD_MS, type AlertObservation} from '../../src/actions/alert-record.js';
import {Journal} from '../../src/actions/journal.js';
import {verifyJournal} from '../../src/actions/journal-verify.js';
import type {ActiveAlert} from '../../src/data/alerts/evaluate.js';
import {escalationFor} from '../../src/data/alerts/escalation.js';
import type {PaneId} from '../../src/data/readings/types.js';

const T0 = Date.UTC(2026, 11, 6, 3, 0, 0);

function alert(summary: string, over: Partial<ActiveAlert> = {}): ActiveAlert {
  return {
    key: 'HighErrorRate:ingestion@us-east',
    name: 'HighErrorRate',
    severity: 2,
    target: 'ingestion@us-east',
    summary,
    threshold: '>5% errors, 5min',
    runbook: '6.2 (Error Investigation)',
    pane: 'health',
    state: 'firing',
    activeSince: T0 - 10 * 60_000,
    firingSince: T0 - 5 * 60_000,
    forMs: 5 * 60_000,
    escalation: escalationFor(2, 0),
    clocks: [],
    stale: false,
    ...over,
  };
}

const ALL: ReadonlySet<PaneId> = new Set(['health', 'lag', 'dlq', 'outbox', 'burn']);
const seen = (alerts: ActiveAlert[], now: number, over: Partial<AlertObservation> = {}): AlertObservation => ({
  alerts,
  now,
  readPanes: ALL,
  unevaluated: new Set(),
  ...over,
});

function setup() {
  let now = T0;
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'atp-record-')), 'journal.jsonl'), () => now);
  const scope = {journal, identity: {user: 'alice', host: 'jump1'}, context: 'prod', environment: 'prod'};
  return {journal, scope, at: (ms: number) => (now = ms)};
}

describe('alert transitions in the journal', () => {
  it('a firing alert is written once with its value and since; every later evaluation writes nothing until it clears', async () => {
    const {journal, scope} = setup();
    const recorder = new AlertRecorder(scope);
    for (let i = 0; i < 30; i++) recorder.observe(seen([alert(`errors ${12 + i}.0% > 5.0%`)], T0 + i * 1000));
    await recorder.flush();
    const entries = journal.read();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'alert',
      phase: 'fired',
      target: 'ingestion@us-east',
      context: 'prod',
      params: {
        alert: 'HighErrorRate',
        severity: 2,
        value: 'errors 12.0% > 5.0%',
        region: 'us-east',
        since: new Date(T0 - 5 * 60_000).toISOString(),
        pane: 'health',
      },
    });
    // Gone: cleared only after the hold, with the last value it had and when it was first seen gone.
    recorder.observe(seen([], T0 + 40_000));
    recorder.observe(seen([], T0 + 40_000 + CLEAR_HOLD_MS - 1));
    await recorder.flush();
    expect(journal.read()).toHaveLength(1);
    recorder.observe(seen([], T0 + 40_000 + CLEAR_HOLD_MS));
    await recorder.flush();
    const cleared = journal.read()[1];
    expect(cleared).toMatchObject({
      phase: 'cleared',
      actionId: entries[0]?.actionId,
      params: {value: 'errors 41.0% > 5.0%', clearedAt: new Date(T0 + 40_000).toISOString()},
    });
    expect(verifyJournal(journal.path)).toMatchObject({ok: true, entries: 2});
  });

  it('a pending alert is not recorded; a flapping one writes one pair per hold, not one per flap', async () => {
    const {journal, scope} = setup();
    const recorder = new AlertRecorder(scope);
    recorder.observe(seen([alert('errors 6%', {state: 'pending', firingSince: undefined})], T0));
    for (let i = 0; i < 20; i++) recorder.observe(seen(i % 2 ? [] : [alert('errors 6%')], T0 + 60_000 + i * 5_000));
    await recorder.flush();
    expect(journal.read().map((e) => e.phase)).toEqual(['fired']);
  });

  it('an alert is not cleared while its pane has no reading or its rule could not be evaluated', async () => {
    const {journal, scope} = setup();
    const recorder = new AlertRecorder(scope);
    recorder.observe(seen([alert('errors 9%')], T0));
    recorder.observe(seen([], T0 + 1_000, {readPanes: new Set(['lag'])}));
    recorder.observe(seen([], T0 + 10 * CLEAR_HOLD_MS, {readPanes: new Set(['lag'])}));
    recorder.observe(seen([], T0 + 20 * CLEAR_HOLD_MS, {unevaluated: new Set(['HighErrorRate'])}));
    await recorder.flush();
    expect(journal.read().map((e) => e.phase)).toEqual(['fired']);
  });

  it('a cockpit started while the journal holds an alert open neither fires it again nor forgets to clear it', async () => {
    const {journal, scope, at} = setup();
    const first = new AlertRecorder(scope);
    first.observe(seen([alert('errors 9%')], T0));
    await first.flush();
    at(T0 + 3_600_000);
    const second = new AlertRecorder(scope);
    second.observe(seen([alert('errors 8%')], T0 + 3_600_000));
    await second.flush();
    expect(journal.read()).toHaveLength(1);
    const third = new AlertRecorder(scope);
    third.observe(seen([], T0 + 7_200_000));
    third.observe(seen([], T0 + 7_200_000 + CLEAR_HOLD_MS));
    await third.flush();
    expect(journal.read().map((e) => e.phase)).toEqual(['fired', 'cleared']);
    expect(journal.read()[1]?.actionId).toBe(journal.read()[0]?.actionId);
    // Another context's record is its own.
    const other = new AlertRecorder({...scope, context: 'staging'});
    other.observe(seen([alert('errors 7%')], T0 + 8_000_000));
    await other.flush();
    expect(journal.read().map((e) => `${e.context}:${e.phase}`)).toEqual(['prod:fired', 'prod:cleared', 'staging:fired']);
  });

  it('a journal that cannot be written reports through onError and never throws into the evaluation', async () => {
    // The journal's directory would sit under a file: every append fails (ENOTDIR).
    const file = join(mkdtempSync(join(tmpdir(), 'atp-record-')), 'a-file');
    writeFileSync(file, '');
    const journal = new Journal(join(file, 'journal.jsonl'));
    const errors: unknown[] = [];
    const recorder = new AlertRecorder({journal, identity: {user: 'a', host: 'h'}, context: 'x', environment: 'x'}, (e) => errors.push(e));
    expect(() => recorder.observe(seen([alert('errors 9%')], T0))).not.toThrow();
    await recorder.flush();
    expect(errors).toHaveLength(1);
  });
});

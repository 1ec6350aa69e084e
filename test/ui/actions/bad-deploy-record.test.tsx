// Issue 19's proof: the bad-deploy scenario played end to end through the whole cockpit (keys as a terminal sends
// them), the journal it wrote read back by `incident show`: the alerts firing with their values, the rollback with
// who, why and the incident id, and the alerts clearing after it. The chain still verifies.
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../../../src/app.js';
import {verifyJournal} from '../../../src/actions/journal-verify.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {out: (t) => void (out += t), err: (t) => void (err += t)});
  return {code, out, err};
}

describe('incident record of a bad deploy, end to end', () => {
  it('bad-deploy: alerts fire, the rollback runs through the dialog, the alerts clear; incident show tells it in order', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, recordAlerts: true});
    const a = app;
    await a.waitFor('HighErrorRate');
    await a.tick(1000);
    const fired = () => a.journal.read().filter((e) => e.action === 'alert' && e.phase === 'fired');
    await a.waitUntil(() => fired().some((e) => e.target === 'ingestion@us-east'), 'alerts journaled');
    // Re-evaluations write nothing new.
    const before = a.journal.read().length;
    for (let i = 0; i < 5; i++) await a.tick(1000);
    expect(a.journal.read().length).toBe(before);

    await a.press('r');
    await a.waitFor('choose a revision');
    await a.press(KEYS.enter);
    await a.waitFor('Blast radius');
    await a.press(KEYS.shiftTab, KEYS.shiftTab, 'ingestion 1.2.5 fails; back to 1.2.4', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    for (let i = 0; i < 60 && !a.journal.read().some((e) => e.action === 'rollback' && e.phase === 'finished'); i++) await a.tick(500);
    expect(a.journal.read().find((e) => e.action === 'rollback' && e.phase === 'finished')).toMatchObject({incident: 'INC-2041', result: {ok: true}});

    // The healed service stays healthy past the clear hold: its alerts are recorded as cleared.
    const clearedOn = (key: string) => a.journal.read().some((e) => e.action === 'alert' && e.phase === 'cleared' && e.params?.key === key);
    for (let i = 0; i < 60 && !clearedOn('HighErrorRate:ingestion@us-east'); i++) await a.tick(5000);
    expect(clearedOn('HighErrorRate:ingestion@us-east')).toBe(true);
    expect(verifyJournal(a.journal.path)).toMatchObject({ok: true});

    const text = await cli('incident', 'show', '--journal', a.journal.path);
    expect(text.code).toBe(0);
    const lines = text.out.split('\n');
    const index = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const firedAt = index(/ALERT {2}fired {5}HighErrorRate ingestion@us-east · SEV-2 · errors \d+\.\d% > 5\.0%/);
    const confirmed = index(
      /ACTION confirmed rollback ingestion@us-east · by tester@testhost · reason: ingestion 1\.2\.5 fails; back to 1\.2\.4 · incident INC-2041/,
    );
    const done = index(
      /ACTION finished {2}rollback ingestion@us-east · by tester@testhost · reason: ingestion 1\.2\.5 fails; back to 1\.2\.4 · incident INC-2041 · .*1\.2\.4/,
    );
    const cleared = index(/ALERT {2}cleared {3}HighErrorRate ingestion@us-east · SEV-2 · errors \d+\.\d% > 5\.0%/);
    expect(
      [firedAt, confirmed, done, cleared].every((i) => i > 0),
      text.out,
    ).toBe(true);
    expect(firedAt).toBeLessThan(confirmed);
    expect(confirmed).toBeLessThan(done);
    // The errors stop as the bad pods go, a little before the rollout reports every new pod ready.
    expect(confirmed).toBeLessThan(cleared);
    expect(text.out).not.toMatch(/ACTION started/);

    const json = JSON.parse((await cli('incident', 'show', '--journal', a.journal.path, '--json')).out) as {
      entries: {kind: string; what: string; target: string}[];
    };
    expect(json.entries.filter((e) => e.target === 'ingestion@us-east').map((e) => `${e.kind}:${e.what}`)).toEqual(
      expect.arrayContaining(['alert:fired', 'action:planned', 'action:confirmed', 'action:finished', 'alert:cleared']),
    );
    const md = (await cli('incident', 'show', '--journal', a.journal.path, '--markdown')).out;
    expect(md).toMatch(
      /\| action \| rollback confirmed \| ingestion@us-east \| tester@testhost \| reason: ingestion 1\.2\.5 fails; back to 1\.2\.4; incident INC-2041 \|/,
    );
  }, 60_000);

  it('the whole incident: page acknowledged, secondary paged, rollback, update copied, page resolved; incident show tells it in order', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, recordAlerts: true, columns: 200, rows: 60});
    const a = app;
    await a.waitFor('HighErrorRate');
    await a.tick(1000);
    const done = (action: string) => a.journal.read().some((e) => e.action === action && e.phase === 'finished');
    const settle = async (action: string) => {
      for (let i = 0; i < 60 && !done(action); i++) await a.tick(500);
      expect(done(action), `${action} finished`).toBe(true);
    };
    await a.waitUntil(() => a.journal.read().some((e) => e.action === 'alert' && e.target === 'ingestion@us-east'), 'alerts journaled');

    // acknowledge the page within the runbook's 5 minutes
    await a.press(':', 'ack PD#1042', KEYS.enter);
    await a.waitFor('Acknowledge PagerDuty incident #1042');
    await a.press(KEYS.right, KEYS.enter);
    await settle('acknowledge');
    // page the secondary (the escalation matrix's next level)
    await a.press(KEYS.escape, ':', 'escalate PD#1042', KEYS.enter);
    await a.waitFor('Escalate PagerDuty incident #1042 to level 2');
    await a.press(KEYS.right, KEYS.enter);
    await settle('escalate');
    // roll back the bad deploy, with the incident id
    await a.press(KEYS.escape, '1', 'r');
    await a.waitFor('choose a revision');
    await a.press(KEYS.enter);
    await a.waitFor('Blast radius');
    await a.press(KEYS.shiftTab, KEYS.shiftTab, 'ingestion 1.2.5 fails; back to 1.2.4', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    await settle('rollback');
    // the status update, copied
    await a.press(KEYS.escape, ':', 'update', KEYS.enter);
    await a.waitFor('edit it in place');
    await a.press(KEYS.tab, KEYS.enter);
    await a.waitFor('Copied');
    await a.press(KEYS.enter);
    await settle('update');
    // the errors clear; the page is resolved
    const clearedOn = (key: string) => a.journal.read().some((e) => e.action === 'alert' && e.phase === 'cleared' && e.params?.key === key);
    for (let i = 0; i < 60 && !clearedOn('HighErrorRate:ingestion@us-east'); i++) await a.tick(5000);
    await a.press(KEYS.escape, ':', 'resolve PD#1042', KEYS.enter);
    await a.waitFor('Resolve PagerDuty incident #1042');
    await a.press(KEYS.right, KEYS.enter);
    await settle('resolve');
    expect(verifyJournal(a.journal.path)).toMatchObject({ok: true});

    const text = await cli('incident', 'show', '--journal', a.journal.path);
    expect(text.code).toBe(0);
    const lines = text.out.split('\n');
    const at = (re: RegExp) => {
      const i = lines.findIndex((l) => re.test(l));
      expect(i, `${re} in:\n${text.out}`).toBeGreaterThan(0);
      return i;
    };
    const steps = [
      at(/ALERT {2}fired {5}HighErrorRate ingestion@us-east/),
      at(/PAGE {3}finished {2}acknowledge PD#1042/),
      at(/PAGE {3}finished {2}escalate PD#1042/),
      at(/ACTION confirmed rollback ingestion@us-east · by tester@testhost · reason: ingestion 1\.2\.5 fails; back to 1\.2\.4 · incident INC-2041/),
      // the errors stop as the bad pods go, a little before the rollout reports every new pod ready
      at(/ALERT {2}cleared {3}HighErrorRate ingestion@us-east/),
      at(/PAGE {3}finished {2}resolve PD#1042/),
    ];
    expect([...steps].sort((x, y) => x - y)).toEqual(steps);
    const rolledBack = at(
      /ACTION finished {2}rollback ingestion@us-east · by tester@testhost · reason: ingestion 1\.2\.5 fails; back to 1\.2\.4 · incident INC-2041/,
    );
    const update = at(/UPDATE finished {2}update #atp-incidents/);
    expect(rolledBack).toBeLessThan(update);
    expect(update).toBeLessThan(steps.at(-1)!);
  }, 120_000);

  it('a read-only cockpit records nothing: its journal stays unwritten while alerts fire', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, recordAlerts: true});
    await app.waitFor('HighErrorRate');
    for (let i = 0; i < 5; i++) await app.tick(1000);
    expect(app.journal.read()).toEqual([]);
  });
});

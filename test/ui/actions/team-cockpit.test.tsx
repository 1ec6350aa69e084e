// The whole cockpit on the demo bad-deploy (issue 16, "Actions the whole team can see"): `J` lists a colleague's
// change read back from the backend, with who and from where; `r` on the same service says so in the confirmation;
// this cockpit's own rollback is listed once, marked as ours, with the incident id from its confirmation.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('actions the whole team can see', () => {
  it("J lists the colleague's change with who and where; r on the same service shows it in the confirmation", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 140});
    await app.waitFor('ingestion');
    await app.press('J');
    const journal = await app.waitFor('Team');
    expect(journal).toMatch(/restart\s+ingestion@us-east by bob from jump-3 \[INC-2041\] · reason: pods crash-looping since 1\.2\.5/);
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('Team'), 'journal closed');
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    const confirm = await app.waitFor('Blast radius');
    expect(confirm).toMatch(/Note\s+bob restarted ingestion@us-east 3 min ago from jump-3: pods crash-looping since/);
  });

  it('at 80x24 in a read-only cockpit (a wall terminal), J still shows who, from where and the incident on one line', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy', readOnly: true}, columns: 80, rows: 24});
    await app.waitFor('READ-ONLY');
    await app.press('J');
    const frame = await app.waitFor('Team');
    expect(frame).toMatch(/ 02:57:00Z restart\s+ingestion@us-east by bob from jump-3 \[INC-2041\]/);
  });

  it("this cockpit's own rollback shows once in the team list, marked as ours, with the confirmation's incident", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 140});
    await app.waitFor('ingestion');
    await app.press('r');
    await app.waitFor('choose a revision');
    await app.press(KEYS.enter);
    await app.waitFor('Blast radius');
    // A rollback asks for a reason (required, as for restart and scale) and the incident id: Shift-Tab from Cancel.
    await app.press(KEYS.shiftTab, KEYS.shiftTab, 'bad release 1.2.5', KEYS.tab, 'INC-2041', KEYS.tab, KEYS.tab, KEYS.enter);
    await app.waitUntil(() => app!.journal.read().some((e) => e.phase === 'started'), 'rollback started');
    // Stop following (the rollback itself goes on), then let the run see it.
    await app.press(KEYS.escape);
    for (let i = 0; i < 3; i++) await app.tick(1_000);
    await app.waitUntil((f) => !f.includes('Roll back ingestion@us-east'), 'progress closed');
    await app.press('J');
    const frame = await app.waitFor('this cockpit');
    const team = frame.split('\n').filter((l) => /rollback\s+ingestion@us-east/.test(l) && l.includes('from testhost'));
    expect(team).toHaveLength(1);
    expect(team[0]).toMatch(/by tester from testhost · this cockpit \[INC-2041\] · reason: bad release 1\.2\.5/);
  });
});

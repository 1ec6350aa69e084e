// The `T` view: the same record in the cockpit, with deploy markers next to when the errors began, colleagues'
// changes from the source's Events, scrolling like every list, and `:timeline`.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('timeline view', () => {
  it('T shows the alerts with their values and the bad deploy next to when its errors began; a colleague shows up; Esc closes', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, recordAlerts: true, columns: 160, rows: 40});
    const a = app;
    await a.waitFor('HighErrorRate');
    await a.tick(1000);
    await a.waitUntil(() => a.journal.read().some((e) => e.action === 'alert'), 'alerts journaled');
    await a.press('T');
    let frame = await a.waitFor('DEPLOY');
    expect(frame).toContain('Timeline, last 24 h');
    expect(frame).toMatch(/02:40:00Z +DEPLOY +deployed +revision 3 ingestion@us-east · 1\.2\.5 · errors began 1m after it \(HighErrorRate, fired 6m after\)/);
    expect(frame).toMatch(/02:46:00Z +ALERT +fired +HighErrorRate ingestion@us-east · SEV-2 · errors \d+\.\d% > 5\.0%/);
    // A colleague restarts query through the same backend: the Event comes back in the next outside poll.
    const restart = a.session.sources.get('demo')?.capabilities.restart;
    // (Its rollout is followed on the cockpit's clock, which the ticks move.)
    const done = restart?.restart(
      {service: 'query', region: 'eu-west'},
      {by: 'bob', host: 'jump9', reason: 'stuck pods', incident: 'INC-2041'},
      {signal: new AbortController().signal, progress: () => undefined},
    );
    for (let i = 0; i < 8; i++) await a.tick(5000);
    await done;
    frame = await a.waitFor('TEAM');
    expect(frame).toMatch(/TEAM +restart +restart query@eu-west · by bob@jump9 · reason: stuck pods · incident INC-2041/);
    // The scenario's own colleague, before the cockpit opened: bob restarted the bad pods first.
    expect(frame).toMatch(/02:57:00Z +TEAM +restart +restart ingestion@us-east · by bob@jump-3/);
    await a.press(KEYS.escape);
    await a.waitUntil((f) => !f.includes('Timeline, last 24 h'), 'view closed');
  }, 30_000);

  it("keeps to this context: another context's entries in the shared journal are left out, and the view says how many", async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, recordAlerts: true, columns: 160, rows: 40});
    const a = app;
    await a.waitFor('HighErrorRate');
    // A cockpit on another context (here, production) writing to the same journal file.
    await a.journal.append({
      actionId: 'p1',
      action: 'rollback',
      phase: 'finished',
      who: {user: 'dana', host: 'jump7'},
      context: 'prod-eu',
      environment: 'prod',
      target: 'query@eu-west',
      message: 'rolled back to revision 9',
    });
    await a.press('T');
    const frame = await a.waitFor('other contexts left out');
    expect(frame).toContain('1 journal entry of other contexts left out (prod-eu 1)');
    expect(frame).not.toContain('query@eu-west');
  }, 30_000);

  it(':timeline opens it; a short screen scrolls with g/G and j/k, opened at the newest', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, recordAlerts: true, columns: 120, rows: 12});
    const a = app;
    await a.waitFor('HighErrorRate');
    await a.tick(1000);
    await a.waitUntil(() => a.journal.read().filter((e) => e.action === 'alert').length >= 3, 'alerts journaled');
    // A colleague's cockpit shares the journal: six more entries, more than the screen holds.
    for (let i = 0; i < 6; i++) {
      await a.journal.append({
        actionId: `c${i}`,
        action: 'freeze',
        phase: 'cancelled',
        who: {user: 'carol', host: 'jump3'},
        context: 'demo',
        environment: 'demo',
        target: 'deployments',
        message: `try ${i}`,
      });
    }
    await a.press(':', 'timeline', KEYS.enter);
    await a.waitFor('Timeline, last 24 h');
    let frame = await a.waitFor(/ of \d+/);
    const total = Number(/ of (\d+)/.exec(frame)?.[1]);
    expect(frame).toMatch(new RegExp(`-${total} of ${total}`));
    await a.press('g');
    frame = await a.waitFor(/ 1-\d+ of /);
    expect(frame).toContain('DEPLOY');
    await a.press('j');
    await a.waitFor(/ 2-\d+ of /);
    await a.press('G');
    await a.waitFor(new RegExp(`-${total} of ${total}`));
  }, 30_000);
});

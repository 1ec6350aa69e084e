// The region outage, honestly: in `region-outage` every service of us-east is down. The strip leads with the SEV-1
// RegionOutage and the runbook's emergency procedure (Topic 41: fail over), not with restarting eight deployments; the
// alert view offers the failover's capacity step (s: scale a service of the healthy eu-west) and, on a ServiceDown of
// us-east, neither restart nor rollback, saying why. bad-deploy and a single ServiceDown keep their own advice.
import {afterEach, describe, expect, it} from 'vitest';
import type {ReadingByPane} from '../../../src/data/readings/types.js';
import type {SourceFactory} from '../../../src/data/sources/registry.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';
import {selectAlert, selectedLine} from '../../helpers/alert-view.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
/** The calm demo with query@eu-west alone down: one ServiceDown in a region that still serves. */
function oneDownFactory(calls: string[]): SourceFactory {
  const recording = recordingDemoFactory(calls);
  return async (config, env) => {
    const source = await recording(config, env);
    return {
      ...source,
      read: async (pane, signal) => {
        const reading = await source.read(pane, signal);
        if (pane !== 'health') return reading;
        const health = reading as ReadingByPane['health'];
        const services = health.services.map((r) => (r.service === 'query' && r.region === 'eu-west' ? {...r, podsReady: 0, readySeries: undefined} : r));
        return {...health, services} as unknown as typeof reading;
      },
    };
  };
}

describe('region-outage at 80x24', () => {
  it('the strip leads with the SEV-1 RegionOutage and the failover step; the ServiceDown group follows', async () => {
    app = await renderCockpit({flags: {demo: 'region-outage'}, columns: 80, rows: 24});
    const frame = await app.waitFor('RegionOutage');
    const strip = lines(frame).slice(1, 5);
    expect(strip[0]).toMatch(/SEV-1 ‼ RegionOutage us-east/);
    // The incident line, wrapped: who to page, then the emergency procedure's first step, whole.
    expect(strip.slice(0, 3).join(' ').replace(/\s+/g, ' ')).toContain(
      'runbook Topic 41: Declare SEV-1, page all on-call and fail over to the healthy region (Azure Front Door).',
    );
    expect(frame).not.toContain('runbook 6.1');
    expect(strip[3]).toMatch(/SEV-1 ‼ us-east: 8× ServiceDown/);
    expect(lines(frame).every((l) => [...l].length <= 80)).toBe(true);
    // The footer offers the outage's action first: s scale, not the rollback of the services that are down.
    expect(lines(frame).at(-1)).toMatch(/^ s scale {2}/);
  });

  it('the alert view: RegionOutage offers s for eu-west and says the failover is outside the cockpit; s picks an eu-west service', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'region-outage'}, columns: 80, rows: 24, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('RegionOutage');
    await app.press('a');
    await app.waitFor(/Alerts: \d+ firing/);
    expect(selectedLine(app.lastFrame())).toMatch(/RegionOutage us-east · 8\/8 services down; eu-west healthy/);
    await app.press(KEYS.enter);
    const account = (await app.waitFor('actions:')).replace(/\n\s+/g, ' ');
    expect(account).toMatch(/s +scale a service of eu-west \(8 services, \d+\/\d+ pods ready\) — runbook Topic 41: verify the healthy region's capacity/);
    expect(account).toContain("no failover offered: route traffic away from us-east in Azure Front Door's backend pool, outside the cockpit");
    // The account scrolls on to the emergency procedure, in the runbook's words, to its last line.
    const pages = (await app.scrollTo(/back: fail over first/)).join('\n').replace(/\n\s+/g, ' ');
    expect(pages).toContain('procedure Topic 41 (Emergency Response: Complete Region Outage)');
    expect(pages).toContain('shift traffic back gradually (20% → 50% → 100%)');
    await app.press('s');
    const pick = await app.waitFor('Scale a service of eu-west: choose one');
    expect(pick).toMatch(/gateway@eu-west +Healthy · 4\/4 pods/);
    expect(pick).not.toMatch(/@us-east +(Healthy|Unhealthy)/);
    await app.press(KEYS.enter);
    await app.waitFor('Scale gateway@eu-west: how many replicas?');
    await app.press(KEYS.escape);
    expect(app.journal.read()).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('a ServiceDown of us-east offers no restart and no rollback, says why, and r and x open nothing', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'region-outage'}, columns: 80, rows: 24, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor('RegionOutage');
    await app.press('a');
    await app.waitFor(/Alerts: \d+ firing/);
    await selectAlert(app, /ServiceDown gateway@us-east/);
    await app.press(KEYS.enter);
    const account = (await app.waitFor('actions:')).replace(/\n\s+/g, ' ');
    expect(account).toContain(
      'no restart or rollback offered: the whole region is down (RegionOutage us-east): runbook Topic 41 emergency procedure, fail over',
    );
    expect(account).not.toMatch(/r +roll back/);
    await app.press('r');
    await app.waitFor('no rollback fits ServiceDown gateway@us-east: no restart or rollback offered');
    await app.press('x');
    await app.waitFor('no restart fits ServiceDown gateway@us-east: no restart or rollback offered');
    expect(app.lastFrame()).not.toMatch(/Restart \w+@us-east\?|Roll back \w+@us-east/);
    expect(app.journal.read()).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('the other incidents keep their advice', () => {
  it('bad-deploy at 80x24 still leads with its release alert, and the alert view offers its rollback', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    const frame = await app.waitFor('HighErrorRate');
    expect(frame).not.toContain('RegionOutage');
    expect(lines(frame)[1]).toMatch(/SEV-2 HighErrorRate ingestion@us-east/);
    await app.press('a');
    await app.waitFor(/Alerts: \d+ firing/);
    await selectAlert(app, /HighErrorRate ingestion@us-east/);
    await app.press(KEYS.enter);
    expect((await app.waitFor('actions:')).replace(/\n\s+/g, ' ')).toMatch(/r +roll back ingestion@us-east/);
  });

  it('one service down in a region that still serves: the strip gives runbook 6.1, no RegionOutage', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 80, rows: 24, session: {createSource: oneDownFactory(calls)}});
    const frame = (await app.waitFor('ServiceDown')).replace(/\n\s+/g, ' ');
    expect(frame).toMatch(/SEV-1 ‼ ServiceDown query@eu-west .*runbook 6\.1: See which pods are not ready/);
    expect(frame).not.toContain('RegionOutage');
  });
});

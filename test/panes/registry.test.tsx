// Every pane names its own detail view in PaneSpec (src/panes/registry.ts): Enter on a row of each pane opens it.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('detail views from the pane registry', () => {
  it.each([
    ['1', 'READINESS CHECKS'],
    ['2', 'P95 lag'],
    ['3', 'RUNBOOK ACTION'],
    ['4', 'Pending messages'],
    ['5', 'WINDOW   ERROR RATIO'],
  ])('pane %s: Enter opens its detail (%s), Esc goes back', async (pane, marker) => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.press(pane, KEYS.enter);
    await app.tick(0);
    expect(await app.waitFor(marker)).toContain(marker);
    await app.press(KEYS.escape);
    expect(await app.waitFor('Service health')).not.toContain(marker);
  });
});

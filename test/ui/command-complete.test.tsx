// Issue 13: Tab in the `:` command line completes arguments as well as command names: services and
// SERVICE@REGION, DLQ entities, freeze kinds (unfreeze: what is frozen) and contexts.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const TAB = KEYS.tab;

/** The command line as shown on the last screen line. */
const commandLine = (frame: string) =>
  frame
    .split('\n')
    .find((l) => l.startsWith(' :'))
    ?.slice(1) ?? '';

describe('Tab completes arguments', () => {
  it('command words, services, then SERVICE@REGION', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.waitFor('query@eu-west');
    await app.press(':', 'rollb', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':rollback '), 'command word completed');
    await app.press('qu', TAB);
    // query runs in two regions: Tab stops at what they share; Enter here would ask which (targets.test.tsx).
    const frame = await app.waitUntil((f) => commandLine(f).startsWith(':rollback query'), 'service completed');
    expect(commandLine(frame)).not.toContain('@');
    await app.press('@e', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':rollback query@eu-west '), 'SERVICE@REGION completed');
    await app.press(KEYS.enter);
    await app.waitFor('Roll back query@eu-west: choose a revision');
  });

  it('DLQ entities by their short names, freeze kinds, and for unfreeze only what is frozen', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    const closeLine = async () => {
      await app!.press(KEYS.escape);
      await app!.waitUntil((f) => commandLine(f) === '', 'command line closed');
    };
    await app.waitFor('webhook-delivery');
    await app.press(':', 'replay webh', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':replay webhook-delivery '), 'entity completed');
    await closeLine();
    await app.press(':', 'replay search-ind', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':replay search-indexer '), 'subscription name completed');
    await closeLine();
    await app.press(':', 'freeze in', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':freeze integrity '), 'freeze kind completed');
    await closeLine();
    const run = {signal: new AbortController().signal, progress: () => undefined};
    const frozen = app.session.sources.get('demo')!.capabilities.freeze!.freeze('writes', {by: 'alice@jump1', reason: 'r'}, run);
    for (let i = 0; i < 3; i++) await app.tick(1000);
    await frozen;
    await app.waitFor('FROZEN: writes');
    await app.press(':', 'unfreeze ', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':unfreeze writes '), 'the one frozen kind completed');
  });

  it('contexts', async () => {
    const demo = {panes: {health: 'demo', lag: 'demo', dlq: 'demo', outbox: 'demo', burn: 'demo'}, sources: {demo: {kind: 'demo' as const}}};
    app = await renderCockpit({
      config: {contexts: {'prod-eu': {...demo, environment: 'prod'}, staging: {...demo, environment: 'staging'}}},
      flags: {context: 'staging'},
    });
    await app.press(':', 'ctx pr', TAB);
    await app.waitUntil((f) => commandLine(f).startsWith(':ctx prod-eu '), 'context completed');
  });
});

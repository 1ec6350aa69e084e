// Issue 13, "Safe defaults": replay preselects only the reasons whose runbook action is a replay (Topic 19, DLQ
// Classification); the others are shown with their action and need an explicit choice, a warning and a reason.
// After a replay, the DLQ detail lists only what is really left.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

// In the calm demo, webhook-delivery holds 19 dead letters: TTLExpired 6, Unauthorized 4, MessageLockLost 4,
// DeliveryCountExceeded 4 and SerializationException 1.
const ENTITY = 'webhook-delivery';

/** Lets the replay's steps and the refresh after it run on the manual clock. */
async function until(harness: AppHarness, text: string): Promise<string> {
  for (let i = 0; i < 40 && !harness.lastFrame().includes(text); i++) await harness.tick(250);
  return harness.waitFor(text);
}

describe('replay defaults', () => {
  it('preselects only DeliveryCountExceeded and SerializationException; the others show their runbook action', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'calm'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.waitFor(ENTITY);
    await app.press(':', `replay ${ENTITY}`, KEYS.enter);
    const setup = await app.waitFor('Max count');
    expect(setup).toMatch(/\[x\] DeliveryCountExceeded/);
    expect(setup).toMatch(/\[x\] SerializationException/);
    expect(setup).toMatch(/\[ \] TTLExpiredException +6 +Increase TTL or scale consumers · NOT a replay/);
    expect(setup).toMatch(/\[ \] UnauthorizedException +4 +Fix managed identity permissions · NOT a replay/);
    expect(setup).toMatch(/\[ \] MessageLockLostException +4 +Optimize handler, increase lock duration · NOT a replay/);
    await app.press(KEYS.enter);
    const dry = await app.waitFor('Dry run: 5 messages');
    expect(dry).not.toMatch(/TTLExpired|Unauthorized|MessageLockLost/);
    await app.press(KEYS.enter);
    const confirm = await app.waitFor('Blast radius');
    expect(confirm).not.toContain('reason (required)');
    await app.press(KEYS.right, KEYS.enter);
    await until(app, 'replayed 5/5');
    expect(calls).toEqual(['replay']);
    const finished = app.journal.read().find((e) => e.phase === 'finished');
    expect(finished?.params).toMatchObject({reasons: ['DeliveryCountExceeded', 'SerializationException']});
  });

  it('a reason whose runbook action is not replay is chosen explicitly, warned about, and needs a reason', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.waitFor(ENTITY);
    await app.press(':', `replay ${ENTITY}`, KEYS.enter);
    await app.waitFor('Max count');
    // TTLExpiredException (6) is the first row; Space chooses it.
    await app.press(' ');
    const setup = await app.waitFor(/\[x\] TTLExpiredException/);
    expect(setup).toContain("TTLExpiredException: the runbook's action is not a replay (Increase TTL or scale consumers)");
    await app.press(KEYS.enter);
    const dry = await app.waitFor('Dry run');
    expect(dry).toContain('TTLExpiredException');
    expect(dry).toContain('not a replay');
    await app.press(KEYS.enter);
    const confirm = await app.waitFor('Blast radius');
    expect(confirm).toContain('reason (required)');
    expect(confirm).toContain('6 TTLExpiredException: the runbook says "Increase TTL or scale consumers"');
  });

  it('with no reason chosen, Enter asks for one instead of replaying everything', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.waitFor(ENTITY);
    await app.press(':', `replay ${ENTITY}`, KEYS.enter);
    await app.waitFor('Max count');
    // Unchoose the two preselected reasons (rows 4 and 5).
    await app.press(KEYS.down, KEYS.down, KEYS.down, ' ', KEYS.down, ' ', KEYS.enter);
    await app.waitFor('choose at least one reason');
    expect(app.lastFrame()).not.toContain('Dry run');
  });

  it('after a replay, the DLQ detail lists only what is left (no R needed)', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}});
    await app.waitFor(ENTITY);
    await app.press('3', KEYS.enter);
    let detail = await app.waitFor('MESSAGES (peek');
    expect(detail).toContain(`${ENTITY} · 19 dead-lettered`);
    await app.press('p');
    await app.waitFor('Max count');
    await app.press(KEYS.enter);
    await app.waitFor('Dry run: 5 messages');
    await app.press(KEYS.enter);
    await app.waitFor('Blast radius');
    await app.press(KEYS.right, KEYS.enter);
    await until(app, 'replayed 5/5');
    const replayed = app.journal.read().find((e) => e.phase === 'finished')?.params?.['sequenceNumbers'] as number[];
    expect(replayed).toHaveLength(5);
    detail = await app.waitUntil((f) => replayed.every((seq) => !new RegExp(`#${seq}\\s`).test(f)), 'replayed messages gone from the peek list');
    expect(detail).toMatch(/#\d+\s+\S+\s+TTLExpiredException/);
  });
});

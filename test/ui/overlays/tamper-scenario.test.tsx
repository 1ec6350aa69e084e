// The `tamper` demo scenario: the hash-chain verifier of eu-west keeps failing on one segment. The strip leads with
// the SEV-1 TamperDetected and runbook 17.1's first step (freeze integrity); the footer offers f first; the alert's
// account says why no restart is offered (the runbook's security response: do not restart, it keeps memory dumps);
// f freezes integrity through the normal confirmation (reason required), and the alert stays: a freeze stops purge and
// export, it does not make the evidence go away.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const lines = (frame: string) => frame.split('\n');
const flat = (frame: string) =>
  lines(frame)
    .map((l) => l.trim())
    .join(' ')
    .replace(/\s+/g, ' ');

describe('the tamper scenario at 80x24', () => {
  it('leads with TamperDetected and the freeze; f freezes integrity with a reason; the alert stays', async () => {
    app = await renderCockpit({flags: {demo: 'tamper'}, columns: 80, rows: 24});
    const a = app;
    const frame = await a.waitFor('TamperDetected');
    expect(lines(frame)[1]).toMatch(/SEV-1 ‼ TamperDetected integrity@eu-west/);
    expect(flat(frame)).toContain('runbook 17.1: Freeze integrity at once (f, integrity): purge and export stop.');
    expect(lines(frame).at(-1)).toMatch(/^ f freeze {2}/);
    // Its age is the verifier's: failing for 6 minutes before the cockpit opened, not "0s".
    expect(frame).toMatch(/integrity@eu-west +✓ Healthy +SEV-1 6m/);
    expect(lines(frame).every((l) => [...l].length <= 80)).toBe(true);

    await a.press('a');
    await a.waitFor('Alerts: 1 firing');
    await a.press(KEYS.enter);
    await a.waitFor('17.1 (Tamper Investigation)');
    for (let i = 0; i < 6; i++) await a.press('\u001b[6~');
    expect(flat(a.lastFrame())).toMatch(/no restart offered: .*do not restart services/);
    await a.press('x');
    await a.waitFor('no restart fits TamperDetected');
    expect(a.journal.read()).toEqual([]);

    await a.press('f');
    await a.waitFor('reason (required)');
    expect(flat(a.lastFrame())).toContain('integrity');
    // Cancel has the focus; Freeze without a reason is refused and puts the focus on the reason.
    await a.press(KEYS.right, KEYS.enter);
    await a.waitFor('a reason is required');
    await a.press('tamper-investigation', KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    for (let i = 0; i < 3; i++) await a.tick(500);
    await a.waitUntil(() => a.journal.read().some((e) => e.action === 'freeze' && e.phase === 'finished'), 'freeze journaled');
    const done = a.journal.read().find((e) => e.action === 'freeze' && e.phase === 'finished');
    expect(done?.reason).toBe('tamper-investigation');
    await a.press(KEYS.escape, KEYS.escape);
    await a.tick(5_000);
    expect(a.lastFrame()).toContain('TamperDetected');
  }, 30_000);
});

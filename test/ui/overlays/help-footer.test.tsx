// `?` help that scrolls, footers that fit, the same movement keys in every list, and the header's plain words.
import {afterEach, describe, expect, it} from 'vitest';
import {KEYMAP, keysLabel} from '../../../src/ui/keys/keymap.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const PAGE_DOWN = '\u001b[6~';
const HOME = '\u001b[H';

describe('help and hints that fit', () => {
  it('? at 80x24 scrolls with j, PgDn and G to its last key, and Home goes back', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 80, rows: 24});
    await app.press('?');
    const frame = await app.waitFor('Keys (Esc or ? to close');
    expect(frame).not.toContain('Quit (--wall');
    await app.press('j');
    await app.waitFor('lines 2-');
    await app.press(PAGE_DOWN);
    await app.waitUntil((f) => !f.includes('lines 2-'), 'a page further');
    // Down a page at a time: every key of the keymap, then every key of the dialogs, comes on screen on the way.
    let seen = '';
    for (let i = 0; i < 12 && !seen.includes('next replay target'); i++) {
      seen += app.lastFrame();
      await app.press(PAGE_DOWN);
      await new Promise((r) => setTimeout(r, 60));
    }
    seen += app.lastFrame();
    expect(seen).toMatch(/ q Ctrl-C +Quit/);
    expect(seen).toMatch(/ t +next replay target/);
    await app.press('G');
    await app.waitUntil((f) => /lines \d+-(\d+) of \1/.test(f), 'the last line');
    await app.press(HOME);
    await app.waitFor(' Navigate');
  });

  it('the help never runs a key into its description', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 80, rows: 60});
    await app.press('?');
    const frame = await app.waitFor('Keys (Esc or ? to close');
    for (const b of KEYMAP) {
      const line = frame.split('\n').find((l) => l.startsWith(`   ${keysLabel(b)} `));
      expect(line, keysLabel(b)).toBeDefined();
      expect(line!.slice(3 + keysLabel(b).length)).toMatch(/^ {2,}\S/);
    }
    expect(frame).toContain('1-5');
    expect(frame).not.toContain('1 / 2 / 3');
  });

  it('the footer keeps "? help" and "q quit" at 80 columns, with the keys of the place first', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 80, rows: 24});
    let frame = await app.waitFor('DLQ depth');
    let footer = frame.split('\n').at(-1)!;
    expect(footer).toContain('? help');
    expect(footer).toContain('q quit');
    await app.press('3');
    frame = await app.waitUntil((f) => f.split('\n').at(-1)!.includes('p replay'), 'replay hint on the DLQ pane');
    footer = frame.split('\n').at(-1)!;
    expect(footer.indexOf('p replay')).toBeLessThan(footer.indexOf('q quit'));
    await app.press(KEYS.enter);
    frame = await app.waitFor('RUNBOOK ACTION');
    footer = frame.split('\n').at(-1)!;
    expect(footer).toMatch(/Esc back.*scroll.*\? help +q quit/);
  });

  it('the DLQ message list takes PgDn, G and Home like every list', async () => {
    app = await renderCockpit({flags: {demo: 'dlq-storm'}, columns: 120, rows: 40});
    await app.waitFor('DLQ depth');
    await app.press('3', KEYS.enter);
    await app.waitFor('MESSAGES');
    const selected = () =>
      app!
        .lastFrame()
        .split('\n')
        .find((l) => /^ [▶>] #/.test(l)) ?? '';
    await app.waitUntil(() => selected() !== '', 'messages peeked');
    const first = selected();
    await app.press(PAGE_DOWN);
    await app.waitUntil(() => selected() !== first, 'PgDn moved');
    await app.press('G');
    const last = await app.waitUntil(() => selected() !== first, 'G moved').then(selected);
    await app.press(HOME);
    await app.waitUntil(() => selected() === first, 'Home back at the first message');
    expect(last).not.toBe(first);
  });
});

describe('header words', () => {
  it('says the context once and what the data age means', async () => {
    app = await renderCockpit({flags: {demo: 'calm'}, columns: 80, rows: 24});
    const header = (await app.waitFor('ATP COCKPIT')).split('\n')[0]!;
    expect(header).not.toContain('[demo]');
    expect(header.match(/demo/gi)?.length).toBe(1);
    expect(header).toMatch(/data \d+s old/);
    expect(header).not.toContain('≤');
  });

  it('shows "held", not STALE, for data a dialog holds still', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('ingestion@us-east');
    await app.press('r');
    await app.waitFor('choose a revision');
    for (let i = 0; i < 40; i++) await app.tick(1000);
    const frame = app.lastFrame();
    expect(frame.split('\n')[0]).toContain('held');
    expect(frame).not.toContain('STALE');
  });
});

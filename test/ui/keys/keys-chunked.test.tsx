// Keys that arrive together (one read: a slow SSH link, `tmux send-keys r Enter`, fast typing) act as if typed apart.
import {afterEach, describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {keyEvents} from '../../../src/ui/keys/keys.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {recordingDemoFactory} from '../../helpers/sources.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

const plainKey = {} as Key;

describe('keys in one chunk', () => {
  it('splits a printable run with Enter, Tab, Backspace and Escape into one key each', () => {
    expect(keyEvents('r\r', plainKey).map((e) => e.name)).toEqual(['r', 'enter']);
    expect(keyEvents('ab\t\u007f', plainKey).map((e) => e.name)).toEqual(['a', 'b', 'tab', 'backspace']);
    expect(
      keyEvents('ingestion@us-east', plainKey)
        .map((e) => e.text)
        .join(''),
    ).toBe('ingestion@us-east');
  });

  it('Esc and a letter read together (the bytes of Alt+letter) are Esc, then the letter', () => {
    expect(keyEvents('q', {meta: true} as Key)).toEqual([
      {name: 'escape', text: ''},
      {name: 'q', text: 'q'},
    ]);
    expect(keyEvents('', {meta: true, upArrow: true} as Key).map((e) => e.name)).toEqual(['up']);
  });

  it('r then Enter in one write opens the rollback and moves on to its confirmation', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.press(`r${KEYS.enter}`);
    const frame = await app.waitFor('Blast radius');
    expect(frame).toContain('kubectl rollout undo deployment/ingestion');
  });

  it('r, Enter, Right, Enter, a reason, Tab x3, Enter in one write confirms and runs the rollback, as when typed apart', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    // The first Confirm is refused for want of a reason and focuses the reason field; the rest of the chunk fills it.
    await app.press(`r${KEYS.enter}${KEYS.right}${KEYS.enter}bad release${KEYS.tab}${KEYS.tab}${KEYS.tab}${KEYS.enter}`);
    await app.waitUntil(() => calls.includes('rollback'), 'rollback started');
    expect(app.journal.read().map((e) => e.phase)).toEqual(expect.arrayContaining(['planned', 'confirmed', 'started']));
  });

  it('Escape in the same chunk as the action key cancels the loading step; nothing runs', async () => {
    const calls: string[] = [];
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, session: {createSource: recordingDemoFactory(calls)}});
    await app.press(`r${KEYS.escape}`);
    await new Promise((r) => setTimeout(r, 300));
    await app.press(KEYS.enter);
    await app.waitUntil((f) => !f.includes('choose a revision') && !f.includes('Blast radius'), 'no dialog');
    expect(calls).toEqual([]);
  });

  it('a command line typed with its Enter in one write runs the command', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.press(`:rollback ingestion@us-east${KEYS.enter}`);
    await app.waitFor('choose a revision');
  });

  it('arrow escape sequences between letters in one write each move once', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}});
    await app.press(`2${KEYS.down}${KEYS.down}j1`);
    await app.waitFor(/▶ ingestion@us-east/);
    await app.press(`3${KEYS.down}j`);
    const frame = await app.waitFor(/▶ export-jobs/);
    expect(frame).toContain('▶ export-jobs');
  });
});

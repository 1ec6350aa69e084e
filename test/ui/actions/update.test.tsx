// `:update` end to end in the whole cockpit: composed from the alerts and the journal, edited in place, copied
// (journaled), and posted to a Slack webhook double after the confirmation (journaled with the text, never the URL).
import {readFileSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';
import {startSlackWebhookDouble, type SlackWebhookDouble} from '../../doubles/slack-webhook-double.js';

const VAR = 'ATP_TEST_SLACK_WEBHOOK';
let app: AppHarness | undefined;
let slack: SlackWebhookDouble;
beforeAll(async () => {
  slack = await startSlackWebhookDouble();
});
afterAll(() => slack.close());
afterEach(() => {
  app?.unmount();
  app = undefined;
  delete process.env[VAR];
});

const demo = {health: 'demo', lag: 'demo', dlq: 'demo', outbox: 'demo', burn: 'demo'};
const slackConfig = (extra: Record<string, unknown> = {}) => ({
  contexts: {
    ops: {
      environment: 'prod',
      production: true,
      panes: demo,
      sources: {demo: {kind: 'demo' as const, scenario: 'bad-deploy'}},
      slack: {webhookEnv: VAR},
      ...extra,
    },
  },
});

async function openEditor(a: AppHarness): Promise<string> {
  await a.tick(1000);
  await a.press(':', 'update', KEYS.enter);
  return a.waitFor('edit it in place');
}

describe(':update', () => {
  it('composes the update from the firing alerts, is edited in place, and Copy copies it and journals it', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    const frame = await openEditor(app);
    expect(frame).toMatch(/\[SEV-2\] .* status update \d\d:\d\d UTC · context demo/);
    expect(frame).toContain('What is wrong:');
    expect(frame).toContain('Next update: by');
    expect(frame).toContain('Slack: not configured');
    // The cursor starts at the end: a new last line, typed, with a typo fixed by Backspace.
    await app.press(KEYS.enter, 'Rolling back ingestion nwo', KEYS.backspace, KEYS.backspace, 'ow');
    await app.waitFor('Rolling back ingestion now');
    await app.press(KEYS.tab, KEYS.enter);
    await app.waitFor('Copied');
    expect(app.clipboard).toHaveLength(1);
    expect(app.clipboard[0]).toMatch(/^\[SEV-2\] [^\n]+\nStatus: Investigating\n/);
    expect(app.clipboard[0]!.endsWith('\nRolling back ingestion now')).toBe(true);
    const entries = app.journal.read();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({action: 'update', phase: 'finished', target: '#atp-incidents', params: {via: 'clipboard', text: app.clipboard[0]}});
    await app.press(KEYS.enter);
    await app.waitUntil((f) => f.split('\n')[0]!.includes('update in 30m'), 'countdown restarted');
  });

  it('moves the cursor with the arrows and edits in the middle of the text', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await openEditor(app);
    // Up to the "Next update" line's predecessor, to its start, then type there.
    await app.press(KEYS.up, '\u001b[H', 'NOTE ');
    await app.press(KEYS.tab, KEYS.enter);
    await app.waitFor('Copied');
    const lines = app.clipboard[0]!.split('\n');
    expect(lines[lines.length - 2]).toMatch(/^NOTE Escalation: /);
  });

  it('sanitises a bracketed paste: an OSC 52 inside it never reaches the text or the clipboard', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await openEditor(app);
    await app.press('\u001b[200~\nfrom chat: \u001b]52;c;cm0gLXJmIH4=\u0007restarted\r\nok\u001b[201~');
    await app.waitFor('from chat: restarted');
    await app.press(KEYS.tab, KEYS.enter);
    await app.waitFor('Copied');
    expect(app.clipboard[0]!.endsWith('\nfrom chat: restarted\nok')).toBe(true);
    expect(app.clipboard[0]).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('Esc closes the editor without copying or journaling', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await openEditor(app);
    await app.press(KEYS.escape);
    await app.waitUntil((f) => !f.includes('edit it in place'), 'editor closed');
    expect(app.clipboard).toEqual([]);
    expect(app.journal.read()).toEqual([]);
  });

  it('posts to the Slack webhook after the confirmation: the curl names the variable, the journal keeps the text, not the URL', async () => {
    process.env[VAR] = slack.url;
    slack.posts.length = 0;
    app = await renderCockpit({config: slackConfig(), flags: {context: 'ops'}, columns: 120, rows: 40});
    await openEditor(app);
    await app.press(KEYS.tab, KEYS.right, KEYS.enter);
    const confirm = await app.waitFor('Post the status update to #atp-incidents?');
    expect(confirm).toContain(`"$${VAR}"`);
    expect(confirm).not.toContain('127.0.0.1');
    expect(confirm).not.toContain('type #atp-incidents to confirm');
    expect(slack.posts).toHaveLength(0);
    await app.press('\u001b[6~', '\u001b[6~', '\u001b[6~', '\u001b[6~', KEYS.right, KEYS.enter);
    await app.waitUntil(() => slack.posts.length > 0, 'posted');
    await app.waitFor('status update posted to #atp-incidents');
    expect(slack.posts[0]!.text).toMatch(/^\[SEV-2\] /);
    const entries = app.journal.read();
    expect(entries.map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'finished']);
    expect(entries[3]).toMatchObject({action: 'update', target: '#atp-incidents', params: {via: 'slack-webhook', webhookEnv: VAR, channel: '#atp-incidents'}});
    expect((entries[3]!.params as {text: string}).text).toBe(app.clipboard[0]);
    expect(readFileSync(app.journal.path, 'utf8')).not.toContain(slack.url.slice(slack.url.indexOf('/services/')));
    expect(app.lastFrame().split('\n')[0]).toContain('update in 30m');
  });

  it('says what is wrong with the webhook variable and offers only Copy', async () => {
    app = await renderCockpit({config: slackConfig(), flags: {context: 'ops'}, columns: 120, rows: 40});
    const frame = await openEditor(app);
    expect(frame).toContain(`Slack: cannot post: ${VAR} is not set: export ${VAR}=`);
    expect(frame).not.toContain('Copy and post');
  });

  it("a failed post is journaled as failed, with Slack's reason", async () => {
    process.env[VAR] = slack.url.replace('xxxx', 'zzzz');
    app = await renderCockpit({config: slackConfig(), flags: {context: 'ops'}, columns: 120, rows: 40});
    await openEditor(app);
    await app.press(KEYS.tab, KEYS.right, KEYS.enter);
    await app.waitFor('Post the status update');
    await app.press('\u001b[6~', '\u001b[6~', '\u001b[6~', '\u001b[6~', KEYS.right, KEYS.enter);
    await app.waitFor('no_service');
    expect(app.journal.read().map((e) => e.phase)).toEqual(['planned', 'confirmed', 'started', 'failed']);
    expect(app.lastFrame().split('\n')[0]).not.toContain('update in 30m');
  });

  it('read-only: the editor opens and copies, nothing is posted or journaled', async () => {
    process.env[VAR] = slack.url;
    slack.posts.length = 0;
    app = await renderCockpit({config: slackConfig({readOnly: true}), flags: {context: 'ops'}, columns: 120, rows: 40});
    const frame = await openEditor(app);
    expect(frame).toContain('Slack: cannot post: this cockpit is read-only');
    expect(frame).not.toContain('Copy and post');
    await app.press(KEYS.tab, KEYS.right, KEYS.enter);
    await app.waitUntil((f) => !f.includes('edit it in place'), 'closed');
    await app.press(':', 'update', KEYS.enter);
    await app.waitFor('edit it in place');
    await app.press(KEYS.tab, KEYS.enter);
    await app.waitFor('Copied');
    expect(app.clipboard).toHaveLength(1);
    expect(slack.posts).toHaveLength(0);
    expect(app.journal.read()).toEqual([]);
  });

  it('U opens the same editor; :update with an argument shows the usage line and opens nothing', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.tick(1000);
    await app.press(':', 'update now', KEYS.enter);
    await app.waitFor('usage: update');
    expect(app.lastFrame()).not.toContain('edit it in place');
    await app.press('U');
    await app.waitFor('edit it in place');
  });

  it('fits at 80x24', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 80, rows: 24});
    const frame = await openEditor(app);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(frame).toContain('[ Copy ]'.replace(/[[\]]/g, '').trim());
    expect(frame).toContain('Cancel');
  });
});

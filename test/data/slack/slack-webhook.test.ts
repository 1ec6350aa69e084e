// Posting a status update to a Slack incoming webhook, against a loopback double that answers like Slack.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ReadOnlyError, SourceError} from '../../../src/data/errors.js';
import {ManualClock, systemClock} from '../../../src/data/clock.js';
import {postToWebhook, slackText, webhookUrl} from '../../../src/data/slack/webhook.js';
import {startSlackWebhookDouble, type SlackWebhookDouble} from '../../doubles/slack-webhook-double.js';

let slack: SlackWebhookDouble;
beforeAll(async () => {
  slack = await startSlackWebhookDouble();
});
afterAll(() => slack.close());

const clock = systemClock();
const settings = {webhookEnv: 'ATP_SLACK_WEBHOOK', channel: '#atp-incidents'};

describe('Slack webhook', () => {
  it('posts the text as JSON and Slack answers ok', async () => {
    slack.posts.length = 0;
    const posted = await postToWebhook(slack.url, '[SEV-1] ingestion ServiceDown\nStatus: Investigating', {readOnly: false, clock});
    expect(posted).toEqual({attempts: 1});
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]).toMatchObject({
      method: 'POST',
      contentType: 'application/json; charset=utf-8',
      text: '[SEV-1] ingestion ServiceDown\nStatus: Investigating',
    });
  });

  it('escapes &, < and >, so quoted text cannot mention @here or @channel or form a link', async () => {
    expect(slackText('a <!here> & <https://evil|click>')).toBe('a &lt;!here&gt; &amp; &lt;https://evil|click&gt;');
    slack.posts.length = 0;
    await postToWebhook(slack.url, 'x <!channel>', {readOnly: false, clock});
    expect(slack.posts[0]?.text).toBe('x &lt;!channel&gt;');
  });

  it('waits out a 429 Retry-After once, then posts', async () => {
    slack.posts.length = 0;
    slack.rateLimit(1, 2);
    const manual = new ManualClock();
    const post = postToWebhook(slack.url, 'update', {readOnly: false, clock: manual});
    // The retry waits on the injected clock: nothing more is sent until it has moved 2 s.
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.posts).toHaveLength(1);
    manual.advance(2_000);
    await expect(post).resolves.toEqual({attempts: 2});
    expect(slack.posts).toHaveLength(2);
  });

  it('waits out a Retry-After given as an HTTP date (src/data/http/retry-after.ts), and ignores one that is garbage', async () => {
    slack.posts.length = 0;
    const manual = new ManualClock(Date.UTC(2026, 11, 6, 6, 0, 0));
    slack.rateLimit(1, new Date(manual.now() + 3_000).toUTCString());
    const post = postToWebhook(slack.url, 'update', {readOnly: false, clock: manual});
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.posts).toHaveLength(1);
    manual.advance(3_000);
    await expect(post).resolves.toEqual({attempts: 2});
    // An empty header is no Retry-After: not posted, and no "retry after 0s" invented from it.
    slack.rateLimit(1, '');
    await expect(postToWebhook(slack.url, 'update', {readOnly: false, clock})).rejects.toThrow('Slack rate-limited the webhook (HTTP 429): not posted');
  });

  it('gives up on a second 429, or on a Retry-After too long to wait, and says it was not posted', async () => {
    slack.rateLimit(2, 0);
    await expect(postToWebhook(slack.url, 'update', {readOnly: false, clock})).rejects.toThrow(
      'Slack rate-limited the webhook (HTTP 429, retry after 0s): not posted',
    );
    slack.rateLimit(1, 120);
    await expect(postToWebhook(slack.url, 'update', {readOnly: false, clock})).rejects.toThrow('HTTP 429, retry after 120s');
  });

  it('the double answers like Slack: 400 invalid_payload for a body that is not a JSON object', async () => {
    const res = await fetch(slack.url, {method: 'POST', body: 'text=hello'});
    expect([res.status, await res.text()]).toEqual([400, 'invalid_payload']);
  });

  it('explains 400 no_text', async () => {
    await expect(postToWebhook(slack.url, '', {readOnly: false, clock})).rejects.toThrow('Slack refused the post (HTTP 400): the message was empty (no_text)');
  });

  it('explains a revoked hook (404 no_service) without showing the URL', async () => {
    const wrong = slack.url.replace('xxxx', 'yyyy');
    const error = await postToWebhook(wrong, 'update', {readOnly: false, clock}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(String((error as Error).message)).toBe(
      'Slack refused the post (HTTP 404): the webhook is disabled or was revoked (no_service): create a new one and update the variable',
    );
    expect(String((error as Error).message)).not.toContain('/services/');
  });

  it('says a timed-out post may have landed (and does not retry it)', async () => {
    slack.posts.length = 0;
    slack.stall(1_000);
    const error = await postToWebhook(slack.url, 'update', {readOnly: false, clock, timeoutMs: 200}).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(
      /^no answer from 127\.0\.0\.1:\d+ within 0\.2s: the update may or may not have been posted; look in the channel/,
    );
    expect(slack.posts).toHaveLength(1);
  });

  it('refuses in a read-only cockpit before any request', async () => {
    slack.posts.length = 0;
    await expect(postToWebhook(slack.url, 'update', {readOnly: true, clock})).rejects.toBeInstanceOf(ReadOnlyError);
    expect(slack.posts).toHaveLength(0);
  });

  it('takes the URL from the environment variable the context names, and says how to fix it', () => {
    expect(webhookUrl(settings, {ATP_SLACK_WEBHOOK: slack.url})).toEqual({url: slack.url});
    expect(webhookUrl(settings, {})).toEqual({problem: expect.stringMatching(/^ATP_SLACK_WEBHOOK is not set: export ATP_SLACK_WEBHOOK=/) as string});
    expect(webhookUrl(settings, {ATP_SLACK_WEBHOOK: 'http://hooks.slack.com/services/x'})).toEqual({
      problem: 'ATP_SLACK_WEBHOOK must be an https:// URL (plain http only to 127.0.0.1)',
    });
    expect(webhookUrl(settings, {ATP_SLACK_WEBHOOK: 'not a url'})).toMatchObject({problem: expect.stringContaining('does not hold a URL') as string});
  });
});

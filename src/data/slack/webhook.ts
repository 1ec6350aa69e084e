// Posts a status update to a Slack incoming webhook (https://api.slack.com/messaging/webhooks): one JSON POST of
// {"text": ...}, answered "ok" or with a plain error code. The URL is a secret (its path is the token): it comes from
// the environment variable the context names (`slack.webhookEnv`) and never appears in a message, the journal or a
// command line. A read-only cockpit refuses here, below the UI. docs/status-updates.md.
import type {Clock} from '../clock.js';
import {ReadOnlyError, SourceError} from '../errors.js';
import {HttpClient} from '../http/request.js';
import {retryAfterMs} from '../http/retry-after.js';
import {sleep} from '../sleep.js';
import {sanitizeLine} from '../text/sanitize.js';

/** The webhook's settings in a context: the name of the variable that holds the URL, and the channel it posts to. */
export interface SlackSettings {
  readonly webhookEnv: string;
  readonly channel: string;
}

/** Slack's error codes for incoming webhooks, in words a person can act on. */
const CODES: Readonly<Record<string, string>> = {
  invalid_payload: 'Slack could not read the message (invalid_payload)',
  no_text: 'the message was empty (no_text)',
  no_service: 'the webhook is disabled or was revoked (no_service): create a new one and update the variable',
  no_service_id: 'the webhook URL is incomplete (no_service_id): check the variable',
  no_team: 'the Slack workspace is gone or the URL is wrong (no_team)',
  team_disabled: 'the Slack workspace is disabled (team_disabled)',
  invalid_token: 'the webhook URL is wrong or revoked (invalid_token): check the variable',
  channel_not_found: "the webhook's channel no longer exists (channel_not_found)",
  channel_is_archived: "the webhook's channel is archived (channel_is_archived)",
  action_prohibited: 'a Slack admin restricts posting to that channel (action_prohibited)',
  user_not_found: "the webhook's user no longer exists (user_not_found)",
};

/** The webhook URL from the environment, or what is wrong with it and how to fix it. */
export function webhookUrl(settings: SlackSettings, env: NodeJS.ProcessEnv = process.env): {url: string} | {problem: string} {
  const name = settings.webhookEnv;
  const raw = env[name]?.trim();
  if (!raw)
    return {problem: `${name} is not set: export ${name}=<the incoming webhook URL> before starting the cockpit (the URL never goes in the config file)`};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {problem: `${name} does not hold a URL: set it to the incoming webhook URL (https://hooks.slack.com/services/…)`};
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // The token travels in the path: only over TLS, except to a relay on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return {problem: `${name} must be an https:// URL (plain http only to 127.0.0.1)`};
  return {url: url.toString()};
}

/** Slack's mrkdwn control characters escaped (&, <, >), so no text can form a link or an @here/@channel mention. */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The request body: the text (escaped) as Slack's `text` field. */
export function webhookBody(text: string): string {
  return JSON.stringify({text: slackText(text)});
}

export interface PostOptions {
  readonly readOnly: boolean;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** A 429's Retry-After is waited out (once) only when it is at most this long. */
  readonly maxRetryWaitMs?: number;
}

/** A post Slack accepted. */
export interface Posted {
  readonly attempts: number;
}

/**
 * Posts `text` to the webhook at `url`. A 429 is retried once after its Retry-After when that is short (a rate-limited
 * post was not posted, so the retry cannot post twice); a timeout is not retried (the post may have landed).
 * Rejects with a SourceError that names the host, never the URL.
 */
export async function postToWebhook(url: string, text: string, options: PostOptions): Promise<Posted> {
  const host = new URL(url).host;
  if (options.readOnly) throw new ReadOnlyError(`POST to the Slack webhook on ${host}`);
  const client = new HttpClient({timeoutMs: options.timeoutMs ?? 10_000, maxBytes: 64 * 1024});
  try {
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        res = await client.request(url, {
          method: 'POST',
          body: webhookBody(text),
          headers: {'content-type': 'application/json; charset=utf-8'},
          signal: options.signal,
        });
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'timeout') {
          throw new SourceError('timeout', `${error.message}: the update may or may not have been posted; look in the channel before posting again`, {
            cause: error,
          });
        }
        throw error;
      }
      const body = sanitizeLine(res.body.toString('utf8').slice(0, 200)).trim();
      if (res.status === 200) return {attempts: attempt};
      if (res.status === 429) {
        const wait = retryAfterMs(res.retryAfter, options.clock.now());
        if (attempt === 1 && wait !== undefined && wait <= (options.maxRetryWaitMs ?? 30_000)) {
          await sleep(options.clock, wait, options.signal);
          continue;
        }
        throw new SourceError(
          'http',
          `Slack rate-limited the webhook (HTTP 429${wait === undefined ? '' : `, retry after ${Math.ceil(wait / 1000)}s`}): not posted`,
        );
      }
      const known = CODES[body];
      const auth = res.status === 401 || res.status === 403;
      throw new SourceError(auth ? 'auth' : 'http', `Slack refused the post (HTTP ${res.status}): ${known ?? (body || res.statusText || 'no reason given')}`);
    }
  } finally {
    client.close();
  }
}

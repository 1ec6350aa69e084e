// Posting a status update to the context's Slack incoming webhook, as an action: planned as data (what, where,
// effect, a curl equivalent that names the variable, never the URL), confirmed, journaled with the text posted, and
// refused in read-only here and again in the webhook client below. docs/status-updates.md.
import {randomUUID} from 'node:crypto';
import type {Clock} from '../data/clock.js';
import {ReadOnlyError} from '../data/errors.js';
import {postToWebhook, webhookBody, webhookUrl, type Posted, type SlackSettings} from '../data/slack/webhook.js';
import {whereContext, type PlanEnv} from './env.js';
import {readOnlyRefusal} from './rules.js';
import type {ActionScope} from './runner.js';
import {UPDATE_ACTION} from './status-update.js';
import type {ActionPlan} from './types.js';

/** How the plan posts (the real webhook client; a test may count calls). */
export type PostFn = (url: string, text: string, signal: AbortSignal) => Promise<Posted>;

/** What the plan needs besides the environment of every plan. */
export interface UpdatePostDeps {
  readonly slack: SlackSettings;
  /** Where the webhook URL is read from (process.env in the cockpit). */
  readonly vars?: NodeJS.ProcessEnv;
  readonly post?: PostFn;
  /** The clock a 429's Retry-After is waited out on. */
  readonly clock: Clock;
  /** Told when Slack accepted the post (the header's countdown restarts). */
  readonly onPosted?: (at: number) => void;
}

/** A shell word in single quotes. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The curl a person could run instead: the URL stays in the variable, so the command holds no secret. */
export function curlEquivalent(text: string, webhookEnv: string): string {
  return `curl -sS -X POST -H 'Content-type: application/json' --data ${quote(webhookBody(text))} "$${webhookEnv}"`;
}

/** The same curl with the body in a file, as the dialog shows it (the text itself is shown once, below it). */
export function curlWithFile(webhookEnv: string): string {
  const curl = `curl -sS -X POST -H 'Content-type: application/json' --data @update.json "$${webhookEnv}"`;
  return `${curl}   (update.json: {"text": the text below, with &, <, > escaped})`;
}

/** The plan that posts `text` to the webhook of `deps.slack`. */
export function updatePostPlan(env: PlanEnv, text: string, deps: UpdatePostDeps): ActionPlan {
  const {slack} = deps;
  const vars = deps.vars ?? process.env;
  const ctx = env.session.context;
  const lines = text.split('\n').length;
  return {
    kind: UPDATE_ACTION,
    title: `Post the status update to ${slack.channel}`,
    target: slack.channel,
    where: `${whereContext(env)} · Slack incoming webhook in $${slack.webhookEnv} → ${slack.channel}`,
    effect: `one message of ${lines} line${lines === 1 ? '' : 's'} appears in ${slack.channel}, posted by the webhook's app; it cannot be unposted from here`,
    command: curlWithFile(slack.webhookEnv),
    blastRadius: `everyone in ${slack.channel} sees it; nothing in ATP changes`,
    notes: [`the text, as posted:\n${text}`],
    // The journal keeps the text posted (for the incident record) and the variable's name, never its value.
    params: {channel: slack.channel, via: 'slack-webhook', webhookEnv: slack.webhookEnv, text},
    before: {},
    requireReason: false,
    cancellable: false,
    async preconditions() {
      // The definition declares no rules (composing and copying are reading); posting is refused here in read-only.
      if (ctx.readOnly) return readOnlyRefusal(ctx.readOnlyReason);
      const found = webhookUrl(slack, vars);
      return 'problem' in found ? `refused: ${found.problem}` : undefined;
    },
    async run(control) {
      const found = webhookUrl(slack, vars);
      if ('problem' in found) return {ok: false, message: `not posted: ${found.problem}`};
      // Below the UI as well: a read-only cockpit never sends the request, whatever called this.
      if (ctx.readOnly) throw new ReadOnlyError(`posting to ${slack.channel}`);
      const post: PostFn = deps.post ?? ((url, t, signal) => postToWebhook(url, t, {readOnly: ctx.readOnly, clock: deps.clock, signal}));
      const posted = await post(found.url, text, control.signal);
      deps.onPosted?.(env.now());
      return {
        ok: true,
        message: `status update posted to ${slack.channel}${posted.attempts > 1 ? ` (after ${posted.attempts - 1} rate-limited attempt)` : ''}`,
        after: {postedAt: new Date(env.now()).toISOString()},
        details: {attempts: posted.attempts},
      };
    },
  };
}

/** Journals an update copied to the clipboard (to be pasted into `channel`): the text, who and when. */
export async function recordCopy(scope: ActionScope, text: string, channel: string): Promise<void> {
  const {journal, identity, context, environment} = scope;
  await journal.append({
    actionId: randomUUID(),
    action: UPDATE_ACTION,
    phase: 'finished',
    who: identity,
    context,
    environment,
    target: channel,
    params: {channel, via: 'clipboard', text},
    message: `status update copied to the clipboard for ${channel}`,
  });
}

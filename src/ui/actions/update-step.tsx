// The `:update` form: composes the update from the alerts the screen shows and the journal, opens the editor, then
// copies (journaled) or goes on to the post's confirmation. docs/status-updates.md.
import {useState} from 'react';
import type {StepEnv, StepIO} from '../../actions/definition.js';
import {composeUpdate, INCIDENT_CHANNEL} from '../../actions/status-update.js';
import {recordCopy, updatePostPlan} from '../../actions/update-post.js';
import {webhookUrl} from '../../data/slack/webhook.js';
import {useCockpit} from '../context.js';
import {UpdateDialog} from '../dialogs/update-dialog.js';
import {lastUpdateOf} from '../hooks/use-last-update.js';
import {latestAlerts} from '../hooks/latest-alerts.js';

/** Journal entries read to say what was done (an incident's actions are among the last few hundred). */
const JOURNAL_TAIL = 500;

export function UpdateStep({env, io}: {env: StepEnv; io: StepIO}) {
  const cockpit = useCockpit();
  const {session, journal, identity, clock} = cockpit;
  const ctx = session.context;
  const last = lastUpdateOf(journal, ctx.name);
  const [initial] = useState(
    () => composeUpdate({alerts: latestAlerts(session), journal: journal.tail(JOURNAL_TAIL), now: clock.now(), context: ctx, lastUpdateAt: last.get()}).text,
  );
  const channel = ctx.slack?.channel ?? INCIDENT_CHANNEL;
  const found = ctx.slack ? webhookUrl(ctx.slack) : undefined;
  const problem = ctx.readOnly ? `this cockpit is read-only (${ctx.readOnlyReason ?? 'read-only'})` : found && 'problem' in found ? found.problem : undefined;
  const copied = (text: string) =>
    `Copied the update (${text.length} characters) to the clipboard through the terminal (OSC 52): paste it into ${channel}. ` +
    'A terminal that does not accept OSC 52 ignores it (tmux: set -g set-clipboard on).';
  return (
    <UpdateDialog
      initial={initial}
      slack={ctx.slack ? {channel, problem} : undefined}
      onCancel={io.cancel}
      onCopy={(text) =>
        io.next(() => {
          if (!cockpit.copyToClipboard?.(text)) {
            return {
              step: 'notice',
              title: 'Not copied',
              text: 'The clipboard is reached through the terminal (OSC 52): this cockpit is not drawing on one.',
              tone: 'crit',
            };
          }
          last.record(clock.now());
          // A read-only cockpit writes nothing, its journal included; the countdown restarts all the same.
          const journaled = ctx.readOnly ? Promise.resolve() : recordCopy({journal, identity, context: ctx.name, environment: ctx.environment}, text, channel);
          return journaled.then(() => ({step: 'notice', title: 'Copied', text: copied(text), tone: 'info'}));
        }, 'Status update')
      }
      onPost={(text) =>
        io.next(() => {
          if (!ctx.slack) throw new Error('no Slack webhook is configured for this context');
          // Copied as well, so the text is at hand whatever Slack answers; the post is what the journal records.
          cockpit.copyToClipboard?.(text);
          return {step: 'plan', plan: updatePostPlan(env, text, {slack: ctx.slack, clock, onPosted: (t) => last.record(t)})};
        }, 'Status update')
      }
    />
  );
}

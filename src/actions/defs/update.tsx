// The status update, declared once: `U` or `:update`; the composed update in an editor, then Copy (OSC 52, journaled)
// or Copy and post (the Slack webhook, confirmed and journaled). The plan in ../update-post.ts; docs/status-updates.md.
import {UpdateStep} from '../../ui/actions/update-step.js';
import {defineAction} from '../definition.js';
import {INCIDENT_CHANNEL, UPDATE_ACTION} from '../status-update.js';
import type {ActionRequest} from '../types.js';

export interface UpdateRequest extends ActionRequest {
  readonly kind: 'update';
}

export const update = defineAction<UpdateRequest>({
  kind: UPDATE_ACTION,
  key: {
    keys: ['U'],
    hint: 'update',
    help: `Status update for ${INCIDENT_CHANNEL}: compose, edit, copy (OSC 52), post to Slack when configured`,
    places: ['panes', 'detail'],
  },
  command: {word: 'update', usage: '', parse: (arg) => (arg ? 'usage: update (no argument: the update is composed, then edited)' : {kind: 'update'})},
  available: () => true,
  request: () => ({kind: 'update'}),
  target: () => INCIDENT_CHANNEL,
  // Composing and copying read and write nothing outside the cockpit, so the editor opens even when read-only; the
  // post refuses read-only in its plan's preconditions, in its run, and in the webhook client (below the UI).
  rules: [],
  confirmLabel: 'Post',
  // Posting a message changes nothing in production: the confirmation shows the text, no name to type.
  typedName: false,
  start: (_request, env) => ({step: 'form', render: (io) => <UpdateStep env={env} io={io} />}),
});

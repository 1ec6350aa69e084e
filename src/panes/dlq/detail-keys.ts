// The DLQ detail's keys, declared once: its key line is written from these (src/ui/keys/view-keys.ts) and they are
// the keys that act. The view itself takes movement and `open`; R (refresh: a peek again) and the replay action's
// key are the cockpit's, and act here too.
import type {ViewKeyPart} from '../../ui/keys/view-keys.js';

/** What each key does in the DLQ detail. */
export const DLQ_DETAIL_KEYS: readonly ViewKeyPart[] = [
  ['move', 'select'],
  ['open', 'body & properties'],
  ['refresh', 're-peek'],
  [{action: 'replay'}, 'replay'],
];

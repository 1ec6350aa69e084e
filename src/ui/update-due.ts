// The header's countdown to the next status update (docs/status-updates.md): minutes only, so it changes the frame
// once a minute, on the cockpit's existing one-second tick.
import type {UpdateDue} from '../actions/status-update.js';

/** The countdown's words: the long form, and a short one for a narrow header. */
export function updateDueText(due: UpdateDue | undefined): {long: string; short: string; overdue: boolean} | undefined {
  if (!due) return undefined;
  if (due.leftMs > 0) {
    const m = Math.ceil(due.leftMs / 60_000);
    return {long: `update in ${m}m`, short: `upd ${m}m`, overdue: false};
  }
  const late = Math.floor(-due.leftMs / 60_000);
  return {long: `UPDATE OVERDUE${late ? ` ${late}m` : ''}`, short: `UPD LATE${late ? ` ${late}m` : ''}`, overdue: true};
}

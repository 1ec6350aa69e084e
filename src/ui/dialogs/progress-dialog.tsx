// Progress of a running action: a bar with counts for a replay, rollout status for a rollback.
import {Text} from 'ink';
import type {ActionPlan, Progress} from '../../actions/types.js';
import {describeWaiting} from '../../data/replay/recovery.js';
import {fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, Field, dialogWidth} from './dialog-frame.js';

/** A text progress bar of `width` cells. */
export function progressBar(done: number, total: number, width: number, ascii: boolean): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return ascii ? `${'#'.repeat(filled)}${'.'.repeat(width - filled)}` : `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export function ProgressDialog({plan, progress, stopping, onStop}: {plan: ActionPlan; progress?: Progress; stopping: boolean; onStop: () => void}) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (dialogKey(name) === 'cancel') onStop();
    return true;
  });
  let line = 'starting…';
  let bar: string | undefined;
  if (progress?.kind === 'replay') {
    bar = `${progressBar(progress.done, progress.total, Math.max(10, width - 30), theme.ascii)} ${progress.done}/${progress.total}`;
    line = `replayed ${progress.done} of ${progress.total} · failed ${progress.failed}${progress.current ? ` · now ${progress.current}` : ''}`;
    // Issue 15: a replay that is not moving says why, with the seconds waited (the engine reports every second).
    if (progress.waiting) line = describeWaiting(progress.waiting);
  } else if (progress?.kind === 'rollout') {
    const s = progress.status;
    bar = `${progressBar(s.updated, s.desired, Math.max(10, width - 30), theme.ascii)} ${s.updated}/${s.desired} updated`;
    line = `${s.ready}/${s.desired} ready · ${s.message}`;
  } else if (progress?.kind === 'step') {
    line = progress.message;
  }
  const keys = plan.cancellable
    ? stopping
      ? 'stopping after the current message…'
      : dialogHint([['cancel', 'stops after the current message']])
    : stopping
      ? 'no longer following; the change continues in the cluster'
      : dialogHint([['cancel', 'stops following (the change itself continues)']]);
  return (
    <DialogFrame title={`${plan.title}…`} tone="info" width={width} keys={keys}>
      <Field label="Where" value={plan.where} width={width} />
      {bar ? (
        <Text color={theme.tone('info')} bold>
          {fit(` ${bar}`, width - 2)}
        </Text>
      ) : null}
      <Text wrap="truncate">{fit(` ${line}`, width - 2)}</Text>
    </DialogFrame>
  );
}

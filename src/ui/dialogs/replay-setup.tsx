// Replay, steps 1-3: reason breakdown with the runbook's action per reason, filter and max count, then the dry run.
import {useLatestState} from '../hooks/use-latest-state.js';
import {Text} from 'ink';
import {useState} from 'react';
import type {DlqEntity} from '../../data/readings/types.js';
import {adviceFor} from '../../data/runbook.js';
import type {DlqMessage, ReplayTarget} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {DEFAULT_REPLAY_COUNT} from '../../actions/replay.js';
import {useNow, useSize, useTheme} from '../context.js';
import {duration} from '../format.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {Blank, DialogFrame, Wrapped, dialogWidth} from './dialog-frame.js';

export interface ReplayFilter {
  readonly reason?: string;
  readonly maxCount: number;
  readonly target: ReplayTarget;
}

export function ReplaySetup({entity, targets, onNext, onCancel}: {entity: DlqEntity; targets: readonly ReplayTarget[]; onNext: (f: ReplayFilter) => void; onCancel: () => void}) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 110);
  const reasons = Object.entries(entity.reasons ?? {}).sort((a, b) => b[1] - a[1]);
  const [index, setIndex, indexRef] = useLatestState(0);
  const [max, setMax, maxRef] = useLatestState(String(DEFAULT_REPLAY_COUNT));
  const [targetIndex, setTargetIndex, targetRef] = useLatestState(0);
  const [error, setError] = useState<string>();
  useKeyLayer(LAYER.dialog, ({name, text}) => {
    if (name === 'escape') onCancel();
    else if (name === 'up' || name === 'k') setIndex((i) => Math.max(0, i - 1));
    else if (name === 'down' || name === 'j') setIndex((i) => Math.min(reasons.length, i + 1));
    else if (name === 't') setTargetIndex((i) => (i + 1) % Math.max(1, targets.length));
    else if (name === 'backspace') setMax((m) => m.slice(0, -1));
    else if (/^[0-9]$/.test(text)) setMax((m) => (m + text).replace(/^0+/, '').slice(0, 6));
    else if (name === 'enter') {
      const n = Number(maxRef.current);
      const target = targets[targetRef.current];
      if (!Number.isInteger(n) || n < 1) setError('max count must be a whole number of at least 1');
      else if (!target) setError('no replay target is available for this entity');
      else onNext({reason: indexRef.current === 0 ? undefined : reasons[indexRef.current - 1]?.[0], maxCount: n, target});
    }
    return true;
  });
  const target = targets[targetIndex];
  return (
    <DialogFrame title={`Replay dead letters: ${entity.entity}`} tone="warn" width={width} keys="↑↓ reason · digits/Backspace max count · t target · Enter dry run · Esc cancel">
      <Text bold dimColor>
        {fit('   REASON                      COUNT  INDICATES → RUNBOOK ACTION', width - 2)}
      </Text>
      <Text inverse={index === 0}>{fit(`${index === 0 ? ` ${theme.selected} ` : '   '}${'all reasons'.padEnd(27)} ${String(entity.deadLetter).padStart(5)}`, width - 2)}</Text>
      {reasons.map(([reason, n], i) => {
        const advice = adviceFor(reason);
        return (
          <Text key={reason} inverse={index === i + 1}>
            {fit(`${index === i + 1 ? ` ${theme.selected} ` : '   '}${fit(reason, 27)} ${String(n).padStart(5)}  ${advice.indicates} → ${advice.action}`, width - 2, 'left', theme.ellipsis)}
          </Text>
        );
      })}
      <Blank width={width} />
      <Text>
        {fit(' Max count: ', 13)}
        <Text inverse bold>{` ${max || ' '} `}</Text>
        <Text dimColor>{fit("  (runbook: small batch first, then the rest)", width - 2 - 13 - max.length - 2)}</Text>
      </Text>
      <Wrapped text={`Target: ${target?.label ?? 'none'}${targets.length > 1 ? `   (t: ${targets.length} targets)` : ''}`} width={width} tone={target && target.reaches.length > 1 ? 'warn' : undefined} />
      {error ? <Wrapped text={error} width={width} tone="crit" /> : <Blank width={width} />}
    </DialogFrame>
  );
}

export function ReplayDryRun({entity, filter, messages, onNext, onBack}: {entity: DlqEntity; filter: ReplayFilter; messages: readonly DlqMessage[]; onNext: () => void; onBack: () => void}) {
  const theme = useTheme();
  const now = useNow();
  const {columns, rows} = useSize();
  const width = dialogWidth(columns, 110);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (name === 'escape') onBack();
    else if (name === 'enter' && messages.length > 0) onNext();
    return true;
  });
  const shown = messages.slice(0, Math.max(3, rows - 18));
  return (
    <DialogFrame title={`Dry run: ${messages.length} message${messages.length === 1 ? '' : 's'} would go to ${filter.target.entity}`} tone="warn" width={width} keys={messages.length ? 'Enter continue to confirmation · Esc back' : 'Esc back'}>
      <Wrapped text={`From ${entity.entity}/$DeadLetterQueue${filter.reason ? `, reason ${filter.reason}` : ''}, first ${filter.maxCount}, to ${filter.target.label}. Nothing has been sent.`} width={width} />
      <Text bold dimColor>
        {fit('   SEQ     MESSAGE ID                             REASON                    DELIV  AGE', width - 2)}
      </Text>
      {shown.map((m) => (
        <Text key={m.sequenceNumber}>
          {fit(`   ${String(m.sequenceNumber).padEnd(7)} ${fit(m.messageId, 38)} ${fit(m.reason, 25)} ${String(m.deliveryCount).padStart(5)}  ${duration(now - m.enqueuedAt)}`, width - 2, 'left', theme.ellipsis)}
        </Text>
      ))}
      {messages.length > shown.length ? <Text dimColor>{fit(`   … and ${messages.length - shown.length} more`, width - 2)}</Text> : null}
      {messages.length === 0 ? <Wrapped text="No message matches this filter." width={width} tone="warn" /> : null}
    </DialogFrame>
  );
}

// Replay, steps 1-3: the reasons to replay (preselected: those whose runbook action is a replay), max count and
// target, then the dry run.
import {useLatestState} from '../hooks/use-latest-state.js';
import {Text} from 'ink';
import {Fragment, useState} from 'react';
import type {DlqEntity} from '../../data/readings/types.js';
import {adviceFor, isReplayReason} from '../../data/runbook.js';
import type {DlqMessage, ReplayTarget} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {DEFAULT_REPLAY_COUNT} from '../../actions/replay.js';
import {useNow, useSize, useTheme} from '../context.js';
import {duration} from '../format.js';
import {listMove} from '../keys/bindings.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {PAGE} from './target-picker.js';
import {DialogFrame, Spacer, Wrapped, dialogWidth, wrapText} from './dialog-frame.js';

/** Where the runbook's action starts in a reason row. */
const ACTION_COLUMN = 42;

export interface ReplayFilter {
  /** The reasons chosen (empty only when the entity's reason breakdown is unknown). */
  readonly reasons: readonly string[];
  readonly maxCount: number;
  readonly target: ReplayTarget;
}

/** The warning for chosen reasons whose runbook action is not a replay. */
export function notReplayWarning(reasons: readonly string[]): string | undefined {
  const off = reasons.filter((r) => !adviceFor(r).replay);
  if (off.length === 0) return undefined;
  const actions = off.map((r) => adviceFor(r).action).join('; ');
  return (
    `${off.join(', ')}: the runbook's action is not a replay (${actions}). ` +
    'Replayed before that, they will likely dead-letter again; the confirmation will ask for a reason.'
  );
}

export function ReplaySetup({
  entity,
  targets,
  onNext,
  onCancel,
}: {
  entity: DlqEntity;
  targets: readonly ReplayTarget[];
  onNext: (f: ReplayFilter) => void;
  onCancel: () => void;
}) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 110);
  const reasons = Object.entries(entity.reasons ?? {}).sort((a, b) => b[1] - a[1]);
  const [index, setIndex, indexRef] = useLatestState(0);
  // Runbook Topic 19: only reasons whose action is a replay are preselected; the others must be chosen explicitly.
  const [chosen, setChosen, chosenRef] = useLatestState<readonly string[]>(reasons.map(([r]) => r).filter(isReplayReason));
  const [max, setMax, maxRef] = useLatestState(String(DEFAULT_REPLAY_COUNT));
  const [targetIndex, setTargetIndex, targetRef] = useLatestState(0);
  const [error, setError] = useState<string>();
  useKeyLayer(LAYER.dialog, ({name, text}) => {
    setError(undefined);
    const moved = listMove(name, indexRef.current, reasons.length, PAGE);
    if (moved !== undefined) setIndex(moved);
    else if (dialogKey(name) === 'cancel') onCancel();
    else if (dialogKey(name) === 'toggle') {
      const reason = reasons[indexRef.current]?.[0];
      if (reason) setChosen((c) => (c.includes(reason) ? c.filter((r) => r !== reason) : [...c, reason]));
    } else if (dialogKey(name) === 'cycle-target') setTargetIndex((i) => (i + 1) % Math.max(1, targets.length));
    else if (dialogKey(name) === 'erase') setMax((m) => m.slice(0, -1));
    else if (/^[0-9]$/.test(text)) setMax((m) => (m + text).replace(/^0+/, '').slice(0, 6));
    else if (dialogKey(name) === 'accept') {
      const n = Number(maxRef.current);
      const target = targets[targetRef.current];
      const picked = reasons.map(([r]) => r).filter((r) => chosenRef.current.includes(r));
      if (!Number.isInteger(n) || n < 1) setError('max count must be a whole number of at least 1');
      else if (!target) setError('no replay target is available for this entity');
      else if (reasons.length > 0 && picked.length === 0) setError('choose at least one reason (Space)');
      else onNext({reasons: picked, maxCount: n, target});
    }
    return true;
  });
  const target = targets[targetIndex];
  const warning = notReplayWarning(chosen);
  return (
    <DialogFrame
      title={`Replay dead letters: ${entity.entity}`}
      tone="warn"
      width={width}
      keys={dialogHint([
        ['move', 'reason'],
        ['toggle', 'choose'],
        ['digits', 'max count'],
        ['erase', 'delete'],
        ['cycle-target', 'target'],
        ['accept', 'dry run'],
        ['cancel', 'cancel'],
      ])}
    >
      <Text bold dimColor>
        {fit('       REASON                      COUNT  RUNBOOK ACTION (Topic 19, DLQ Classification)', width - 2)}
      </Text>
      {reasons.length === 0 ? (
        <Wrapped text="The reason breakdown is not known yet: the dry run shows each message's reason." width={width} tone="warn" />
      ) : null}
      {reasons.map(([reason, n], i) => {
        const advice = adviceFor(reason);
        const on = chosen.includes(reason);
        const action = advice.replay ? `${advice.action} (once ${advice.after ?? 'the cause is fixed'})` : `${advice.action} · NOT a replay`;
        // The runbook's action wraps under its column on a narrow terminal rather than being cut.
        const [first = '', ...rest] = wrapText(action, width - 3 - ACTION_COLUMN);
        return (
          <Fragment key={reason}>
            <Text inverse={index === i} color={on && !advice.replay ? theme.tone('warn') : undefined}>
              {fit(
                `${index === i ? ` ${theme.selected} ` : '   '}${on ? '[x]' : '[ ]'} ${fit(reason, 27)} ${String(n).padStart(5)}  ${first}`,
                width - 2,
                'left',
                theme.ellipsis,
              )}
            </Text>
            {rest.map((line) => (
              <Text key={line}>{fit(`${' '.repeat(ACTION_COLUMN)}${line}`, width - 2)}</Text>
            ))}
          </Fragment>
        );
      })}
      {warning ? <Wrapped text={`${theme.symbol('warn')} ${warning}`} width={width} tone="warn" bold /> : null}
      <Spacer width={width} />
      <Text>
        {fit(' Max count: ', 13)}
        <Text inverse bold>{` ${max || ' '} `}</Text>
        <Text dimColor>{fit('  (runbook: small batch first, then the rest)', width - 2 - 13 - max.length - 2)}</Text>
      </Text>
      <Wrapped
        text={`Target: ${target?.label ?? 'none'}${targets.length > 1 ? `   (t: ${targets.length} targets)` : ''}`}
        width={width}
        tone={target && target.reaches.length > 1 ? 'warn' : undefined}
      />
      {error ? <Wrapped text={error} width={width} tone="crit" /> : <Spacer width={width} />}
    </DialogFrame>
  );
}

export function ReplayDryRun({
  entity,
  filter,
  messages,
  onNext,
  onBack,
}: {
  entity: DlqEntity;
  filter: ReplayFilter;
  messages: readonly DlqMessage[];
  onNext: () => void;
  onBack: () => void;
}) {
  const theme = useTheme();
  const now = useNow();
  const {columns, rows} = useSize();
  const width = dialogWidth(columns, 110);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (dialogKey(name) === 'cancel') onBack();
    else if (dialogKey(name) === 'accept' && messages.length > 0) onNext();
    return true;
  });
  const warning = notReplayWarning([...new Set(messages.map((m) => m.reason))]);
  const shown = messages.slice(0, Math.max(3, rows - 18 - (warning ? 3 : 0)));
  return (
    <DialogFrame
      title={`Dry run: ${messages.length} message${messages.length === 1 ? '' : 's'} would go to ${filter.target.entity}`}
      tone="warn"
      width={width}
      keys={dialogHint([...(messages.length ? [['accept', 'continue to confirmation'] as const] : []), ['cancel', 'back']])}
    >
      <Wrapped
        text={
          `From ${entity.entity}/$DeadLetterQueue${filter.reasons.length ? `, reason ${filter.reasons.join(' or ')}` : ''}, ` +
          `first ${filter.maxCount}, to ${filter.target.label}. Nothing has been sent.`
        }
        width={width}
      />
      {warning ? <Wrapped text={`${theme.symbol('warn')} ${warning}`} width={width} tone="warn" /> : null}
      <Text bold dimColor>
        {fit('   SEQ     MESSAGE ID                             REASON                    DELIV  AGE', width - 2)}
      </Text>
      {shown.map((m) => (
        <Text key={m.sequenceNumber}>
          {fit(
            `   ${String(m.sequenceNumber).padEnd(7)} ${fit(m.messageId, 38)} ${fit(m.reason, 25)} ` +
              `${String(m.deliveryCount).padStart(5)}  ${duration(now - m.enqueuedAt)}`,
            width - 2,
            'left',
            theme.ellipsis,
          )}
        </Text>
      ))}
      {messages.length > shown.length ? <Text dimColor>{fit(`   … and ${messages.length - shown.length} more`, width - 2)}</Text> : null}
      {messages.length === 0 ? <Wrapped text="No message matches this filter." width={width} tone="warn" /> : null}
    </DialogFrame>
  );
}

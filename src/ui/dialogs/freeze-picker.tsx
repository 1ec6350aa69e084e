// Freeze / unfreeze, step 1: which kind. Only what the action can act on is offered (freeze: what is not frozen;
// unfreeze: what is frozen, preselected); the rest is listed for context.
import {useLatestState} from '../hooks/use-latest-state.js';
import {Text} from 'ink';
import type {Freeze, FreezeKind} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import {listMove} from '../keys/bindings.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {PAGE} from './target-picker.js';
import {DialogFrame, dialogWidth} from './dialog-frame.js';

export interface FreezePickerProps {
  readonly on: boolean;
  /** The kinds offered. */
  readonly kinds: readonly FreezeKind[];
  /** Every kind the freezer knows (those not offered are shown, not selectable). */
  readonly all: readonly FreezeKind[];
  readonly active: readonly Freeze[];
  describe(k: FreezeKind): string;
  onPick(k: FreezeKind): void;
  onCancel(): void;
}

export function FreezePicker({on, kinds, all, active, describe, onPick, onCancel}: FreezePickerProps) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 100);
  const [index, setIndex, indexRef] = useLatestState(0);
  useKeyLayer(LAYER.dialog, ({name}) => {
    const moved = listMove(name, indexRef.current, kinds.length, PAGE);
    if (moved !== undefined) setIndex(moved);
    else if (dialogKey(name) === 'cancel') onCancel();
    else if (dialogKey(name) === 'accept') {
      const k = kinds[indexRef.current];
      if (k) onPick(k);
    }
    return true;
  });
  const state = (k: FreezeKind) => {
    const f = active.find((a) => a.kind === k);
    return f ? `FROZEN by ${f.by}: ${f.reason}` : 'not frozen';
  };
  const others = all.filter((k) => !kinds.includes(k));
  return (
    <DialogFrame
      title={on ? 'Freeze: choose what to freeze' : 'Unfreeze: choose what to lift'}
      tone="warn"
      width={width}
      keys={dialogHint([
        ['move', 'choose'],
        ['accept', 'continue'],
        ['cancel', 'cancel'],
      ])}
    >
      {kinds.map((k, i) => (
        <Text key={k} inverse={i === index} color={on ? undefined : theme.tone('crit')}>
          {fit(`${i === index ? ` ${theme.selected} ` : '   '}${k.padEnd(12)} ${state(k)} — ${describe(k)}`, width - 2, 'left', theme.ellipsis)}
        </Text>
      ))}
      {others.length ? (
        <Text dimColor>
          {fit(
            `   ${on ? 'already frozen' : 'not frozen'}: ${others.map((k) => (on ? `${k} (${state(k)})` : k)).join(', ')}`,
            width - 2,
            'left',
            theme.ellipsis,
          )}
        </Text>
      ) : null}
    </DialogFrame>
  );
}

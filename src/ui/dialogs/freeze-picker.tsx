// Freeze / unfreeze, step 1: which kind, with what each one touches and who froze what.
import {useLatestState} from '../hooks/use-latest-state.js';
import {Text} from 'ink';
import type {Freeze, FreezeKind} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, dialogWidth} from './dialog-frame.js';

export function FreezePicker({on, kinds, active, describe, onPick, onCancel}: {on: boolean; kinds: readonly FreezeKind[]; active: readonly Freeze[]; describe: (k: FreezeKind) => string; onPick: (k: FreezeKind) => void; onCancel: () => void}) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 100);
  const [index, setIndex, indexRef] = useLatestState(0);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (name === 'escape') onCancel();
    else if (name === 'up' || name === 'k') setIndex((i) => Math.max(0, i - 1));
    else if (name === 'down' || name === 'j') setIndex((i) => Math.min(kinds.length - 1, i + 1));
    else if (name === 'enter') {
      const k = kinds[indexRef.current];
      if (k) onPick(k);
    }
    return true;
  });
  return (
    <DialogFrame title={on ? 'Freeze: choose what to freeze' : 'Unfreeze: choose what to lift'} tone="warn" width={width} keys="↑↓ choose · Enter continue · Esc cancel">
      {kinds.map((k, i) => {
        const f = active.find((a) => a.kind === k);
        const state = f ? `FROZEN by ${f.by}: ${f.reason}` : 'not frozen';
        return (
          <Text key={k} inverse={i === index} color={f ? theme.tone('crit') : undefined}>
            {fit(`${i === index ? ` ${theme.selected} ` : '   '}${k.padEnd(12)} ${state} — ${describe(k)}`, width - 2, 'left', theme.ellipsis)}
          </Text>
        );
      })}
    </DialogFrame>
  );
}

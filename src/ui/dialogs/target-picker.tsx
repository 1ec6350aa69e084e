// An ambiguous target: the exact candidates (SERVICE@REGION, or DLQ entities) to choose from. Nothing is guessed.
import {Text} from 'ink';
import {fit} from '../../data/text/width.js';
import type {Choice} from '../../actions/definition.js';
import {useSize, useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {listMove} from '../keys/bindings.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, dialogWidth} from './dialog-frame.js';

export interface TargetPickerProps {
  readonly title: string;
  readonly choices: readonly Choice[];
  onPick(c: Choice): void;
  onCancel(): void;
}

/** Rows a page key moves in a dialog's list. */
export const PAGE = 10;

export function TargetPicker({title, choices, onPick, onCancel}: TargetPickerProps) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  const [index, setIndex, indexRef] = useLatestState(0);
  useKeyLayer(LAYER.dialog, ({name}) => {
    const moved = listMove(name, indexRef.current, choices.length, PAGE);
    if (moved !== undefined) setIndex(moved);
    else if (dialogKey(name) === 'cancel') onCancel();
    else if (dialogKey(name) === 'accept') {
      const chosen = choices[indexRef.current];
      if (chosen) onPick(chosen);
    }
    return true;
  });
  const labelWidth = Math.min(48, Math.max(...choices.map((c) => c.label.length)) + 2);
  return (
    <DialogFrame
      title={title}
      tone="warn"
      width={width}
      keys={dialogHint([
        ['move', 'choose'],
        ['accept', 'continue'],
        ['cancel', 'cancel'],
      ])}
    >
      {choices.map((c, i) => (
        <Text key={c.label} inverse={i === index}>
          {fit(`${i === index ? ` ${theme.selected} ` : '   '}${c.label.padEnd(labelWidth)} ${c.detail}`, width - 2, 'left', theme.ellipsis)}
        </Text>
      ))}
    </DialogFrame>
  );
}

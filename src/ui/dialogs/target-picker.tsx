// An ambiguous target: the exact candidates (SERVICE@REGION, or DLQ entities) to choose from. Nothing is guessed.
import {Text} from 'ink';
import {fit} from '../../data/text/width.js';
import type {TargetChoice} from '../actions/flow.js';
import {useSize, useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, dialogWidth} from './dialog-frame.js';

export interface TargetPickerProps {
  readonly title: string;
  readonly choices: readonly TargetChoice[];
  onPick(c: TargetChoice): void;
  onCancel(): void;
}

export function TargetPicker({title, choices, onPick, onCancel}: TargetPickerProps) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  const [index, setIndex, indexRef] = useLatestState(0);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (name === 'escape') onCancel();
    else if (name === 'up' || name === 'k') setIndex((i) => Math.max(0, i - 1));
    else if (name === 'down' || name === 'j') setIndex((i) => Math.min(choices.length - 1, i + 1));
    else if (name === 'enter') {
      const chosen = choices[indexRef.current];
      if (chosen) onPick(chosen);
    }
    return true;
  });
  const labelWidth = Math.min(48, Math.max(...choices.map((c) => c.label.length)) + 2);
  return (
    <DialogFrame title={title} tone="warn" width={width} keys="↑↓ choose · Enter continue · Esc cancel">
      {choices.map((c, i) => (
        <Text key={c.label} inverse={i === index}>
          {fit(`${i === index ? ` ${theme.selected} ` : '   '}${c.label.padEnd(labelWidth)} ${c.detail}`, width - 2, 'left', theme.ellipsis)}
        </Text>
      ))}
    </DialogFrame>
  );
}

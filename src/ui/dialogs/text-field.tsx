// A one-line text input for dialogs (typed confirmation, reason, incident id).
import {dialogKey} from '../keys/dialog-keys.js';
import {Text} from 'ink';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';

export function TextField({
  label,
  value,
  focused,
  width,
  placeholder,
  invalid,
}: {
  label: string;
  value: string;
  focused: boolean;
  width: number;
  placeholder?: string;
  invalid?: boolean;
}) {
  const theme = useTheme();
  const pad = 22;
  const shown = value || (focused ? '' : (placeholder ?? ''));
  return (
    <Text>
      <Text bold={focused} color={invalid ? theme.tone('crit') : undefined}>
        {fit(` ${focused ? theme.selected : ' '} ${label}`, pad)}
      </Text>
      <Text inverse={focused} dimColor={!value && !focused}>
        {fit(`${shown}${focused ? '_' : ''}`, width - 2 - pad)}
      </Text>
    </Text>
  );
}

/** Applies a key to a text value: printable text appends, backspace deletes. */
export function editText(value: string, name: string, text: string): string | undefined {
  if (dialogKey(name) === 'erase') return value.slice(0, -1);
  if (dialogKey(name) === 'clear') return '';
  if (text && !name.startsWith('ctrl-') && !['enter', 'escape', 'tab', 'shift-tab', 'up', 'down', 'left', 'right'].includes(name)) {
    return (value + text.replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 200);
  }
  return undefined;
}

// The footer: key hints for the focused pane (from the keymap), the input line, or a flash message.
import {Text} from 'ink';
import type {PaneId} from '../data/readings/types.js';
import {fit, truncate} from '../data/text/width.js';
import {useTheme} from './context.js';
import {KEYMAP, keyLabel, type Needs} from './keys/keymap.js';
import type {UiState} from './state.js';

/** Footer hints for `pane`: bindings marked for the footer whose capability is available there. */
export function footerHints(pane: PaneId, available: ReadonlySet<Needs>, readOnly: boolean): string {
  return KEYMAP.filter((b) => b.footer && (!b.panes || b.panes.includes(pane)) && (!b.needs || available.has(b.needs)))
    .map((b) => `${keyLabel(b.keys[0] ?? '')} ${b.hint}${b.group === 'Actions' && readOnly ? ' (RO)' : ''}`)
    .join('  ');
}

export interface FooterProps {
  readonly state: UiState;
  readonly width: number;
  readonly hints: string;
}

export function Footer({state, width, hints}: FooterProps) {
  const theme = useTheme();
  if (state.input) {
    const prompt = state.input.mode === 'filter' ? '/' : ':';
    const help = state.input.mode === 'filter' ? '  Enter keep · Esc clear' : '  Enter run · Esc cancel · Tab complete';
    return (
      <Text wrap="truncate">
        <Text bold inverse>{` ${prompt}`}</Text>
        <Text>{truncate(state.input.text, Math.max(1, width - help.length - 5), theme.ellipsis)}</Text>
        <Text inverse> </Text>
        <Text dimColor>{fit(help, Math.max(0, width - state.input.text.length - 4))}</Text>
      </Text>
    );
  }
  if (state.flash) {
    return (
      <Text wrap="truncate" bold color={theme.tone(state.flash.tone)} inverse={state.flash.tone === 'crit' && !theme.color}>
        {fit(` ${theme.symbol(state.flash.tone)} ${state.flash.text}`, width, 'left', theme.ellipsis)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" dimColor>
      {fit(` ${hints}`, width, 'left', theme.ellipsis)}
    </Text>
  );
}

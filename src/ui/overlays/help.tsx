// The `?` help: generated from the keymap, grouped, then what the words on screen mean. It scrolls with the
// movement keys every list takes, so its last line is reachable at 80x24.
import {Box, Text} from 'ink';
import {cellWidth, fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {DIALOG_KEYS} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {useKeymap} from '../actions/use-action-defs.js';
import {KEYMAP, keyLabel, keysLabel, listMove, type Binding} from '../keys/keymap.js';
import {moveKeys, viewKeyLabel} from '../keys/view-keys.js';
import type {Theme} from '../theme.js';

export interface HelpLine {
  readonly text: string;
  readonly bold?: boolean;
}

/** Words at spaces so each line fits `width` (a word longer than a line is cut by the caller). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && cellWidth(line) + 1 + cellWidth(word) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** What the words on screen mean: the header, the pane titles and the marks. */
function screenWords(theme: Theme): readonly [string, string][] {
  const s = theme.symbol;
  return [
    ['data 3s old', 'the oldest reading on screen; "STALE" when a source stopped answering, "held" while a dialog keeps it still'],
    ['NAME (ENV)', 'the context (its sources and runbook) and its environment; "simulated" in the demo'],
    ['3s ago', 'in a pane title: when its reading arrived'],
    ['1-5 of 16', 'in a table header: the rows shown of all rows; move down to see the rest'],
    ['2 SEV-2 firing', 'in a pane title: its firing alerts; a pane with nothing wrong folds to this line when space is short'],
    [`${s('crit')} ${s('warn')} ${s('ok')} ${s('unknown')}`, 'critical, warning, ok, unknown; colour only adds to these marks'],
    [theme.ascii ? '!! SEV-1 !!' : '‼ SEV-1 ‼', 'a SEV-1 alert: its line is inverse, with or without colour'],
  ];
}

/** Every help line for `width`: key column, then the description wrapped under itself (never run into the key). */
export function helpLines(width: number, theme: Theme, keymap: readonly Binding[] = KEYMAP): HelpLine[] {
  const groups = ['Navigate', 'Views', 'Actions', 'Cockpit'] as const;
  const keyWidth = Math.max(...keymap.map((b) => cellWidth(keysLabel(b))), 11);
  const entry = (key: string, text: string): HelpLine[] => {
    const wrapped = wrapWords(text, Math.max(10, width - keyWidth - 6));
    return wrapped.map((t, i) => ({text: `   ${(i === 0 ? key : '').padEnd(keyWidth)}  ${t}`}));
  };
  const lines: HelpLine[] = [];
  for (const group of groups) {
    lines.push({text: ` ${group}`, bold: true});
    for (const b of keymap.filter((k) => k.group === group)) lines.push(...entry(keysLabel(b), b.help));
  }
  lines.push({text: ' In dialogs', bold: true});
  for (const d of DIALOG_KEYS) lines.push(...entry(d.keys.map(keyLabel).join(' '), d.help));
  lines.push({text: ' Words on screen', bold: true});
  for (const [word, meaning] of screenWords(theme)) lines.push(...entry(word, meaning));
  return lines;
}

export function HelpView({width, height}: {width: number; height: number}) {
  const theme = useTheme();
  const keymap = useKeymap();
  const lines = helpLines(width, theme, keymap.bindings);
  const body = Math.max(1, height - 1);
  const lastTop = Math.max(0, lines.length - body);
  const [top, setTop, topRef] = useLatestState(0);
  useKeyLayer(LAYER.view, ({name}) => {
    // The window moves: a line down shows the next line; the top index runs 0..lastTop.
    const next = listMove(name, Math.min(topRef.current, lastTop), lastTop + 1, body - 1);
    if (next === undefined) return false;
    setTop(next);
    return true;
  });
  const start = Math.min(top, lastTop);
  const shown = lines.slice(start, start + body);
  const range = lines.length > body ? `lines ${start + 1}-${start + shown.length} of ${lines.length}` : '';
  const close = [viewKeyLabel('back', keymap), viewKeyLabel('help', keymap)].filter(Boolean).join(' or ');
  const title = ` Keys (${close} to close)${theme.ascii ? ' - ' : ' · '}${moveKeys('both')} scroll`;
  return (
    <Box width={width} height={height} flexDirection="column">
      <Text bold color={theme.tone('info')} wrap="truncate">
        {fit(title, Math.max(0, width - cellWidth(range) - 1), 'left', theme.ellipsis)}
        {range ? `${range} ` : ''}
      </Text>
      {shown.map((l, i) => (
        <Text key={start + i} bold={l.bold} color={l.bold ? theme.tone('info') : undefined} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}

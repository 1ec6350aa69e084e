// The `?` help: generated from the keymap, grouped, plus the `:` commands.
import {Box, Text} from 'ink';
import {fit} from '../../data/text/width.js';
import {useTheme} from '../context.js';
import {KEYMAP, keyLabel} from '../keys/keymap.js';

export function HelpView({width, height}: {width: number; height: number}) {
  const theme = useTheme();
  const groups = ['Navigate', 'Views', 'Actions', 'Cockpit'] as const;
  const lines: {text: string; bold?: boolean}[] = [{text: ' Keys (Esc or ? to close)', bold: true}];
  for (const group of groups) {
    lines.push({text: ` ${group}`, bold: true});
    for (const b of KEYMAP.filter((k) => k.group === group)) {
      lines.push({text: `   ${b.keys.map(keyLabel).join(' / ').padEnd(16)} ${b.help}`});
    }
  }
  lines.push({text: ' Severity: ✖/X critical · ▲/! warning · ✓/+ ok · ?/? unknown · ‼ SEV-1 ‼ lines are inverse', bold: false});
  const twoCols = width >= 150 && lines.length > height;
  const perCol = twoCols ? Math.ceil(lines.length / 2) : lines.length;
  const colWidth = twoCols ? Math.floor(width / 2) : width;
  const cols = twoCols ? [lines.slice(0, perCol), lines.slice(perCol)] : [lines];
  return (
    <Box width={width} height={height} flexDirection="row">
      {cols.map((col, c) => (
        <Box key={c} flexDirection="column" width={colWidth}>
          {col.slice(0, height).map((l, i) => (
            <Text key={i} bold={l.bold} color={l.bold ? theme.tone('info') : undefined} wrap="truncate">
              {fit(l.text, colWidth, 'left', theme.ellipsis)}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}

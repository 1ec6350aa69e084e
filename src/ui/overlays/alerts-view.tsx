// Every alert, firing and pending, with its duration, runbook section and escalation.
import {Box, Text} from 'ink';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import {fit} from '../../data/text/width.js';
import {alertText} from '../alerts-strip.js';
import {useNow, useTheme} from '../context.js';
import {duration} from '../format.js';
import {severityTone} from '../theme.js';

export function AlertsView({alerts, width, height}: {alerts: readonly ActiveAlert[]; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const lines = alerts.map((a) => ({
    key: a.key,
    tone: a.state === 'firing' ? severityTone(a.severity) : ('muted' as const),
    text: a.state === 'firing' ? alertText(a, now) : `pending SEV-${a.severity} ${a.name} ${a.target} · ${a.summary} · condition held ${duration(now - a.activeSince)} of ${duration(a.forMs)} · runbook ${a.runbook}`,
  }));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{fit(` Alerts: ${alerts.filter((a) => a.state === 'firing').length} firing, ${alerts.filter((a) => a.state === 'pending').length} pending (Esc to close)`, width)}</Text>
      {lines.length === 0 ? <Text color={theme.tone('ok')}>{fit(` ${theme.symbol('ok')} nothing firing or pending`, width)}</Text> : null}
      {lines.slice(0, height - 1).map((l) => (
        <Text key={l.key} color={theme.tone(l.tone)} wrap="truncate">
          {fit(` ${theme.symbol(l.tone)} ${l.text}`, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}

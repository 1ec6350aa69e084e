// Every alert, firing and pending: the strip's line, then since when, the runbook's condition, who is paged now and
// next, both response clocks, and where the runbook contradicts itself; then the alerts no source could evaluate.
import {Box, Text} from 'ink';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {AlertRule} from '../../data/alerts/rule.js';
import type {Procedures} from '../../data/procedures/load.js';
import {procedureLink, sectionOf} from '../../data/procedures/parse.js';
import {fit} from '../../data/text/width.js';
import {alertText, clockText, coverageText, nextText} from '../alert-text.js';
import {useCockpit, useNow, useTheme} from '../context.js';
import {duration, utcStamp} from '../format.js';
import {severityTone, type Tone} from '../theme.js';

interface Line {
  readonly key: string;
  readonly tone: Tone;
  readonly text: string;
  readonly bold?: boolean;
}

/** The lines of one alert: its strip line, then its details and its runbook procedure, indented. */
export function alertLines(a: ActiveAlert, now: number, procedures?: Procedures): Line[] {
  const tone = a.state === 'firing' ? severityTone(a.severity) : 'muted';
  const head =
    a.state === 'firing'
      ? alertText(a, now)
      : `pending SEV-${a.severity} ${a.name} ${a.target} · ${a.summary} · condition held ${duration(now - a.activeSince)} of ${duration(a.forMs)} · runbook ${a.runbook}`;
  const details = [
    `since ${utcStamp(a.activeSince)} · condition: ${a.threshold}`,
    a.state === 'firing' ? [a.escalation.now, nextText(a), ...a.clocks.map(clockText)].filter(Boolean).join(' · ') : '',
    a.escalation.note ? `runbook conflict: ${a.escalation.note}` : '',
    ...procedureLines(a, procedures),
  ].filter(Boolean);
  return [{key: a.key, tone, text: head, bold: a.severity <= 2 && a.state === 'firing'}, ...details.map((text, i) => ({key: `${a.key}:${i}`, tone: 'muted' as const, text: `    ${text}`}))];
}

/** The steps of the section the alert cites, or where to find them. */
function procedureLines(a: ActiveAlert, procedures: Procedures | undefined): string[] {
  if (!procedures || a.state !== 'firing') return [];
  const section = sectionOf(a.runbook);
  const link = procedureLink(procedures.urlTemplate, section);
  const steps = procedures.sections.get(section)?.lines ?? [];
  const head = steps.length ? `procedure ${section} (${procedures.origin}):` : procedures.error ?? `no procedure for ${section} in ${procedures.origin}`;
  return [head, ...steps.map((l) => `  ${l}`), ...(link ? [`link: ${link}`] : [])];
}

export function AlertsView({alerts, unevaluated = [], width, height}: {alerts: readonly ActiveAlert[]; unevaluated?: readonly AlertRule[]; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const {session} = useCockpit();
  const coverage = coverageText(unevaluated);
  const lines = [...alerts.flatMap((a) => alertLines(a, now, session.procedures)), ...(coverage ? [{key: 'coverage', tone: 'warn' as const, text: coverage}] : [])];
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{fit(` Alerts: ${firing} firing, ${alerts.length - firing} pending (Esc to close)`, width)}</Text>
      {alerts.length === 0 ? <Text color={theme.tone('ok')}>{fit(` ${theme.symbol('ok')} nothing firing or pending`, width)}</Text> : null}
      {lines.slice(0, height - 1).map((l) => (
        <Text key={l.key} color={theme.tone(l.tone)} bold={l.bold} wrap="truncate">
          {fit(` ${l.text.startsWith('    ') ? ' ' : theme.symbol(l.tone)} ${l.text}`, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}

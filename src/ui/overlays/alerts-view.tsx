// Every alert, firing and pending: the strip's line, then since when, the runbook's condition, who is paged now and
// next, both response clocks, and where the runbook contradicts itself; then the alerts no source could evaluate.
import {Box, Text} from 'ink';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {AlertRule} from '../../data/alerts/rule.js';
import type {Procedures} from '../../data/procedures/load.js';
import {procedureLink, sectionOf} from '../../data/procedures/parse.js';
import {fit, wrapCells} from '../../data/text/width.js';
import {alertText, clockText, coverageText, nextText} from '../alert-text.js';
import {useCockpit, useNow, useTheme} from '../context.js';
import {groupAlerts, groupText, type AlertGroup} from '../incident-summary.js';
import {duration, utcStamp} from '../format.js';
import {severityTone, type Tone} from '../theme.js';

interface Line {
  readonly key: string;
  readonly tone: Tone;
  readonly text: string;
  readonly bold?: boolean;
}

/** The lines of one group of alerts: its strip line, then its details once, and its procedure once per section. */
export function groupLines(g: AlertGroup, now: number, procedures: Procedures | undefined, shown: Set<string>): Line[] {
  const a = g.worst;
  const tone = a.state === 'firing' ? severityTone(a.severity) : 'muted';
  const head = g.alerts.length > 1 ? `${alertText(a, now).replace(`${a.name} ${a.target}`, groupText(g))}` : alertText(a, now);
  const targets = g.alerts.length > 1 ? `targets: ${g.alerts.map((x) => `${x.target} (${x.summary})`).join(', ')}` : '';
  const section = sectionOf(a.runbook);
  const details = [
    targets,
    `since ${utcStamp(a.activeSince)} · condition: ${a.threshold}`,
    [a.escalation.now, nextText(a), ...a.clocks.map(clockText)].filter(Boolean).join(' · '),
    a.escalation.note ? `runbook conflict: ${a.escalation.note}` : '',
    ...(shown.has(section) ? [`procedure ${section}: as above`] : procedureLines(a, procedures)),
  ].filter(Boolean);
  shown.add(section);
  return [{key: `${g.name}@${g.where}`, tone, text: head, bold: a.severity <= 2}, ...details.map((text, i) => ({key: `${g.name}@${g.where}:${i}`, tone: 'muted' as const, text: `    ${text}`}))];
}

/** The steps of the section the alert cites, or where to find them. */
function procedureLines(a: ActiveAlert, procedures: Procedures | undefined): string[] {
  if (!procedures || a.state !== 'firing') return [];
  const section = sectionOf(a.runbook);
  const link = procedureLink(procedures.urlTemplate, section);
  const steps = procedures.sections.get(section)?.lines ?? [];
  const head = steps.length ? `procedure ${section} (${procedures.origin}):` : (procedures.error ?? `no procedure for ${section} in ${procedures.origin}`);
  return [head, ...steps.map((l) => `  ${l}`), ...(link ? [`link: ${link}`] : [])];
}

/** A pending alert: one line, how long its condition has held of the duration it needs. */
function pendingLine(a: ActiveAlert, now: number): Line {
  return {key: a.key, tone: 'muted', text: `pending SEV-${a.severity} ${a.name} ${a.target} · ${a.summary} · condition held ${duration(now - a.activeSince)} of ${duration(a.forMs)} · runbook ${a.runbook}`};
}

export function AlertsView({alerts, unevaluated = [], width, height}: {alerts: readonly ActiveAlert[]; unevaluated?: readonly AlertRule[]; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const {session} = useCockpit();
  const coverage = coverageText(unevaluated);
  const shown = new Set<string>();
  const lines = [
    ...groupAlerts(alerts).flatMap((g) => groupLines(g, now, session.procedures, shown)),
    ...alerts.filter((a) => a.state === 'pending').map((a) => pendingLine(a, now)),
    ...(coverage ? [{key: 'coverage', tone: 'warn' as const, text: coverage}] : []),
  ].flatMap((l) => wrapCells(l.text, width - 4, l.text.startsWith('    ') ? '      ' : '    ').map((text, i) => ({...l, key: `${l.key}#${i}`, text})));
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{fit(` Alerts: ${firing} firing, ${alerts.length - firing} pending (Esc to close)`, width)}</Text>
      {alerts.length === 0 ? <Text color={theme.tone('ok')}>{fit(` ${theme.symbol('ok')} nothing firing or pending`, width)}</Text> : null}
      {lines.slice(0, height - 1).map((l) => (
        <Text key={l.key} color={theme.tone(l.tone)} bold={l.bold} wrap="truncate">
          {fit(` ${l.text.startsWith(' ') || l.key.endsWith('#0') === false ? ' ' : theme.symbol(l.tone)} ${l.text}`, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}

// The alerts strip: every firing alert with severity, target, how long it has fired, runbook section and escalation.
// A SEV-1 line is a full-width inverse bar: unmissable across the room, with or without colour.
import {Text} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {fit} from '../data/text/width.js';
import {useNow, useTheme} from './context.js';
import {duration} from './format.js';
import {severityTone} from './theme.js';

/** One alert as a line of text (also used by `status`). */
export function alertText(alert: ActiveAlert, now: number, sev1Marker = '!!'): string {
  const fired = alert.firingSince === undefined ? 0 : now - alert.firingSince;
  const next = alert.escalation.next ? ` → ${alert.escalation.next.who} in ${duration(alert.escalation.next.inMs)}` : '';
  const stale = alert.stale ? ' (stale data)' : '';
  const mark = alert.severity === 1 ? `${sev1Marker} SEV-1 ${sev1Marker}` : `SEV-${alert.severity}`;
  return `${mark} ${alert.name} ${alert.target} · ${alert.summary} · ${duration(fired)} · runbook ${alert.runbook} · ${alert.escalation.now}${next}${stale}`;
}

export interface AlertsStripProps {
  readonly alerts: readonly ActiveAlert[];
  readonly width: number;
  readonly lines: number;
}

export function AlertsStrip({alerts, width, lines}: AlertsStripProps) {
  const theme = useTheme();
  const now = useNow();
  const firing = alerts.filter((a) => a.state === 'firing');
  const pending = alerts.length - firing.length;
  if (firing.length === 0) {
    const text = ` ${theme.symbol('ok')} No firing alerts${pending ? ` · ${pending} pending (condition met, waiting for its duration)` : ''}`;
    return (
      <>
        <Text color={theme.tone('ok')} wrap="truncate">
          {fit(text, width)}
        </Text>
        {Array.from({length: lines - 1}, (_, i) => (
          <Text key={i}> </Text>
        ))}
      </>
    );
  }
  const shown = firing.length > lines ? firing.slice(0, lines - 1) : firing;
  const hidden = firing.length - shown.length;
  const sev1 = theme.ascii ? '!!' : '‼';
  return (
    <>
      {shown.map((a) => {
        const tone = severityTone(a.severity);
        const text = ` ${theme.symbol(tone)} ${alertText(a, now, sev1)}`;
        const isSev1 = a.severity === 1;
        return (
          <Text key={a.key} wrap="truncate" bold={a.severity <= 2} inverse={isSev1} color={theme.tone(tone)}>
            {fit(text, width, 'left', theme.ellipsis)}
          </Text>
        );
      })}
      {hidden > 0 ? (
        <Text wrap="truncate" bold color={theme.tone('warn')}>
          {fit(` +${hidden} more firing (worst: SEV-${Math.min(...firing.slice(shown.length).map((a) => a.severity))})${pending ? ` · ${pending} pending` : ''} — press a to list all`, width)}
        </Text>
      ) : null}
      {Array.from({length: Math.max(0, lines - shown.length - (hidden > 0 ? 1 : 0))}, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
    </>
  );
}

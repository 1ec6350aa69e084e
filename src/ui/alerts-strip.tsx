// The alerts strip: every firing alert with severity, target, how long it has fired, who to page, the response clock
// and the runbook section. A SEV-1 line is a full-width inverse bar: unmissable across the room, with or without colour.
// "No firing alerts" is said only when every alert was evaluated; otherwise the strip says which could not be.
import {Text} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertRule} from '../data/alerts/rule.js';
import {firstThatFits, fit, fitParts} from '../data/text/width.js';
import {alertParts, coverageText} from './alert-text.js';
import {useNow, useTheme} from './context.js';
import {groupAlerts, groupText} from '../data/alerts/incident-summary.js';
import {severityTone} from './theme.js';

export {alertText} from './alert-text.js';

/** What "N pending" means, longest first: a narrow strip says less rather than cutting the sentence. */
const PENDING_FORMS = [' (condition met, waiting for its duration)', ' (waiting for its duration)', ''];

export interface AlertsStripProps {
  readonly alerts: readonly ActiveAlert[];
  /** Rules no source could evaluate. */
  readonly unevaluated?: readonly AlertRule[];
  readonly width: number;
  readonly lines: number;
  /** Firing alerts told above the strip (the incident summary, the wall banner): never "no firing alerts" then. */
  readonly shownAbove?: number;
}

export function AlertsStrip({alerts, unevaluated = [], width, lines, shownAbove = 0}: AlertsStripProps) {
  const theme = useTheme();
  const now = useNow();
  const firing = alerts.filter((a) => a.state === 'firing');
  const pending = alerts.length - firing.length;
  const coverage = coverageText(unevaluated);
  // The pending count in the longest form that fits after `head` (80 columns: the parenthesis shortens, then goes).
  const withPending = (head: string) =>
    pending
      ? firstThatFits(
          PENDING_FORMS.map((f) => `${head} · ${pending} pending${f}`),
          width,
        )
      : head;
  if (firing.length === 0 && shownAbove > 0) {
    const text = withPending(` ${shownAbove} firing, shown above · nothing else firing${coverage ? ` among those evaluated · ${coverage}` : ''}`);
    return (
      <>
        <Text color={theme.tone(coverage ? 'warn' : 'muted')} wrap="truncate">
          {fit(text, width, 'left', theme.ellipsis)}
        </Text>
        {Array.from({length: lines - 1}, (_, i) => (
          <Text key={i}> </Text>
        ))}
      </>
    );
  }
  if (firing.length === 0) {
    const text = withPending(
      coverage ? ` ${theme.symbol('warn')} No firing alerts among those evaluated · ${coverage}` : ` ${theme.symbol('ok')} No firing alerts`,
    );
    return (
      <>
        <Text color={theme.tone(coverage ? 'warn' : 'ok')} wrap="truncate">
          {fit(text, width, 'left', theme.ellipsis)}
        </Text>
        {Array.from({length: lines - 1}, (_, i) => (
          <Text key={i}> </Text>
        ))}
      </>
    );
  }
  // Repeated alerts share a line ("us-east: 8× ServiceDown"), so a region outage leaves room for what else fires.
  const groups = groupAlerts(firing);
  const shown = groups.length > lines ? groups.slice(0, lines - 1) : groups;
  const hidden = groups.slice(shown.length).reduce((n, g) => n + g.alerts.length, 0);
  const sev1 = theme.ascii ? '!!' : '‼';
  // A spare line after the alerts says what was not evaluated; with no spare line, the alert view (a) lists it.
  const coverageLine = hidden === 0 && coverage && shown.length < lines;
  return (
    <>
      {shown.map((g) => {
        const a = g.worst;
        const tone = severityTone(a.severity);
        const parts = alertParts(a, now, sev1);
        // A group's line names the group ("us-east: 8× ServiceDown") where one alert names itself and its value.
        const [what = '', ...rest] = g.alerts.length > 1 ? [`${parts[0]?.replace(`${a.name} ${a.target}`, groupText(g))}`, ...parts.slice(2)] : parts;
        const text = fitParts([` ${theme.symbol(tone)} ${what}`, ...rest], width, theme.ellipsis);
        const isSev1 = a.severity === 1;
        return (
          <Text key={a.key} wrap="truncate" bold={a.severity <= 2} inverse={isSev1} color={theme.tone(tone)}>
            {fit(text, width, 'left', theme.ellipsis)}
          </Text>
        );
      })}
      {hidden > 0 ? (
        <Text wrap="truncate" bold color={theme.tone('warn')}>
          {fit(
            ` +${hidden} more firing (worst: SEV-${Math.min(...groups.slice(shown.length).map((g) => g.worst.severity))})` +
              `${pending ? ` · ${pending} pending` : ''}${coverage ? ` · ${unevaluated.length} not evaluated` : ''} — press a to list all`,
            width,
          )}
        </Text>
      ) : null}
      {coverageLine ? (
        <Text wrap="truncate" color={theme.tone('muted')}>
          {fit(` ${coverage}`, width, 'left', theme.ellipsis)}
        </Text>
      ) : null}
      {Array.from({length: Math.max(0, lines - shown.length - (hidden > 0 ? 1 : 0) - (coverageLine ? 1 : 0))}, (_, i) => (
        <Text key={`pad${i}`}> </Text>
      ))}
    </>
  );
}

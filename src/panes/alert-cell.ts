// The alert vocabulary in pane rows and titles: a row says which alert fires on it, at what severity; a title counts
// the firing alerts by severity, exactly as the alert strip shows them (never "critical" for a SEV-3).
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {firingBySeverity} from '../data/alerts/evaluate.js';
import type {PaneId} from '../data/readings/types.js';
import type {Cell} from '../ui/components/table-model.js';
import {duration} from '../ui/format.js';
import {severityTone, type Tone} from '../ui/theme.js';

/** The worst alert on `target` in `pane`: firing before pending (alerts come sorted worst first). */
export function alertOn(alerts: readonly ActiveAlert[], pane: PaneId, target: string): ActiveAlert | undefined {
  return alerts.find((a) => a.pane === pane && a.target === target);
}

/** The row tone an alert sets: its severity's tone when firing. */
export function alertTone(alert: ActiveAlert | undefined): Tone | undefined {
  return alert?.state === 'firing' ? severityTone(alert.severity) : undefined;
}

/** "SEV-2 12m" while firing, "pending 3m/10m" (shorter where narrow) while its duration runs, "—" with no alert. */
export function alertCell(alert: ActiveAlert | undefined, now: number): Cell {
  if (!alert) return {text: '—', tone: 'muted'};
  if (alert.state === 'pending') {
    const held = duration(now - alert.activeSince);
    // Narrow columns (80 columns) drop the duration asked for, then shorten the word, never cutting it.
    return {text: `pending ${held}/${duration(alert.forMs)}`, shorter: [`pending ${held}`, `pend ${held}`, 'pending'], tone: 'warn'};
  }
  return {text: `SEV-${alert.severity} ${duration(now - (alert.firingSince ?? now))}`, tone: severityTone(alert.severity), bold: alert.severity <= 2};
}

/** A pane title's summary: "12 entities · 3 SEV-3 firing", from the alerts, not from row colours. */
export function paneSummary(rows: number, noun: string, alerts: readonly ActiveAlert[], pane: PaneId): string {
  const counts = [...firingBySeverity(alerts, pane)].sort((a, b) => a[0] - b[0]).map(([sev, n]) => `${n} SEV-${sev}`);
  const pending = alerts.filter((a) => a.pane === pane && a.state === 'pending').length;
  return `${rows} ${noun}${counts.length ? ` · ${counts.join(', ')} firing` : ''}${pending ? ` · ${pending} pending` : ''}`;
}

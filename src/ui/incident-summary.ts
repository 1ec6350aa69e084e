// The incident in one line under the header: the worst thing, how bad, the runbook step, and who to page now.
// Repeated alerts are grouped by region ("us-east: 8× ServiceDown"). Pure: the view wraps it, never cuts it.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {Procedures} from '../data/procedures/load.js';
import {sectionOf} from '../data/procedures/parse.js';

/** Firing alerts of one name in one place. */
export interface AlertGroup {
  readonly name: string;
  /** The region the targets share (`ingestion@us-east` → `us-east`), or the target itself when it names no region. */
  readonly where: string;
  readonly alerts: readonly ActiveAlert[];
  readonly worst: ActiveAlert;
}

const whereOf = (target: string) => (target.includes('@') ? target.slice(target.lastIndexOf('@') + 1) : target);

/** Firing alerts grouped by name and region, worst group first (alerts arrive sorted worst first). */
export function groupAlerts(alerts: readonly ActiveAlert[]): AlertGroup[] {
  const groups = new Map<string, ActiveAlert[]>();
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    const key = `${a.name}\u0000${whereOf(a.target)}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups.values()].map((list) => ({name: list[0]!.name, where: whereOf(list[0]!.target), alerts: list, worst: list[0]!}));
}

/** "us-east: 8× ServiceDown" for a group, "ServiceDown ingestion@us-east" for one alert. */
export function groupText(g: AlertGroup): string {
  return g.alerts.length > 1 ? `${g.where}: ${g.alerts.length}× ${g.name}` : `${g.name} ${g.worst.target}`;
}

/** The first step of the procedure the worst alert cites, without its list marker. */
function firstStep(alert: ActiveAlert, procedures: Procedures | undefined): string | undefined {
  const section = sectionOf(alert.runbook);
  const step = procedures?.sections.get(section)?.lines.find((l) => /^\s*(\d+\.|-|\*)\s+/.test(l));
  return step ? `runbook ${section}: ${step.replace(/^\s*(\d+\.|-|\*)\s+/, '')}` : `runbook ${alert.runbook}`;
}

/** "page Primary on-call, Secondary on-call, Manager on-call, VP Engineering" → "page Primary, Secondary, Manager, VP Engineering". */
function compactPage(now: string): string {
  return now.replace(/ on-call(?=,)/g, '');
}

/** The incident line, or undefined when nothing fires. */
export function incidentSummary(alerts: readonly ActiveAlert[], procedures?: Procedures): string | undefined {
  const groups = groupAlerts(alerts);
  const top = groups[0];
  if (!top) return undefined;
  const others = groups.length - 1;
  const worst = top.worst;
  // Who to page comes before the runbook step: when the line must wrap at 80 columns, the page is what cannot wait.
  return [`SEV-${worst.severity} ${groupText(top)}${others ? ` (+${others} more)` : ''}`, compactPage(worst.escalation.now), firstStep(worst, procedures)].join(' — ');
}

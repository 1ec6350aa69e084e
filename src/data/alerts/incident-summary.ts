// The incident in one line: the worst thing, how bad, the runbook step, and who to page now (under the header, and in
// a status update). Repeated alerts are grouped by region ("us-east: 8× ServiceDown"). Pure: a view wraps it, never cuts it.
import type {ActiveAlert} from './evaluate.js';
import type {Procedures} from '../procedures/load.js';
import {sectionOf} from '../procedures/parse.js';

/** Firing alerts of one name in one place. */
export interface AlertGroup {
  readonly name: string;
  /** The region the targets share (`ingestion@us-east` → `us-east`), or the target itself when it names no region. */
  readonly where: string;
  readonly alerts: readonly ActiveAlert[];
  readonly worst: ActiveAlert;
}

const whereOf = (target: string) => (target.includes('@') ? target.slice(target.lastIndexOf('@') + 1) : target);

/**
 * An error-budget burn is an effect: it says the SLO suffers, not where. The alerts that name a place (a service,
 * a projection, an entity) are the cause to look at first, so at one severity they lead the burn, even when the burn
 * fired first (bad-deploy: the availability burn fires before HighErrorRate's 5 minutes are up).
 */
const isEffect = (a: ActiveAlert): boolean => a.pane === 'burn';

/**
 * A group whose alert explains another firing group in its own place (RegionOutage on `us-east` over `us-east: 8×
 * ServiceDown`) leads it at one severity, though it began later: a region is out when its last service went down.
 */
const explainsOther = (g: AlertGroup, groups: readonly AlertGroup[]): boolean =>
  groups.some((o) => o !== g && o.where === g.worst.target && (g.worst.explains ?? []).includes(o.name));

/**
 * Firing alerts grouped by name and region: worst severity first, then the alert that explains others before them,
 * then causes before their burn, then as they came.
 */
export function groupAlerts(alerts: readonly ActiveAlert[]): AlertGroup[] {
  const groups = new Map<string, ActiveAlert[]>();
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    const key = `${a.name}\u0000${whereOf(a.target)}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const list = [...groups.values()].map((l) => ({name: l[0]!.name, where: whereOf(l[0]!.target), alerts: l, worst: l[0]!}));
  // Array.prototype.sort is stable: within one severity and kind, the evaluator's order (longest firing) stays.
  const leads = new Set(list.filter((g) => explainsOther(g, list)));
  return list.sort(
    (a, b) => a.worst.severity - b.worst.severity || Number(leads.has(b)) - Number(leads.has(a)) || Number(isEffect(a.worst)) - Number(isEffect(b.worst)),
  );
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
  return [`SEV-${worst.severity} ${groupText(top)}${others ? ` (+${others} more)` : ''}`, compactPage(worst.escalation.now), firstStep(worst, procedures)].join(
    ' — ',
  );
}

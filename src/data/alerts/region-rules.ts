// RegionOutage: not a row of the runbook's alert catalog but its emergency procedure "COMPLETE REGION OUTAGE" (Topic 41,
// "Scenario: US-East region completely unavailable"). When every service of a region is down, restarting them one by one
// (6.1) is the wrong advice: the runbook declares SEV-1 and fails over to the healthy region. docs/alerts-and-escalation.md.
import type {ServiceHealth} from '../readings/types.js';
import {compareText} from '../text/order.js';
import type {AlertRule, Candidate} from './rule.js';
import {readsServiceDown, serviceDown} from './service-rules.js';

/**
 * Our choice, not the runbook's: a region is wholly down only when at least this many services are read there. With
 * one service, "every service down" is that service's ServiceDown and nothing more is known about the region; with
 * two or more down together, the common cause (nodes, network, the region itself) is the likelier one.
 */
export const MIN_REGION_SERVICES = 2;

interface RegionCount {
  total: number;
  down: number;
  /** When the last of its down services went down; undefined when any of them does not say. */
  since: number | undefined;
  known: boolean;
}

/** The health rows counted by region: how many, how many down by ServiceDown's condition, since when. */
function countRegions(rows: readonly ServiceHealth[]): Map<string, RegionCount> {
  const out = new Map<string, RegionCount>();
  for (const row of rows) {
    const c = out.get(row.region) ?? {total: 0, down: 0, since: undefined, known: true};
    out.set(row.region, c);
    c.total++;
    const d = serviceDown(row);
    if (!d) continue;
    c.down++;
    if (d.heldSince === undefined) c.known = false;
    else c.since = Math.max(c.since ?? d.heldSince, d.heldSince);
  }
  return out;
}

const outOf = (c: RegionCount) => `${c.down}/${c.total}`;

/** "eu-west healthy", partly down regions after them ("ap-south 1/8 down"); or that no region is healthy. */
function othersText(region: string, counts: ReadonlyMap<string, RegionCount>): string {
  const others = [...counts].filter(([r]) => r !== region).sort(([a], [b]) => compareText(a, b));
  if (others.length === 0) return 'no other region read';
  const healthy = others.filter(([, c]) => c.down === 0).map(([r]) => `${r} healthy`);
  const hurt = others.filter(([, c]) => c.down > 0).map(([r, c]) => `${r} ${outOf(c)} down`);
  return healthy.length ? [...healthy, ...hurt].join('; ') : `no healthy region (${hurt.join('; ')})`;
}

function regionOutages(rows: readonly ServiceHealth[]): Candidate[] {
  const counts = countRegions(rows);
  const out: Candidate[] = [];
  for (const [region, c] of counts) {
    if (c.total < MIN_REGION_SERVICES || c.down < c.total) continue;
    const summary = `${outOf(c)} services down; ${othersText(region, counts)}`;
    out.push({key: `RegionOutage:${region}`, target: region, summary, heldSince: c.known ? c.since : undefined});
  }
  return out;
}

export const REGION_OUTAGE: AlertRule = {
  name: 'RegionOutage',
  // "Declare SEV-1 incident", the procedure's first immediate action.
  severity: 1,
  threshold: `every service in the region down (0 healthy pods), at least ${MIN_REGION_SERVICES} services`,
  runbook: 'Topic 41 (Emergency Response: Complete Region Outage)',
  catalog: false,
  forMs: 0,
  pane: 'health',
  // The region's ServiceDown alerts are its parts: the strip and the alert view list them after it.
  explains: ['ServiceDown'],
  // Whatever lets ServiceDown be evaluated lets this be: it reads nothing else.
  evaluates: readsServiceDown,
  evaluate: ({health}) => regionOutages(health?.services ?? []),
};

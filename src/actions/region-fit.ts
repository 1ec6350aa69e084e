// What fits a region outage (runbook Topic 41, "EMERGENCY: COMPLETE REGION OUTAGE"). The failover itself is Azure Front
// Door's backend pool, outside the cockpit. What the cockpit can do is the failover's step 2, "Verify secondary region
// capacity ... Scale up if needed", on the healthy region's services. A service of the dark region is not restarted or
// rolled back one by one (6.1): its ServiceDown says so instead. Pure, like alert-actions.ts.
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {serviceDown} from '../data/alerts/service-rules.js';
import type {ServiceHealth} from '../data/readings/types.js';
import {compareText} from '../data/text/order.js';
import type {AlertFit} from './alert-actions.js';

const OUTAGE = 'RegionOutage';

/** The emergency procedure's step the scale offer is (RUNBOOK_ACTIONS.RegionOutage). */
export const CAPACITY_STEP = "runbook Topic 41: verify the healthy region's capacity (pod counts, node counts), scale up if needed";

/** A region the health rows read with no service down by ServiceDown's condition, and its pods. */
interface HealthyRegion {
  readonly region: string;
  readonly services: number;
  readonly ready: number;
  readonly desired: number;
}

/** The regions other than `except` in which no service is down, the one with the most ready pods first. */
export function healthyRegions(rows: readonly ServiceHealth[], except: string): HealthyRegion[] {
  const byRegion = new Map<string, ServiceHealth[]>();
  for (const row of rows) if (row.region !== except) byRegion.set(row.region, [...(byRegion.get(row.region) ?? []), row]);
  const out: HealthyRegion[] = [];
  for (const [region, list] of byRegion) {
    if (list.some((r) => serviceDown(r))) continue;
    const sum = (pick: (r: ServiceHealth) => number | undefined) => list.reduce((n, r) => n + (pick(r) ?? 0), 0);
    out.push({region, services: list.length, ready: sum((r) => r.podsReady), desired: sum((r) => r.podsDesired)});
  }
  return out.sort((a, b) => b.ready - a.ready || compareText(a.region, b.region));
}

/** The firing RegionOutage that explains `alert` (a ServiceDown in its region), if any. */
export function outageOver(alert: ActiveAlert, alerts: readonly ActiveAlert[]): ActiveAlert | undefined {
  const at = alert.target.lastIndexOf('@');
  if (at <= 0) return undefined;
  const region = alert.target.slice(at + 1);
  return alerts.find((o) => o.name === OUTAGE && o.state === 'firing' && o.target === region && (o.explains ?? []).includes(alert.name));
}

export interface RegionFitInput {
  readonly canScale: boolean;
  /** The alerts as evaluated now (a ServiceDown is judged against its region's RegionOutage). */
  readonly alerts?: readonly ActiveAlert[];
  /** The health pane's rows as last read (the healthy region and its pods). */
  readonly services?: readonly ServiceHealth[];
}

/** The scale of the healthy region's services for RegionOutage; why not, for what its region explains; else undefined. */
export function regionFit(alert: ActiveAlert, input: RegionFitInput): AlertFit | undefined {
  if (alert.name === OUTAGE) {
    const failover = `no failover offered: route traffic away from ${alert.target} in Azure Front Door's backend pool, outside the cockpit`;
    const healthy = healthyRegions(input.services ?? [], alert.target);
    const first = healthy[0];
    if (!first) return {offers: [], notes: [failover, 'no scale offered: no healthy region to fail over to in what the health pane reads']};
    if (!input.canScale) return {offers: [], notes: [failover, `no scale offered: no source of the health pane can scale ${first.region}`]};
    const others = healthy.slice(1).map((h) => h.region);
    return {
      offers: [
        {
          request: {kind: 'scale', service: '', region: first.region},
          label: `scale a service of ${first.region} (${first.services} services, ${first.ready}/${first.desired} pods ready)`,
          why: CAPACITY_STEP,
        },
      ],
      notes: [failover, ...(others.length ? [`also healthy: ${others.join(', ')} (s on its rows in the health pane)`] : [])],
    };
  }
  const outage = outageOver(alert, input.alerts ?? []);
  if (!outage) return undefined;
  const why = `the whole region is down (${OUTAGE} ${outage.target}): runbook ${outage.runbook.split(' (')[0]} emergency procedure, fail over`;
  return {offers: [], notes: [`no restart or rollback offered: ${why}`]};
}

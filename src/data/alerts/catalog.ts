// The runbook's ATP Alert Catalog (Topic 6), SLO alerts (Topic 10) and region outage emergency (Topic 41), as rules over readings.
import {FLOW_RULES} from './flow-rules.js';
import {PLATFORM_RULES} from './platform-rules.js';
import {REGION_OUTAGE} from './region-rules.js';
import type {AlertRule} from './rule.js';
import {SERVICE_RULES} from './service-rules.js';

export {DEFAULT_THRESHOLDS, heldSince, type AlertRule, type AlertThresholds, type Candidate} from './rule.js';

/**
 * Every rule the cockpit evaluates: the twelve catalog alerts in the catalog's order, then the burn alerts, then the
 * emergency procedures' alerts (RegionOutage).
 */
export const ALERT_RULES: readonly AlertRule[] = [...SERVICE_RULES, ...FLOW_RULES.slice(0, 2), ...PLATFORM_RULES, ...FLOW_RULES.slice(2), REGION_OUTAGE];

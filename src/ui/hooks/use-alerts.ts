// Evaluates the alert catalog against the current readings, remembering when each condition was first seen.
import {useMemo, useRef} from 'react';
import {evaluateAlerts, type AlertMemory, type Evaluation} from '../../data/alerts/evaluate.js';
import type {PaneSnapshot} from '../../data/feed.js';
import {withIncidents} from '../../data/pagerduty/match.js';
import {paneHealth} from '../../data/feed.js';
import {PANE_IDS, type PaneId, type ReadingByPane} from '../../data/readings/types.js';
import {useCockpit, useCockpitState} from '../context.js';
import {publishAlerts} from './latest-alerts.js';

/** Active alerts, worst first, each joined to its PagerDuty incident when paging is configured; and the rules no source could evaluate. */
export function useAlerts(snapshots: {[P in PaneId]: PaneSnapshot<P>}, now: number): Pick<Evaluation, 'alerts' | 'unevaluated'> {
  const {session} = useCockpit();
  const memory = useRef<AlertMemory>(new Map());
  const incidents = useCockpitState().paging?.value?.incidents;
  const evaluated = useMemo(() => {
    const readings: Partial<ReadingByPane> = {
      health: snapshots.health.value,
      lag: snapshots.lag.value,
      dlq: snapshots.dlq.value,
      outbox: snapshots.outbox.value,
      burn: snapshots.burn.value,
    };
    const stalePanes = new Set(PANE_IDS.filter((p) => paneHealth(snapshots[p], now, session.context.staleAfterMs[p]).stale));
    const result = evaluateAlerts({readings, now, memory: memory.current, stalePanes, thresholds: session.context.thresholds});
    memory.current = result.memory;
    publishAlerts(session, result.alerts);
    return {alerts: result.alerts, unevaluated: result.unevaluated};
  }, [snapshots, now, session]);
  return useMemo(() => ({...evaluated, alerts: withIncidents(evaluated.alerts, incidents)}), [evaluated, incidents]);
}

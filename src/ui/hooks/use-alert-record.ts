// Hands each alert evaluation to the incident record (src/actions/alert-record.ts), which journals only transitions.
// A read-only cockpit records nothing: it writes nothing at all, its journal included (docs/incident-record.md).
import {useEffect, useMemo} from 'react';
import {AlertRecorder} from '../../actions/alert-record.js';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {AlertRule} from '../../data/alerts/rule.js';
import {PANE_IDS} from '../../data/readings/types.js';
import {useCockpit} from '../context.js';
import type {Snapshots} from './cockpit-store.js';

/** Records alert transitions while the cockpit runs (when `Cockpit.recordAlerts` is set and the context is not read-only). */
export function useAlertRecord(
  alerts: readonly ActiveAlert[],
  unevaluated: readonly AlertRule[],
  snapshots: Snapshots,
  now: number,
  onError: (message: string) => void,
): void {
  const {session, journal, identity, recordAlerts} = useCockpit();
  const ctx = session.context;
  const recorder = useMemo(
    () =>
      recordAlerts && !ctx.readOnly
        ? new AlertRecorder({journal, identity, context: ctx.name, environment: ctx.environment}, (e) =>
            onError(`incident record: ${e instanceof Error ? e.message : String(e)}`),
          )
        : undefined,
    // onError is a dispatch wrapper: a new one each render must not start a new record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [recordAlerts, ctx, journal, identity],
  );
  useEffect(() => {
    if (!recorder) return;
    const readPanes = new Set(PANE_IDS.filter((p) => snapshots[p].value !== undefined));
    recorder.observe({alerts, now, readPanes, unevaluated: new Set(unevaluated.map((r) => r.name))});
  }, [recorder, alerts, unevaluated, snapshots, now]);
}

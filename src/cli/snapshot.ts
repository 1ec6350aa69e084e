// One-shot reading of every pane and the alerts: the core of `status`.
import {evaluateAlerts, type ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertRule} from '../data/alerts/rule.js';
import type {Clock} from '../data/clock.js';
import type {ResolvedContext} from '../data/config/context.js';
import {paneHealth} from '../data/feed.js';
import {PANE_IDS, type PaneId, type ReadingByPane} from '../data/readings/types.js';
import {createSession, type SessionOptions} from '../data/session.js';

export interface PaneOutcome {
  readonly ok: boolean;
  readonly error?: string;
  readonly sources: readonly string[];
  /** The context gives this pane no source on purpose: not a pane that could not be read. */
  readonly unconfigured?: true;
}

export interface Snapshot {
  readonly context: ResolvedContext;
  readonly at: number;
  readonly readings: Partial<ReadingByPane>;
  readonly panes: Readonly<Record<PaneId, PaneOutcome>>;
  readonly alerts: readonly ActiveAlert[];
  /** Rules no source could evaluate. */
  readonly unevaluated: readonly AlertRule[];
}

/** Reads every pane once (in parallel, each with its poller's timeout) and evaluates the alerts. */
export async function takeSnapshot(context: ResolvedContext, clock: Clock, options: Partial<SessionOptions> = {}): Promise<Snapshot> {
  const session = await createSession(context, {clock, ...options});
  try {
    await Promise.all(PANE_IDS.flatMap((pane) => session.feeds[pane].entries.map((e) => e.poller.pollOnce())));
    const readings: Partial<ReadingByPane> = {};
    const panes = {} as Record<PaneId, PaneOutcome>;
    for (const pane of PANE_IDS) {
      const snap = session.feeds[pane].snapshot();
      const health = paneHealth(snap, clock.now(), context.staleAfterMs[pane]);
      (readings as Record<PaneId, unknown>)[pane] = snap.value;
      const sources = snap.sources.map((s) => s.id);
      panes[pane] = health.unconfigured
        ? {ok: true, unconfigured: true, sources}
        : {ok: snap.value !== undefined && !health.error, error: health.error, sources};
    }
    const stalePanes = new Set(PANE_IDS.filter((p) => !panes[p].ok));
    const {alerts, unevaluated} = evaluateAlerts({readings, now: clock.now(), stalePanes, thresholds: context.thresholds});
    return {context, at: clock.now(), readings, panes, alerts, unevaluated};
  } finally {
    await session.close();
  }
}

// The `T` view's data: the journal and the outside (colleagues' Events, revision histories) through two pollers that
// run only while the view is open, merged into the timeline model (src/actions/timeline.ts).
import {useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import {journalPoller, outsidePoller} from '../../actions/timeline-feed.js';
import {ALERT_ACTION} from '../../actions/alert-record.js';
import {buildTimeline, otherContexts, type TimelineEntry} from '../../actions/timeline.js';
import type {PollSnapshot} from '../../data/poller.js';
import {useCockpit} from '../context.js';

export interface TimelineData {
  readonly entries: readonly TimelineEntry[];
  /** What could not be read (a source's error, the journal's). */
  readonly notes: readonly string[];
  readonly loading: boolean;
}

function usePoll<T>(poller: {subscribe(l: () => void): () => void; snapshot(): PollSnapshot<T>}): PollSnapshot<T> {
  const [subscribe, snapshot] = useMemo(() => [poller.subscribe.bind(poller), poller.snapshot.bind(poller)], [poller]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** The timeline since `since`; `alertTargets` (the alerts firing now) get deploy markers, as do the journal's alert targets. */
export function useTimeline(since: number, alertTargets: readonly string[]): TimelineData {
  const {journal, session, clock} = useCockpit();
  const targets = useRef<readonly string[]>(alertTargets);
  const journaled = useMemo(() => journalPoller(journal, clock), [journal, clock]);
  const outside = useMemo(() => outsidePoller(session, clock, () => targets.current), [session, clock]);
  useEffect(() => {
    journaled.start();
    return () => journaled.stop();
  }, [journaled]);
  const entries = usePoll(journaled);
  // Deploy markers for the services the record is about: firing now, or journaled as firing in the window.
  const context = session.context.name;
  const recorded = (entries.value ?? [])
    .filter((e) => e.context === context && e.action === ALERT_ACTION && e.phase === 'fired' && Date.parse(e.at) >= since)
    .map((e) => e.target);
  targets.current = [...new Set([...alertTargets, ...recorded.reverse()])];
  const ready = entries.value !== undefined;
  useEffect(() => {
    // The first outside poll waits for the journal, so it knows which services to read histories for.
    if (!ready) return undefined;
    outside.start();
    return () => outside.stop();
  }, [outside, ready]);
  const extra = usePoll(outside);
  // Colleagues' changes: the session polls them already (J shows them too).
  const team = usePoll(session.team);
  return useMemo(() => {
    const errors = [
      entries.error ? `journal: ${entries.error}` : '',
      team.error ? `colleagues' actions: ${team.error}` : '',
      extra.error ? `revisions: ${extra.error}` : '',
    ];
    const journal = entries.value ?? [];
    const notes = [otherContexts(journal, context) ?? '', ...(extra.value?.notes ?? []), ...errors].filter(Boolean);
    const built = buildTimeline({journal, context, team: team.value, deploys: extra.value?.deploys, since});
    return {entries: built, notes, loading: entries.value === undefined};
  }, [entries, extra, team, since, context]);
}

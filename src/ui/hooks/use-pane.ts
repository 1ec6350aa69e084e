// The bridge from a pane's feed to the view; holds the last snapshot while the pane is paused (dialog open).
import {useRef, useSyncExternalStore} from 'react';
import type {PaneSnapshot} from '../../data/feed.js';
import type {PaneId} from '../../data/readings/types.js';
import {useCockpit} from '../context.js';

/** The pane's current snapshot; while `paused`, the one it had when pausing began. */
export function usePaneSnapshot<P extends PaneId>(pane: P, paused = false): PaneSnapshot<P> {
  const feed = useCockpit().session.feeds[pane];
  const live = useSyncExternalStore(
    (l) => feed.subscribe(l),
    () => feed.snapshot(),
  );
  const held = useRef<PaneSnapshot<P> | undefined>(undefined);
  if (!paused) held.current = undefined;
  else held.current ??= live;
  return held.current ?? live;
}

/** Every pane's snapshot (for alerts and the header). */
export function useAllSnapshots(paused: ReadonlySet<PaneId>): {[P in PaneId]: PaneSnapshot<P>} {
  return {
    health: usePaneSnapshot('health', paused.has('health')),
    lag: usePaneSnapshot('lag', paused.has('lag')),
    dlq: usePaneSnapshot('dlq', paused.has('dlq')),
    outbox: usePaneSnapshot('outbox', paused.has('outbox')),
    burn: usePaneSnapshot('burn', paused.has('burn')),
  };
}

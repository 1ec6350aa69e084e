// The bridge from the panes' feeds to the view; holds a pane still while its dialog is open.
import {useRef} from 'react';
import type {PaneId} from '../../data/readings/types.js';
import {PANE_IDS} from '../../data/readings/types.js';
import {useCockpitState} from '../context.js';
import type {Snapshots} from './cockpit-store.js';

/** Every pane's snapshot; a paused pane keeps the snapshot it had when the pause began. */
export function useAllSnapshots(paused: ReadonlySet<PaneId>): Snapshots {
  const live = useCockpitState().snapshots;
  const held = useRef<Partial<Record<PaneId, unknown>>>({});
  let changed = false;
  const out = {} as Record<PaneId, unknown>;
  for (const pane of PANE_IDS) {
    if (!paused.has(pane)) {
      delete held.current[pane];
      out[pane] = live[pane];
      continue;
    }
    held.current[pane] ??= live[pane];
    out[pane] = held.current[pane];
    changed = true;
  }
  return changed ? (out as unknown as Snapshots) : live;
}

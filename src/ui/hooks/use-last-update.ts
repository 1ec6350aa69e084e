// When the last status update was copied or posted: read from the journal once, then told by the update dialog.
// The header counts the next update down from it (docs/status-updates.md).
import {useSyncExternalStore} from 'react';
import type {Journal} from '../../actions/journal.js';
import {lastUpdateAt} from '../../actions/status-update.js';

/** The time of the last update of one journal, and who listens to it. */
export class LastUpdate {
  private at: number | undefined;
  private read = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly journal: Journal,
    private readonly context: string,
  ) {}

  get = (): number | undefined => {
    if (!this.read) {
      this.read = true;
      // Once per journal: later updates are recorded here as they happen.
      this.at = lastUpdateAt(this.journal.read(), this.context);
    }
    return this.at;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** An update was copied or posted at `t` (a read-only cockpit journals nothing, but its countdown still restarts). */
  record(t: number): void {
    this.get();
    this.at = Math.max(this.at ?? t, t);
    for (const l of this.listeners) l();
  }
}

const stores = new WeakMap<Journal, Map<string, LastUpdate>>();

/** The one LastUpdate of `context` in `journal`. */
export function lastUpdateOf(journal: Journal, context: string): LastUpdate {
  let byContext = stores.get(journal);
  if (!byContext) stores.set(journal, (byContext = new Map()));
  let store = byContext.get(context);
  if (!store) byContext.set(context, (store = new LastUpdate(journal, context)));
  return store;
}

/** The last update's time, re-rendering when an update is copied or posted. */
export function useLastUpdate(journal: Journal, context: string): number | undefined {
  const store = lastUpdateOf(journal, context);
  return useSyncExternalStore(store.subscribe, store.get);
}

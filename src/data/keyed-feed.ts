// Keyed feeds: what a detail view shows (the health detail of one service@region, the peeked messages of one DLQ
// entity), read by a poller the session owns, like a pane's (issue 16: no view runs its own timer or fetches inside an
// effect). A view watches a ref while it shows it; the poller runs only while someone watches, and outlives the view,
// so reopening a detail shows the last good value at once and never starts a read while the previous one still runs
// at the source (the poller waits for it).
import type {Clock} from './clock.js';
import {Poller, type PollSnapshot} from './poller.js';
import type {DlqMessage, HealthDetail, ServiceRef} from './sources/types.js';

/** Pollers kept for refs nobody watches any more (their last value, and a read that may still be running). */
const KEPT = 8;

export interface KeyedFeedOptions<R, V> {
  /** What the pollers are named after (`detail`, `peek`), for their errors. */
  readonly name: string;
  readonly clock: Clock;
  readonly intervalMs: number;
  /** How one ref is read; none (no source can): nothing to poll. */
  readonly read?: (ref: R, signal: AbortSignal) => Promise<V>;
  /** The ref's key in `snapshots()`. */
  readonly key: (ref: R) => string;
}

/** A session's pollers of one kind of detail, one per watched ref. */
export class KeyedFeed<R, V> {
  private readonly pollers = new Map<string, {poller: Poller<V>; watchers: number}>();
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private cached: ReadonlyMap<string, PollSnapshot<V>> = new Map();

  constructor(private readonly options: KeyedFeedOptions<R, V>) {}

  /** Whether any source can give this detail. */
  get available(): boolean {
    return this.options.read !== undefined;
  }

  /** Polls `ref` until the returned function is called (a hook calls it in its effect's cleanup). */
  watch(ref: R): () => void {
    const read = this.options.read;
    if (!read) return () => undefined;
    const key = this.options.key(ref);
    let entry = this.pollers.get(key);
    if (!entry) {
      const {clock, intervalMs, name} = this.options;
      const poller = new Poller<V>({
        name: `${name} ${key}`,
        intervalMs,
        // The same bounds as the pane's own poll (session.ts).
        timeoutMs: Math.max(2_000, Math.min(30_000, intervalMs * 2)),
        clock,
        read: (signal) => read(ref, signal),
      });
      poller.subscribe(() => this.emit());
      entry = {poller, watchers: 0};
      this.pollers.set(key, entry);
    }
    // Most recently watched last: the oldest unwatched poller is the one forgotten.
    this.pollers.delete(key);
    this.pollers.set(key, entry);
    const watched = entry;
    watched.watchers++;
    if (!this.stopped) watched.poller.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--watched.watchers === 0) watched.poller.stop();
      this.forget();
    };
  }

  /** The latest snapshot of `ref`'s poller, if it was ever watched. */
  snapshot(ref: R): PollSnapshot<V> | undefined {
    return this.pollers.get(this.options.key(ref))?.poller.snapshot();
  }

  /** Every kept poller's snapshot by key; a new map after each change (immutable for the view). */
  snapshots(): ReadonlyMap<string, PollSnapshot<V>> {
    return this.cached;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls what is watched again (after `stop()`). */
  start(): void {
    this.stopped = false;
    for (const {poller, watchers} of this.pollers.values()) if (watchers > 0) poller.start();
  }

  stop(): void {
    this.stopped = true;
    for (const {poller} of this.pollers.values()) poller.stop();
  }

  /** Polls what is watched now (R). */
  refresh(): void {
    for (const {poller, watchers} of this.pollers.values()) if (watchers > 0) poller.refresh();
  }

  private forget(): void {
    const idle = [...this.pollers].filter(([, e]) => e.watchers === 0);
    for (const [key] of idle.slice(0, Math.max(0, idle.length - KEPT))) this.pollers.delete(key);
  }

  private emit(): void {
    this.cached = new Map([...this.pollers].map(([key, e]) => [key, e.poller.snapshot()]));
    for (const l of this.listeners) l();
  }
}

/** The key of `ref` in the health details' `snapshots()`. */
export function keyOf(ref: ServiceRef): string {
  return `${ref.service}@${ref.region}`;
}

/** The health detail of each watched service@region (pods, events). */
export type DetailFeed = KeyedFeed<ServiceRef, HealthDetail>;

/** The first messages of each watched DLQ entity, peeked (not received: nothing is locked or settled). */
export type PeekFeed = KeyedFeed<string, readonly DlqMessage[]>;

/** How many dead letters a DLQ detail peeks. */
export const PEEK_COUNT = 50;

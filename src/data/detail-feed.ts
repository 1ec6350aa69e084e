// Detail feeds: the health detail of one service@region, read by a poller the session owns, like a pane's (issue 16:
// no view runs its own timer or fetches inside an effect). A view watches a ref while it shows it; the poller runs only
// while someone watches, and outlives the view, so reopening a detail shows the last good value at once and never
// starts a read while the previous one still runs at the source (the poller waits for it).
import type {Clock} from './clock.js';
import {Poller, type PollSnapshot} from './poller.js';
import type {HealthDetail, HealthDetailable, ServiceRef} from './sources/types.js';

/** Pollers kept for refs nobody watches any more (their last value, and a read that may still be running). */
const KEPT = 8;

export interface DetailFeedOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  /** The first source of the health pane that can list pods and events; none: nothing to poll. */
  readonly detailer?: HealthDetailable;
}

/** The health detail pollers of a session, one per watched service@region. */
export class DetailFeed {
  private readonly pollers = new Map<string, {poller: Poller<HealthDetail>; watchers: number}>();
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private cached: ReadonlyMap<string, PollSnapshot<HealthDetail>> = new Map();

  constructor(private readonly options: DetailFeedOptions) {}

  /** Whether any source can give a detail. */
  get available(): boolean {
    return this.options.detailer !== undefined;
  }

  /** Polls `ref` until the returned function is called (a hook calls it in its effect's cleanup). */
  watch(ref: ServiceRef): () => void {
    const detailer = this.options.detailer;
    if (!detailer) return () => undefined;
    const key = keyOf(ref);
    let entry = this.pollers.get(key);
    if (!entry) {
      const {clock, intervalMs} = this.options;
      const poller = new Poller<HealthDetail>({
        name: `detail ${key}`,
        intervalMs,
        // The same bounds as the pane's own poll (session.ts).
        timeoutMs: Math.max(2_000, Math.min(30_000, intervalMs * 2)),
        clock,
        read: (signal) => detailer.detail(ref, signal),
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
  snapshot(ref: ServiceRef): PollSnapshot<HealthDetail> | undefined {
    return this.pollers.get(keyOf(ref))?.poller.snapshot();
  }

  /** Every kept poller's snapshot by `service@region`; a new map after each change (immutable for the view). */
  snapshots(): ReadonlyMap<string, PollSnapshot<HealthDetail>> {
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

/** The key of `ref` in `snapshots()`. */
export function keyOf(ref: ServiceRef): string {
  return `${ref.service}@${ref.region}`;
}

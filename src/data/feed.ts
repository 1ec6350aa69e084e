// A pane's feed: the pollers of every source serving the pane, combined into one snapshot.
import {mergeReadings} from './merge.js';
import type {PollSnapshot, Poller} from './poller.js';
import type {PaneId, ReadingByPane} from './readings/types.js';
import type {Source} from './sources/types.js';

export interface SourceState {
  readonly id: string;
  readonly kind: string;
  readonly lastSuccessAt?: number;
  readonly error?: string;
  readonly errorAt?: number;
  readonly failures: number;
}

/** What a pane shows: the merged last good value, and the state of each source behind it. */
export interface PaneSnapshot<P extends PaneId> {
  readonly pane: P;
  readonly value?: ReadingByPane[P];
  /** Oldest last success among the sources that have one. */
  readonly lastSuccessAt?: number;
  readonly sources: readonly SourceState[];
  /** At least one source's last poll failed. */
  readonly failing: boolean;
}

export interface FeedEntry<P extends PaneId> {
  readonly source: Source;
  readonly poller: Poller<ReadingByPane[P]>;
}

/** Combines the pollers of one pane; `snapshot()` is stable until a poller changes. */
export class PaneFeed<P extends PaneId> {
  private cached: PaneSnapshot<P>;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    readonly pane: P,
    readonly entries: readonly FeedEntry<P>[],
    readonly staleAfterMs: number,
    readonly refreshMs: number,
  ) {
    this.cached = this.compute();
    for (const {poller} of entries) {
      this.unsubscribers.push(
        poller.subscribe(() => {
          this.cached = this.compute();
          for (const l of this.listeners) l();
        }),
      );
    }
  }

  snapshot(): PaneSnapshot<P> {
    return this.cached;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refresh(): void {
    for (const {poller} of this.entries) poller.refresh();
  }

  dispose(): void {
    for (const u of this.unsubscribers) u();
  }

  private compute(): PaneSnapshot<P> {
    const snaps: PollSnapshot<ReadingByPane[P]>[] = this.entries.map((e) => e.poller.snapshot());
    const values = snaps.flatMap((s) => (s.value === undefined ? [] : [s.value]));
    const successes = snaps.flatMap((s) => (s.lastSuccessAt === undefined ? [] : [s.lastSuccessAt]));
    return {
      pane: this.pane,
      value: mergeReadings(this.pane, values),
      lastSuccessAt: successes.length ? Math.min(...successes) : undefined,
      sources: this.entries.map(({source}, i) => {
        const s = snaps[i]!;
        const failing = s.error !== undefined && (s.lastSuccessAt === undefined || (s.errorAt ?? 0) >= s.lastSuccessAt);
        return {
          id: source.id,
          kind: source.kind,
          lastSuccessAt: s.lastSuccessAt,
          error: failing ? s.error : undefined,
          errorAt: failing ? s.errorAt : undefined,
          failures: s.failures,
        };
      }),
      failing: snaps.some((s) => s.failures > 0),
    };
  }
}

/** How a pane's data stands at `now`. */
export interface PaneHealth {
  readonly ageMs?: number;
  readonly stale: boolean;
  readonly error?: string;
  /** The context gives the pane no source: nothing to wait for, nothing stale (issue 15). */
  readonly unconfigured?: true;
}

/** What a pane with no source says, in place of "loading…". */
export const UNCONFIGURED = 'no source configured for this pane';

/** Age, staleness and error text of a pane snapshot at `now`. */
export function paneHealth(snapshot: PaneSnapshot<PaneId>, now: number, staleAfterMs: number): PaneHealth {
  if (snapshot.sources.length === 0) return {stale: false, unconfigured: true};
  const ageMs = snapshot.lastSuccessAt === undefined ? undefined : Math.max(0, now - snapshot.lastSuccessAt);
  const errors = snapshot.sources.filter((s) => s.error).map((s) => (snapshot.sources.length > 1 ? `${s.id}: ${s.error}` : (s.error ?? '')));
  return {
    ageMs,
    stale: snapshot.failing || ageMs === undefined || ageMs > staleAfterMs,
    error: errors.length ? errors.join('; ') : undefined,
  };
}

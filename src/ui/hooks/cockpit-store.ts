// One store for everything the screen shows from the data layer: every pane's snapshot, the freezes, the team's
// recent changes and the time.
// Changes are coalesced, so a burst of poll results and the clock tick become one render (about one a second).
import type {Clock, TimerHandle} from '../../data/clock.js';
import type {PaneSnapshot} from '../../data/feed.js';
import {PANE_IDS, type PaneId} from '../../data/readings/types.js';
import type {Session} from '../../data/session.js';
import type {PollSnapshot} from '../../data/poller.js';
import type {PagingReading} from '../../data/pagerduty/types.js';
import type {DlqMessage, Freeze, HealthDetail, TeamAction} from '../../data/sources/types.js';
import {QUIET_STORE, shownKey} from './quiet-store.js';

export type Snapshots = {readonly [P in PaneId]: PaneSnapshot<P>};

export interface CockpitState {
  readonly now: number;
  readonly snapshots: Snapshots;
  readonly freezes: readonly Freeze[];
  /** Recent changes by anyone on the context's objects, newest first (the journal view lists them). */
  readonly team: readonly TeamAction[];
  /** The paging poller's state, when the context has paging. */
  readonly paging?: PollSnapshot<PagingReading>;
  /** The health details views watch, by `service@region` (session.details). */
  readonly details: ReadonlyMap<string, PollSnapshot<HealthDetail>>;
  /** The DLQ messages views peek, by entity (session.peeks). */
  readonly peeks: ReadonlyMap<string, PollSnapshot<readonly DlqMessage[]>>;
}

const NO_FREEZES: readonly Freeze[] = [];
const NO_TEAM: readonly TeamAction[] = [];

export class CockpitStore {
  private state: CockpitState;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: (() => void)[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  private ticker: TimerHandle | undefined;
  private shown: string | undefined;

  /** `coalesceMs`: how long to gather changes before one update (0 = next turn of the event loop). */
  constructor(
    private readonly session: Session,
    private readonly clock: Clock,
    private readonly coalesceMs = 30,
  ) {
    this.state = this.read();
    for (const pane of PANE_IDS) this.unsubscribers.push(session.feeds[pane].subscribe(() => this.schedule()));
    this.unsubscribers.push(session.freezes.subscribe(() => this.schedule()));
    this.unsubscribers.push(session.team.subscribe(() => this.schedule()));
    if (session.paging) this.unsubscribers.push(session.paging.poller.subscribe(() => this.schedule()));
    this.unsubscribers.push(session.details.subscribe(() => this.schedule()));
    this.unsubscribers.push(session.peeks.subscribe(() => this.schedule()));
    this.tick();
  }

  get = (): CockpitState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    for (const u of this.unsubscribers) u();
    if (this.pending) clearTimeout(this.pending);
    if (this.ticker) this.clock.clearTimeout(this.ticker);
    this.listeners.clear();
  }

  /** The clock ticks on whole seconds, like the pollers, so both land in the same update. */
  private tick(): void {
    this.ticker = this.clock.setTimeout(
      () => {
        this.schedule();
        this.tick();
      },
      1000 - (this.clock.now() % 1000) || 1000,
    );
  }

  private schedule(): void {
    if (this.pending) return;
    const emit = () => {
      this.pending = undefined;
      const next = this.read();
      if (QUIET_STORE) {
        // The experiment (quiet-store.ts): no render at all when nothing shown would change.
        const key = shownKey(next);
        if (key === this.shown) return;
        this.shown = key;
      }
      this.state = next;
      for (const l of this.listeners) l();
    };
    this.pending = this.coalesceMs > 0 ? setTimeout(emit, this.coalesceMs) : (setImmediate(emit) as unknown as ReturnType<typeof setTimeout>);
  }

  private read(): CockpitState {
    const snapshots = Object.fromEntries(PANE_IDS.map((p) => [p, this.session.feeds[p].snapshot()])) as unknown as Snapshots;
    const {freezes, team, paging, details, peeks} = this.session;
    return {
      now: this.clock.now(),
      snapshots,
      freezes: freezes.snapshot().value ?? NO_FREEZES,
      team: team.snapshot().value ?? NO_TEAM,
      paging: paging?.poller.snapshot(),
      details: details.snapshots(),
      peeks: peeks.snapshots(),
    };
  }
}

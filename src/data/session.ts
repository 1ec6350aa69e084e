// A session: the open context's sources, one feed per pane, the freeze list and the team's recent changes,
// started and stopped together.
import {loadProcedures, type Procedures} from './procedures/load.js';
import type {Clock} from './clock.js';
import type {ResolvedContext} from './config/context.js';
import {KeyedFeed, keyOf, PEEK_COUNT, type DetailFeed, type PeekFeed} from './keyed-feed.js';
import {PaneFeed, type FeedEntry} from './feed.js';
import {createPaging, type PagingFeed} from './pagerduty/feed.js';
import {Poller} from './poller.js';
import {PANE_IDS, type PaneId, type ReadingByPane} from './readings/types.js';
import {readOnlySource} from './sources/read-only.js';
import {createSource, type SourceFactory} from './sources/registry.js';
import type {Capabilities, Freeze, Source, TeamAction} from './sources/types.js';

export type Feeds = {readonly [P in PaneId]: PaneFeed<P>};

export interface Session {
  readonly context: ResolvedContext;
  /** The runbook procedures the alert view shows, per catalog section. */
  readonly procedures: Procedures;
  readonly sources: ReadonlyMap<string, Source>;
  readonly feeds: Feeds;
  /** Active freezes from every source that can freeze. */
  readonly freezes: Poller<readonly Freeze[]>;
  /** Recent changes by any cockpit on the context's objects, newest first, from every source that reads them back. */
  readonly team: Poller<readonly TeamAction[]>;
  /** The context's paging service (PagerDuty or the demo's), polled beside the panes; undefined when none. */
  readonly paging?: PagingFeed;
  /** The health detail of the service@region a view shows, polled like a pane (issue 16). */
  readonly details: DetailFeed;
  /** The messages a DLQ detail peeks, polled like a pane while the view shows them. */
  readonly peeks: PeekFeed;
  start(): void;
  stop(): void;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly clock: Clock;
  readonly env?: NodeJS.ProcessEnv;
  /** Replaces the registry (tests inject recording or failing sources). */
  readonly createSource?: SourceFactory;
}

/** The first source of `pane` that has capability `key`, with the capability. */
export function capabilityFor<K extends keyof Capabilities>(
  session: Session,
  pane: PaneId,
  key: K,
): {source: Source; capability: NonNullable<Capabilities[K]>} | undefined {
  for (const id of session.context.panes[pane]) {
    const source = session.sources.get(id);
    const capability = source?.capabilities[key];
    if (source && capability) return {source, capability: capability as NonNullable<Capabilities[K]>};
  }
  return undefined;
}

/** Creates every source of the context (read-only-wrapped when required) and a feed per pane. */
export async function createSession(context: ResolvedContext, options: SessionOptions): Promise<Session> {
  const {clock} = options;
  const make = options.createSource ?? createSource;
  const sources = new Map<string, Source>();
  for (const config of Object.values(context.sources)) {
    const source = await make(config, {clock, context, env: options.env ?? process.env, readOnly: context.readOnly});
    sources.set(config.id, context.readOnly ? readOnlySource(source) : source);
  }
  const feedFor = <P extends PaneId>(pane: P): PaneFeed<P> => {
    const entries: FeedEntry<P>[] = context.panes[pane].flatMap((id) => {
      const source = sources.get(id);
      if (!source || !source.panes.includes(pane)) return [];
      const poller = new Poller<ReadingByPane[P]>({
        name: `${pane}:${id}`,
        intervalMs: context.refreshMs[pane],
        timeoutMs: Math.max(2_000, Math.min(30_000, context.refreshMs[pane] * 2)),
        clock,
        read: (signal) => source.read(pane, signal),
      });
      return [{source, poller}];
    });
    return new PaneFeed(pane, entries, context.staleAfterMs[pane], context.refreshMs[pane]);
  };
  const feeds = Object.fromEntries(PANE_IDS.map((pane) => [pane, feedFor(pane)])) as unknown as Feeds;
  const freezers = [...sources.values()].flatMap((s) => (s.capabilities.freeze ? [s.capabilities.freeze] : []));
  const freezes = new Poller<readonly Freeze[]>({
    name: 'freezes',
    intervalMs: Math.min(...PANE_IDS.map((p) => context.refreshMs[p])) * 2,
    timeoutMs: 10_000,
    clock,
    read: async (signal) => (await Promise.all(freezers.map((f) => f.list(signal)))).flat(),
  });
  const teamSources = [...sources.values()].flatMap((s) => (s.capabilities.teamActions ? [s.capabilities.teamActions] : []));
  // As often as the freezes: a colleague's change should reach this cockpit's confirmation within seconds.
  const team = new Poller<readonly TeamAction[]>({
    name: 'team',
    intervalMs: Math.min(...PANE_IDS.map((p) => context.refreshMs[p])) * 2,
    timeoutMs: 10_000,
    clock,
    read: async (signal) => (await Promise.all(teamSources.map((t) => t.recent(signal)))).flat().sort((a, b) => b.at - a.at),
  });
  const paging = createPaging(context, clock, options.env ?? process.env);
  const pollers = () => [...PANE_IDS.flatMap((p) => feeds[p].entries.map((e) => e.poller)), freezes, team, ...(paging ? [paging.poller] : [])];
  const detailer = context.panes.health.map((id) => sources.get(id)?.capabilities.detail).find((d) => d !== undefined);
  const details: DetailFeed = new KeyedFeed({
    name: 'detail',
    clock,
    intervalMs: context.refreshMs.health,
    key: keyOf,
    read: detailer && ((ref, signal) => detailer.detail(ref, signal)),
  });
  const inspector = context.panes.dlq.map((id) => sources.get(id)?.capabilities.inspect).find((i) => i !== undefined);
  const peeks: PeekFeed = new KeyedFeed({
    name: 'peek',
    clock,
    intervalMs: context.refreshMs.dlq,
    key: (entity) => entity,
    read: inspector && ((entity, signal) => inspector.peek(entity, {max: PEEK_COUNT}, signal)),
  });
  return {
    context,
    procedures: loadProcedures(context.runbook),
    sources,
    feeds,
    freezes,
    team,
    paging,
    details,
    peeks,
    start: () => (pollers().forEach((p) => p.start()), details.start(), peeks.start()),
    stop: () => (pollers().forEach((p) => p.stop()), details.stop(), peeks.stop()),
    async close() {
      pollers().forEach((p) => p.stop());
      details.stop();
      for (const feed of Object.values(feeds)) (feed as PaneFeed<PaneId>).dispose();
      paging?.pager.close?.();
      await Promise.allSettled([...sources.values()].map((s) => s.close?.()));
    },
  };
}

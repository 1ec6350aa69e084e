// The session's paging: the context's pager (PagerDuty, or the demo's), read-only-wrapped when required, polled on
// its own interval like a pane's source. A pager that cannot start (no token) still exists: every poll fails with
// the reason, so the alert view says what is wrong and the cockpit stays up.
import type {Clock} from '../clock.js';
import type {ResolvedContext} from '../config/context.js';
import {createDemoPager} from '../demo/paging.js';
import {isScenario} from '../demo/scenarios.js';
import {describeError, ReadOnlyError} from '../errors.js';
import {Poller} from '../poller.js';
import {DEFAULT_BASE_URL, DEFAULT_REFRESH_S, DEFAULT_TOKEN_ENV, pagerDutyOptions} from './config.js';
import {createPagerDutyPager} from './source.js';
import type {Pager, PagingReading} from './types.js';

/** The pager and its poller. */
export interface PagingFeed {
  readonly pager: Pager;
  readonly poller: Poller<PagingReading>;
  /** A reading older than this is stale (our choice: three refreshes, as the panes' default). */
  readonly staleAfterMs: number;
}

/** Wraps `pager` so that no change can reach PagerDuty (read-only cockpits; enforced below the UI). */
export function readOnlyPager(pager: Pager): Pager {
  const refuse = (what: string) => () => Promise.reject(new ReadOnlyError(what));
  return {
    ...pager,
    list: pager.list.bind(pager),
    get: pager.get.bind(pager),
    levels: pager.levels.bind(pager),
    acknowledge: refuse('acknowledging a PagerDuty incident'),
    escalate: refuse('escalating a PagerDuty incident'),
    resolve: refuse('resolving a PagerDuty incident'),
  };
}

/** A pager that only reports why it could not start. */
function brokenPager(why: string, tokenEnv: string): Pager {
  const fail = () => Promise.reject(new Error(why));
  return {
    kind: 'pagerduty',
    description: `PagerDuty (not started: ${why})`,
    tokenEnv,
    from: '',
    baseUrl: DEFAULT_BASE_URL,
    list: fail,
    get: fail,
    levels: fail,
    acknowledge: fail,
    escalate: fail,
    resolve: fail,
  };
}

/** The context's paging, or undefined when it has none. */
export function createPaging(context: ResolvedContext, clock: Clock, env: NodeJS.ProcessEnv): PagingFeed | undefined {
  const config = context.paging;
  if (!config) return undefined;
  let pager: Pager;
  let refreshMs = (config.refresh ?? DEFAULT_REFRESH_S) * 1000;
  if (config.kind === 'demo') {
    const scenario = Object.values(context.sources).find((s) => s.kind === 'demo')?.scenario;
    pager = createDemoPager(typeof scenario === 'string' && isScenario(scenario) ? scenario : 'calm', clock);
    // The demo runs on a 1 s refresh: its pages show at once, like its panes.
    refreshMs = Math.min(refreshMs, context.refreshMs.health);
  } else {
    try {
      const options = pagerDutyOptions(context.name, config, env);
      refreshMs = options.refreshMs;
      pager = createPagerDutyPager(options, clock, {readOnly: context.readOnly});
    } catch (error) {
      pager = brokenPager(describeError(error), config.tokenEnv ?? DEFAULT_TOKEN_ENV);
    }
  }
  if (context.readOnly) pager = readOnlyPager(pager);
  const poller = new Poller<PagingReading>({
    name: 'paging',
    intervalMs: refreshMs,
    // Room for two Retry-After waits (client.ts MAX_RETRY_WAIT_MS) inside one poll.
    timeoutMs: Math.max(10_000, Math.min(75_000, refreshMs * 2.5)),
    maxBackoffMs: refreshMs,
    clock,
    read: (signal) => pager.list(signal),
  });
  return {pager, poller, staleAfterMs: refreshMs * 3};
}

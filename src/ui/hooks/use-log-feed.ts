// The bridge from a service's log tail to the log view: one LogFeed per service@region while the view is mounted.
import {useEffect, useMemo, useSyncExternalStore} from 'react';
import {LogFeed, type LogSnapshot} from '../../data/log-feed.js';
import {capabilityFor} from '../../data/session.js';
import {useCockpit} from '../context.js';

const EMPTY: LogSnapshot = {lines: [], dropped: 0, received: 0, command: ''};
const noSubscribe = () => () => undefined;
const noSnapshot = () => EMPTY;

/**
 * The feed (to open another tail) and its latest snapshot. Only the log view re-renders when lines arrive, at most
 * once per LOG_FRAME_MS: the feed batches them, and the cockpit's store never hears of them (issue 16).
 */
export function useLogFeed(service: string, region: string): {feed?: LogFeed; snapshot: LogSnapshot; available: boolean} {
  const {session, clock} = useCockpit();
  const logs = capabilityFor(session, 'health', 'logs')?.capability;
  const feed = useMemo(() => (logs ? new LogFeed(logs, {service, region}, clock) : undefined), [logs, service, region, clock]);
  useEffect(() => {
    if (!feed) return undefined;
    void feed.start();
    return () => feed.dispose();
  }, [feed]);
  const snapshot = useSyncExternalStore(feed?.subscribe ?? noSubscribe, feed?.snapshot ?? noSnapshot);
  return {feed, snapshot, available: logs !== undefined};
}

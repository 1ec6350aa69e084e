// The revision history of one service, for the alert view's "was this a recent deploy?" (src/actions/alert-actions.ts).
// Read through the health pane's rollback capability (a read: allowed in read-only), at most once per service per
// FRESH_MS. A read in flight finishes even when the selection moves on (it fills the cache); leaving the view ends it.
import {useEffect, useRef, useState} from 'react';
import type {HistoryState} from '../../actions/alert-actions.js';
import {describeError} from '../../data/errors.js';
import {capabilityFor} from '../../data/session.js';
import type {ServiceRef} from '../../data/sources/types.js';
import {useCockpit, useNow} from '../context.js';

/** A history read this recently is used again (after a rollback the view reads it anew within this time). */
const FRESH_MS = 30_000;
const TIMEOUT_MS = 15_000;

/** The history of `ref` (undefined: none wanted, or no source of the health pane can roll back). */
export function useRevisionHistory(ref: ServiceRef | undefined): HistoryState | undefined {
  const {session} = useCockpit();
  const now = useNow();
  const cache = useRef(new Map<string, {at: number; state: HistoryState}>());
  const inFlight = useRef(new Set<AbortController>());
  const [, setVersion] = useState(0);
  const found = capabilityFor(session, 'health', 'rollback');
  const key = ref ? `${ref.service}@${ref.region}` : undefined;
  // Changes every FRESH_MS: the effect then looks again whether the cached history has aged.
  const period = Math.floor(now / FRESH_MS);

  useEffect(() => {
    if (!ref || !key || !found) return;
    const hit = cache.current.get(key);
    if (hit && (hit.state.state === 'loading' || now - hit.at < FRESH_MS)) return;
    const controller = new AbortController();
    inFlight.current.add(controller);
    const timeout = setTimeout(() => controller.abort(new Error(`no answer in ${TIMEOUT_MS / 1000}s`)), TIMEOUT_MS);
    const settle = (state: HistoryState) => {
      cache.current.set(key, {at: now, state});
      setVersion((v) => v + 1);
    };
    cache.current.set(key, {at: now, state: {state: 'loading'}});
    found.capability
      .history(ref, controller.signal)
      .then((history) => settle({state: 'known', history}))
      .catch((error: unknown) => settle({state: 'error', message: describeError(error)}))
      .finally(() => {
        clearTimeout(timeout);
        inFlight.current.delete(controller);
      });
    // `ref` is described by `key`, and `now` only matters when `period` moves.
  }, [key, found?.capability, period]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const controllers = inFlight.current;
    return () => {
      for (const c of controllers) c.abort();
    };
  }, []);

  if (!ref || !found) return undefined;
  return (key ? cache.current.get(key)?.state : undefined) ?? {state: 'loading'};
}

// The bridge from the session's detail pollers to the health detail view: watches a service@region while mounted.
import {useEffect} from 'react';
import {keyOf} from '../../data/keyed-feed.js';
import type {PollSnapshot} from '../../data/poller.js';
import type {HealthDetail} from '../../data/sources/types.js';
import {useCockpit, useCockpitState} from '../context.js';

/** The health detail of `service@region` as the session polls it (issue 16: the view runs no timer, fetches nothing). */
export function useHealthDetail(service: string, region: string): {snapshot?: PollSnapshot<HealthDetail>; available: boolean} {
  const {session} = useCockpit();
  const details = useCockpitState().details;
  useEffect(() => session.details.watch({service, region}), [session, service, region]);
  return {snapshot: details.get(keyOf({service, region})), available: session.details.available};
}

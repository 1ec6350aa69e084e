// The bridge from the session's DLQ peek pollers to the DLQ detail view: watches an entity while mounted.
import {useEffect} from 'react';
import type {PollSnapshot} from '../../data/poller.js';
import type {DlqMessage} from '../../data/sources/types.js';
import {useCockpit, useCockpitState} from '../context.js';

/** The peeked messages of DLQ `entity` as the session polls them: re-peeked on its DLQ interval, on R and after an action. */
export function usePeek(entity: string): {snapshot?: PollSnapshot<readonly DlqMessage[]>; available: boolean} {
  const {session} = useCockpit();
  const peeks = useCockpitState().peeks;
  useEffect(() => session.peeks.watch(entity), [session, entity]);
  return {snapshot: peeks.get(entity), available: session.peeks.available};
}

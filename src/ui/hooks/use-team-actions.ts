// Recent changes by anyone on the context's objects, as the session's team poller last read them.
import type {TeamAction} from '../../data/sources/types.js';
import {useCockpitState} from '../context.js';

export function useTeamActions(): readonly TeamAction[] {
  return useCockpitState().team;
}

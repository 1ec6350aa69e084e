// Active freezes for the header and the freeze dialogs.
import type {Freeze} from '../../data/sources/types.js';
import {useCockpitState} from '../context.js';

export function useFreezes(): readonly Freeze[] {
  return useCockpitState().freezes;
}

// Active freezes for the header.
import {useSyncExternalStore} from 'react';
import type {Freeze} from '../../data/sources/types.js';
import {useCockpit} from '../context.js';

const NONE: readonly Freeze[] = [];

export function useFreezes(): readonly Freeze[] {
  const poller = useCockpit().session.freezes;
  const snap = useSyncExternalStore(
    (l) => poller.subscribe(l),
    () => poller.snapshot(),
  );
  return snap.value ?? NONE;
}

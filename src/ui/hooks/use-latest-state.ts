// State whose latest value is readable at once: key handlers may run several times before the next render.
import {useCallback, useRef, useState} from 'react';

export function useLatestState<T>(initial: T): [T, (next: T | ((prev: T) => T)) => void, {readonly current: T}] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}

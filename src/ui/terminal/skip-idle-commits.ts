// Ink lays out and rebuilds the whole frame after every React commit, even one that changed nothing on screen:
// the once-a-second tick re-renders the app to re-evaluate alerts, ages and stale marks, and most ticks change
// none of them. This wraps Ink's host config so that a commit reaches Ink's layout and renderer only when it
// changed Ink's DOM. The bundle substitutes it for `react-reconciler` inside Ink (scripts/drop-ins.mjs);
// test/ui/terminal/skip-idle-commits.test.ts checks that the screen after every update is the same with and without it.

import type createReconciler from 'react-reconciler';

type Fn = (...args: never[]) => unknown;
type Props = Record<string, unknown>;
/** React's host config (@types/react-reconciler, pinned with react-reconciler), whatever Ink's instance types. */
type HostConfig = createReconciler.HostConfig<
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown,
  unknown
>;
type Mutator = (typeof MUTATORS)[number];
/** The part of the host config this wraps (methods, so any Ink instance types fit). */
type Wrapped = Pick<HostConfig, Mutator | 'commitUpdate' | 'resetAfterCommit'>;

/** Host-config methods that change Ink's DOM whenever React calls them. */
const MUTATORS = [
  'appendChild',
  'appendChildToContainer',
  'insertBefore',
  'insertInContainerBefore',
  'removeChild',
  'removeChildFromContainer',
  'commitTextUpdate',
  'hideInstance',
  'unhideInstance',
  'hideTextInstance',
  'unhideTextInstance',
  'clearContainer',
  'resetTextContent',
  'commitMount',
] as const satisfies readonly (keyof HostConfig)[]; // a method React renames or drops fails the typecheck here

/** Props Ink rebuilds as fresh objects on every render; equal by their own keys means unchanged. */
const SHALLOW = new Set(['style', 'internal_accessibility']);
const PROBE = 'x';

function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Props)[k] === (b as Props)[k]);
}

/**
 * Ink's `<Text>` passes its colours and styles as a transform closure made afresh on every render. Two such
 * closures style text alike exactly when they style a probe alike (they only wrap text in escape codes).
 */
function sameTransform(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'function' || typeof b !== 'function') return false;
  return (a as (text: string, index: number) => string)(PROBE, 0) === (b as (text: string, index: number) => string)(PROBE, 0);
}

/** True when updating a host instance from `before` to `after` changes what Ink draws. */
export function propsChange(before: Props, after: Props): boolean {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    // A host element's children are committed as child instances (Ink never sets text content), not as this prop.
    if (key === 'children') continue;
    const [a, b] = [before[key], after[key]];
    if (key === 'internal_transform' ? !sameTransform(a, b) : SHALLOW.has(key) ? !shallowEqual(a, b) : a !== b) return true;
  }
  return false;
}

/** The host config with commits that changed nothing held back from Ink's layout and render. */
export function skipIdleCommits<C extends Wrapped>(config: C): C {
  let changed = true;
  const wrapped: C = {...config};
  const methods = wrapped as unknown as Record<Mutator, Fn | undefined>;
  for (const name of MUTATORS) {
    const original = config[name] as Fn | undefined;
    if (typeof original !== 'function') continue;
    methods[name] = (...args: never[]) => {
      changed = true;
      return original.apply(config, args);
    };
  }
  const commitUpdate = config.commitUpdate;
  if (commitUpdate) {
    wrapped.commitUpdate = (instance, type, before, after, handle) => {
      if (propsChange(before as Props, after as Props)) changed = true;
      commitUpdate.call(config, instance, type, before, after, handle);
    };
  }
  wrapped.resetAfterCommit = (container) => {
    if (!changed) return;
    changed = false;
    config.resetAfterCommit(container);
  };
  return wrapped;
}

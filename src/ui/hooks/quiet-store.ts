// An experiment of issue 17, off in the shipped build: the store not emitting on a tick that changes nothing shown,
// as an alternative to the reconciler wrapper (skip-idle-commits) that drops such commits after React rendered them.
// `npm run bench -- --compare=no-skip-idle-commits+quiet-store,…` builds it in (scripts/bundle-options.mjs); the
// figures and the decision are in docs/upgrading-ink-react.md.
import type {CockpitState} from './cockpit-store.js';

/** Replaced by esbuild's `define` in a bench variant; undefined everywhere else. */
declare const ATP_QUIET_STORE: boolean | undefined;

export const QUIET_STORE: boolean = typeof ATP_QUIET_STORE !== 'undefined' && ATP_QUIET_STORE;

/**
 * What the screen could show of `state`, as one string: the readings, each source's error, the freezes, each pane's
 * age in whole seconds, and the minute (alert ages and trend cells move by minutes). Equal keys are taken to mean an
 * equal screen. This is the experiment's weakness: any text that moves with time by other steps (a countdown in
 * seconds, a dialog's "held 12s") would freeze unless it is added here, and nothing checks that it was.
 */
export function shownKey(state: CockpitState): string {
  const panes = Object.values(state.snapshots).map((s) => ({
    value: s.value,
    errors: s.sources.map((src) => `${src.error ?? ''}:${src.failures}`),
    age: s.lastSuccessAt === undefined ? -1 : Math.floor((state.now - s.lastSuccessAt) / 1000),
  }));
  const paging = state.paging && {value: state.paging.value, error: state.paging.error, failures: state.paging.failures};
  // The health details views watch (issue 16: they come through the store too).
  const details = [...state.details].map(([key, d]) => [key, d.value, d.error, d.failures]);
  const peeks = [...state.peeks].map(([key, d]) => [key, d.value, d.error, d.failures]);
  return JSON.stringify({panes, freezes: state.freezes, team: state.team, paging, details, peeks, minute: Math.floor(state.now / 60_000)});
}

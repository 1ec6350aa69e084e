// The single keyboard dispatcher: an open dialog beats the input line and the view, which beat global keys.
// A handler returns true when it consumed the key (gemini-cli KeypressContext).
// Keys that arrive together (one read: a slow SSH link, `tmux send-keys r Enter`, fast typing) are offered one per
// turn of the event loop, so each key meets the screen the key before it made, as if typed apart (issue 13).
// Keys typed while a new layer is being opened are held and replayed to it, so fast typing is never misrouted.
import {useInput} from 'ink';
import {createContext, useContext, useEffect, useLayoutEffect, useRef, type ReactNode} from 'react';
import {keyEvents, type KeyEvent} from './keys.js';

export type KeyHandler = (event: KeyEvent) => boolean;

/** Layers in priority order: lower number is asked first. */
export const LAYER = {dialog: 0, input: 1, view: 2, global: 3} as const;

const HOLD_MS = 250;

/** How a layer takes keys. `typing`: its handler edits the latest text (refs), so letters may reach it back to back. */
export interface LayerOptions {
  readonly typing?: boolean;
}

interface Registry {
  register(priority: number, handler: {current: KeyHandler}, options?: LayerOptions): () => void;
  /** Holds the following keys until a layer registers or leaves (or `ms` pass), then replays them. */
  hold(ms?: number): void;
  /** Holds keys until the returned function is called (a step that only waits); Esc still passes, and drops them. */
  wait(): () => void;
}

const KeyboardContext = createContext<Registry | undefined>(undefined);

type Layer = {priority: number; handler: {current: KeyHandler}; order: number; typing: boolean};

/** A printable character (not Enter, Tab, Esc, an arrow or a control key). */
const isLetter = (event: KeyEvent | undefined): boolean => event !== undefined && event.text !== '' && event.name === event.text;

/** Keys that must reach the waiting step itself: they cancel it, and the keys typed for what it waited for. */
const PASSES_WAIT = new Set(['escape', 'ctrl-c']);

/** Owns the one useInput of the app and offers keys to the layers in order. */
export function KeyboardProvider({children, isActive = true}: {children: ReactNode; isActive?: boolean}) {
  const layers = useRef<Layer[]>([]);
  const counter = useRef(0);
  const held = useRef<KeyEvent[] | undefined>(undefined);
  const waiting = useRef(0);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  // Keys read together and not yet offered; `turn` is set while the next one is scheduled.
  const queue = useRef<KeyEvent[]>([]);
  const turn = useRef<NodeJS.Immediate | undefined>(undefined);
  /** Offers `event` to the layers in order; returns the layer that consumed it. */
  const deliver = (event: KeyEvent): Layer | undefined => {
    for (const layer of [...layers.current]) if (layer.handler.current(event)) return layer;
    return undefined;
  };
  /** Offers one key: held while a layer opens or a step waits, otherwise to the layers. */
  const offer = (event: KeyEvent): Layer | undefined => {
    if (waiting.current > 0 && PASSES_WAIT.has(event.name)) {
      held.current = undefined;
      return deliver(event);
    }
    if (held.current || waiting.current > 0) (held.current ??= []).push(event);
    else return deliver(event);
    return undefined;
  };
  const next = () => {
    turn.current = undefined;
    let event = queue.current.shift();
    if (!event) return;
    let taker = offer(event);
    // Letters for a text line need no render in between (and a render per letter is slow on a big screen).
    while (taker?.typing && isLetter(event) && isLetter(queue.current[0])) {
      event = queue.current.shift() as KeyEvent;
      taker = offer(event);
    }
    // Ink hands over each key of a read in its own synchronous call: the turn stays taken until the next one.
    turn.current = setImmediate(next);
  };
  const release = () => {
    if (waiting.current > 0) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const replay = held.current ?? [];
    held.current = undefined;
    // Replayed keys go back to the front of the queue, one per turn like any keys that arrived together.
    queue.current.unshift(...replay);
    if (!turn.current && queue.current.length > 0) next();
  };
  const registry = useRef<Registry>({
    register(priority, handler, options) {
      const entry = {priority, handler, order: counter.current++, typing: options?.typing ?? false};
      layers.current.push(entry);
      layers.current.sort((a, b) => a.priority - b.priority || b.order - a.order);
      if (held.current) queueMicrotask(release);
      return () => {
        layers.current = layers.current.filter((l) => l !== entry);
        // A layer leaving changes where keys go too (a dialog closed, or replaced by the next in the same commit).
        if (held.current) queueMicrotask(release);
      };
    },
    hold(ms = HOLD_MS) {
      held.current ??= [];
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(release, ms);
    },
    wait() {
      waiting.current++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        waiting.current--;
        // Whatever replaces the waiting step registers in the same commit: replay the held keys to it.
        if (held.current) queueMicrotask(release);
      };
    },
  });
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (turn.current) clearImmediate(turn.current);
    },
    [],
  );
  useInput(
    (input, key) => {
      queue.current.push(...keyEvents(input, key));
      if (!turn.current) next();
    },
    {isActive},
  );
  return <KeyboardContext.Provider value={registry.current}>{children}</KeyboardContext.Provider>;
}

/** Registers `handler` at `priority` while `active`; the latest handler of a priority is asked first. */
export function useKeyLayer(priority: number, handler: KeyHandler, active = true, options?: LayerOptions): void {
  const registry = useContext(KeyboardContext);
  const ref = useRef(handler);
  ref.current = handler;
  const typing = options?.typing ?? false;
  // Registered in the commit that draws it (a layout effect, not a passive one): a key read after a dialog is on
  // screen must reach that dialog, not the layer under it (a passive effect can run after the next key is read).
  useLayoutEffect(() => {
    if (!registry || !active) return undefined;
    return registry.register(priority, ref, {typing});
  }, [registry, priority, active, typing]);
}

/** `hold()` for handlers that open a new layer (a dialog, the input line, a view); `ms` bounds the wait. */
export function useKeyHold(): (ms?: number) => void {
  const registry = useContext(KeyboardContext);
  return (ms) => registry?.hold(ms);
}

/**
 * While mounted, keys are held for what comes after this step (a "loading…" notice): `r` and Enter read together
 * reach the revision picker, not the notice shown while the history loads. Esc still reaches the step.
 */
export function KeyWait(): null {
  const registry = useContext(KeyboardContext);
  useLayoutEffect(() => registry?.wait(), [registry]);
  return null;
}

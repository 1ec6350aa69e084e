// The single keyboard dispatcher: an open dialog beats the input line and the view, which beat global keys.
// A handler returns true when it consumed the key (gemini-cli KeypressContext).
// Keys typed while a new layer is being opened are held and replayed to it, so fast typing is never misrouted.
import {useInput} from 'ink';
import {createContext, useContext, useEffect, useRef, type ReactNode} from 'react';
import {keyEvents, type KeyEvent} from './keys.js';

export type KeyHandler = (event: KeyEvent) => boolean;

/** Layers in priority order: lower number is asked first. */
export const LAYER = {dialog: 0, input: 1, view: 2, global: 3} as const;

const HOLD_MS = 250;

interface Registry {
  register(priority: number, handler: {current: KeyHandler}): () => void;
  /** Holds the following keys until a layer registers (or a short timeout), then replays them. */
  hold(): void;
}

const KeyboardContext = createContext<Registry | undefined>(undefined);

type Layer = {priority: number; handler: {current: KeyHandler}; order: number};

/** Owns the one useInput of the app and offers keys to the layers in order. */
export function KeyboardProvider({children, isActive = true}: {children: ReactNode; isActive?: boolean}) {
  const layers = useRef<Layer[]>([]);
  const counter = useRef(0);
  const held = useRef<KeyEvent[] | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const deliver = (event: KeyEvent) => {
    for (const layer of [...layers.current]) if (layer.handler.current(event)) return;
  };
  const release = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const queue = held.current ?? [];
    held.current = undefined;
    for (const event of queue) {
      // A replayed key may itself open a layer (hold again): keep the rest for that one.
      const again = held.current as KeyEvent[] | undefined;
      if (again) again.push(event);
      else deliver(event);
    }
  };
  const registry = useRef<Registry>({
    register(priority, handler) {
      const entry = {priority, handler, order: counter.current++};
      layers.current.push(entry);
      layers.current.sort((a, b) => a.priority - b.priority || b.order - a.order);
      if (held.current) queueMicrotask(release);
      return () => {
        layers.current = layers.current.filter((l) => l !== entry);
      };
    },
    hold() {
      held.current ??= [];
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(release, HOLD_MS);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  useInput(
    (input, key) => {
      for (const event of keyEvents(input, key)) {
        if (held.current) held.current.push(event);
        else deliver(event);
      }
    },
    {isActive},
  );
  return <KeyboardContext.Provider value={registry.current}>{children}</KeyboardContext.Provider>;
}

/** Registers `handler` at `priority` while `active`; the latest handler of a priority is asked first. */
export function useKeyLayer(priority: number, handler: KeyHandler, active = true): void {
  const registry = useContext(KeyboardContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !active) return undefined;
    return registry.register(priority, ref);
  }, [registry, priority, active]);
}

/** `hold()` for handlers that open a new layer (a dialog, the input line, a view). */
export function useKeyHold(): () => void {
  const registry = useContext(KeyboardContext);
  return () => registry?.hold();
}

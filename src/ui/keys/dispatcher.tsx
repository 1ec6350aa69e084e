// The single keyboard dispatcher: an open dialog beats the view, which beats the focused pane, which beats global keys.
// A handler returns true when it consumed the key (gemini-cli KeypressContext).
import {useInput} from 'ink';
import {createContext, useContext, useEffect, useRef, type ReactNode} from 'react';
import {keyEvent, type KeyEvent} from './keys.js';

export type KeyHandler = (event: KeyEvent) => boolean;

/** Layers in priority order: lower number is asked first. */
export const LAYER = {dialog: 0, input: 1, view: 2, global: 3} as const;

interface Registry {
  register(priority: number, handler: {current: KeyHandler}): () => void;
}

const KeyboardContext = createContext<Registry | undefined>(undefined);

/** Owns the one useInput of the app and offers keys to the layers in order. */
export function KeyboardProvider({children, isActive = true}: {children: ReactNode; isActive?: boolean}) {
  const layers = useRef<{priority: number; handler: {current: KeyHandler}; order: number}[]>([]);
  const counter = useRef(0);
  const registry = useRef<Registry>({
    register(priority, handler) {
      const entry = {priority, handler, order: counter.current++};
      layers.current.push(entry);
      layers.current.sort((a, b) => a.priority - b.priority || b.order - a.order);
      return () => {
        layers.current = layers.current.filter((l) => l !== entry);
      };
    },
  });
  useInput(
    (input, key) => {
      const event = keyEvent(input, key);
      for (const layer of [...layers.current]) if (layer.handler.current(event)) return;
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

// React contexts: the theme, the cockpit's services (session, clock, identity), the ticking clock and the screen size.
import {createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode} from 'react';
import type {Clock} from '../data/clock.js';
import type {Session} from '../data/session.js';
import type {Journal} from '../actions/journal.js';
import type {Identity} from '../actions/identity.js';
import type {ActionDefinition} from '../actions/definition.js';
import type {SizeStore, TerminalSize} from './terminal/terminal.js';
import type {ClockSpot} from './terminal/live-clock.js';
import {CockpitStore, type CockpitState} from './hooks/cockpit-store.js';
import {createTheme, type Theme} from './theme.js';

/** What the UI may use besides readings. */
export interface Cockpit {
  readonly session: Session;
  readonly clock: Clock;
  readonly wall: boolean;
  readonly journal: Journal;
  readonly identity: Identity;
  /** Journal alert transitions for the incident record (the real cockpit; tests opt in). Never in a read-only context. */
  readonly recordAlerts?: boolean;
  /** Context names from the configuration, for `:ctx`. */
  readonly contexts: readonly string[];
  switchContext(name: string): Promise<void>;
  quit(): void;
  /** Forces a full repaint (Ctrl-L). */
  repaint(): void;
  /** Sets the terminal's clipboard (OSC 52, written between frames); false when it could not be sent. */
  readonly copyToClipboard?: (text: string) => boolean;
  /** In the real terminal the screen paints the header clock itself (terminal/live-clock.ts). */
  readonly liveClock?: ClockSpot;
  /** The actions offered (src/actions/defs when absent). */
  readonly actions?: readonly ActionDefinition[];
}

const ThemeContext = createContext<Theme>(createTheme({color: true, ascii: false}));
const CockpitContext = createContext<Cockpit | undefined>(undefined);
const StoreContext = createContext<CockpitStore | undefined>(undefined);
const SizeContext = createContext<SizeStore>({get: () => ({columns: 80, rows: 24}), subscribe: () => () => undefined});

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export function useCockpit(): Cockpit {
  const cockpit = useContext(CockpitContext);
  if (!cockpit) throw new Error('useCockpit outside CockpitProvider');
  return cockpit;
}

/** Readings, freezes and the time, as one coalesced state. */
export function useCockpitState(): CockpitState {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpitState outside CockpitProvider');
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The current time, ticking once a second on the cockpit clock. */
export function useNow(): number {
  return useCockpitState().now;
}

export function useSize(): TerminalSize {
  const store = useContext(SizeContext);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Provides everything the cockpit's components read from context. */
export function CockpitProvider({
  cockpit,
  theme,
  size,
  children,
  coalesceMs,
}: {
  cockpit: Cockpit;
  theme: Theme;
  size: SizeStore;
  children: ReactNode;
  coalesceMs?: number;
}) {
  const store = useMemo(() => new CockpitStore(cockpit.session, cockpit.clock, coalesceMs), [cockpit.session, cockpit.clock, coalesceMs]);
  useEffect(() => () => store.dispose(), [store]);
  return (
    <ThemeContext.Provider value={theme}>
      <SizeContext.Provider value={size}>
        <CockpitContext.Provider value={cockpit}>
          <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
        </CockpitContext.Provider>
      </SizeContext.Provider>
    </ThemeContext.Provider>
  );
}

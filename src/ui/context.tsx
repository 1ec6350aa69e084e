// React contexts: the theme, the cockpit's services (session, clock, identity), the ticking clock and the screen size.
import {createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode} from 'react';
import type {Clock} from '../data/clock.js';
import type {Session} from '../data/session.js';
import type {Journal} from '../actions/journal.js';
import type {Identity} from '../actions/identity.js';
import type {SizeStore, TerminalSize} from './terminal/terminal.js';
import {createTheme, type Theme} from './theme.js';

/** What the UI may use besides readings. */
export interface Cockpit {
  readonly session: Session;
  readonly clock: Clock;
  readonly wall: boolean;
  readonly journal: Journal;
  readonly identity: Identity;
  /** Context names from the configuration, for `:ctx`. */
  readonly contexts: readonly string[];
  switchContext(name: string): Promise<void>;
  quit(): void;
  /** Forces a full repaint (Ctrl-L). */
  repaint(): void;
}

const ThemeContext = createContext<Theme>(createTheme({color: true, ascii: false}));
const CockpitContext = createContext<Cockpit | undefined>(undefined);
const NowContext = createContext<number>(0);
const SizeContext = createContext<SizeStore>({get: () => ({columns: 80, rows: 24}), subscribe: () => () => undefined});

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export function useCockpit(): Cockpit {
  const cockpit = useContext(CockpitContext);
  if (!cockpit) throw new Error('useCockpit outside CockpitProvider');
  return cockpit;
}

/** The current time, ticking once a second on the cockpit clock. */
export function useNow(): number {
  return useContext(NowContext);
}

export function useSize(): TerminalSize {
  const store = useContext(SizeContext);
  return useSyncExternalStore(store.subscribe, store.get);
}

function NowProvider({clock, children}: {clock: Clock; children: ReactNode}) {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    let handle = clock.setTimeout(function tick() {
      setNow(clock.now());
      handle = clock.setTimeout(tick, 1000 - (clock.now() % 1000) || 1000);
    }, 1000 - (clock.now() % 1000) || 1000);
    return () => clock.clearTimeout(handle);
  }, [clock]);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

/** Provides everything the cockpit's components read from context. */
export function CockpitProvider({cockpit, theme, size, children}: {cockpit: Cockpit; theme: Theme; size: SizeStore; children: ReactNode}) {
  return (
    <ThemeContext.Provider value={theme}>
      <SizeContext.Provider value={size}>
        <CockpitContext.Provider value={cockpit}>
          <NowProvider clock={cockpit.clock}>{children}</NowProvider>
        </CockpitContext.Provider>
      </SizeContext.Provider>
    </ThemeContext.Provider>
  );
}

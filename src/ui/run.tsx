// Starts the full-screen cockpit: terminal, session, Ink; switches contexts; gives the terminal back on exit.
import {render} from 'ink';
import {useState} from 'react';
import {Journal} from '../actions/journal.js';
import {currentIdentity} from '../actions/identity.js';
import type {Clock} from '../data/clock.js';
import {PANE_IDS} from '../data/readings/types.js';
import {createSession, type Session} from '../data/session.js';
import {App} from './app.js';
import {CockpitProvider, type Cockpit} from './context.js';
import {KeyboardProvider} from './keys/dispatcher.js';
import {LiveClock} from './terminal/live-clock.js';
import {osc52} from './terminal/osc52.js';
import {openTerminal} from './terminal/terminal.js';
import {createTheme} from './theme.js';
import {trace} from '../data/trace.js';
import type {ResolvedContext} from '../data/config/context.js';

export interface RunOptions {
  readonly context: ResolvedContext;
  readonly clock: Clock;
  readonly journalPath: string;
  readonly color: boolean;
  readonly ascii: boolean;
  readonly wall: boolean;
  readonly contexts: readonly string[];
  /** Resolves another context by name (`:ctx`). */
  readonly resolve: (name: string) => ResolvedContext;
}

/** Reads every pane once, waiting at most `ms`; slow sources simply show "loading…" first. */
async function primeSession(session: Session, ms: number): Promise<void> {
  const reads = PANE_IDS.flatMap((pane) => session.feeds[pane].entries.map((e) => e.poller.pollOnce()));
  await Promise.race([Promise.allSettled(reads), new Promise((r) => setTimeout(r, ms).unref())]);
}

/** Runs the cockpit until the person quits; resolves with the exit code. */
export async function runCockpit(options: RunOptions): Promise<number> {
  trace('ui loaded');
  const terminal = openTerminal({ascii: options.ascii});
  let session = await createSession(options.context, {clock: options.clock});
  trace('session created');
  // Fast sources (the demo, a nearby Prometheus) make the very first frame a complete one.
  await primeSession(session, 250);
  trace('session primed');
  session.start();
  const journal = new Journal(options.journalPath);
  const identity = currentIdentity();
  const theme = createTheme({color: options.color, ascii: options.ascii});
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  let swap: (s: Session) => void = () => undefined;

  const liveClock = new LiveClock(options.clock, (overlay) => terminal.screen.setOverlay(overlay));
  liveClock.start();
  const base = {
    clock: options.clock,
    liveClock,
    wall: options.wall,
    journal,
    identity,
    recordAlerts: true,
    contexts: options.contexts,
    quit: () => resolveExit(0),
    repaint: () => terminal.screen.invalidate(),
    copyToClipboard: (text: string) => {
      const sequence = osc52(text);
      return sequence !== undefined && terminal.screen.control(sequence);
    },
    async switchContext(name: string) {
      const next = await createSession(options.resolve(name), {clock: options.clock});
      const old = session;
      session = next;
      next.start();
      swap(next);
      await old.close();
    },
  };

  function Root() {
    const [current, setCurrent] = useState(session);
    swap = setCurrent;
    const cockpit: Cockpit = {...base, session: current};
    return (
      <CockpitProvider cockpit={cockpit} theme={theme} size={terminal.size}>
        <KeyboardProvider>
          <App key={current.context.name} />
        </KeyboardProvider>
      </CockpitProvider>
    );
  }

  trace('rendering');
  const ink = render(<Root />, {
    stdout: terminal.stream as unknown as NodeJS.WriteStream,
    stdin: process.stdin,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
    interactive: true,
    onRender: process.env.ATP_COCKPIT_TRACE ? ({renderTime}) => trace(`ink render ${renderTime.toFixed(1)} ms`) : undefined,
  });
  // Test hook: an uncaught error after N ms, to prove a crash still restores the terminal.
  const crashAfter = Number(process.env.ATP_COCKPIT_TEST_CRASH_MS);
  if (crashAfter > 0)
    setTimeout(() => {
      throw new Error('test crash (ATP_COCKPIT_TEST_CRASH_MS)');
    }, crashAfter);
  const code = await exited;
  liveClock.stop();
  ink.unmount();
  await session.close();
  terminal.restore();
  if (terminal.captured.length)
    process.stderr.write(`atp-cockpit: ${terminal.captured.length} diagnostic line(s) while running:\n${terminal.captured.slice(-20).join('\n')}\n`);
  return code;
}

// The cockpit rendered in-process exactly as `run.tsx` does (Ink → frame stream → cell-diffing screen),
// but into a TTY-like stream that counts bytes, with a scriptable stdin. For the benchmark.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink';
import {Journal} from '../src/actions/journal.js';
import type {Clock} from '../src/data/clock.js';
import {resolveContext} from '../src/data/config/context.js';
import {createSession, type Session} from '../src/data/session.js';
import type {Source} from '../src/data/sources/types.js';
import {App} from '../src/ui/app.js';
import {CockpitProvider, type Cockpit} from '../src/ui/context.js';
import {KeyboardProvider} from '../src/ui/keys/dispatcher.js';
import {FrameStream} from '../src/ui/terminal/frame-stream.js';
import {Screen} from '../src/ui/terminal/screen.js';
import {createTheme} from '../src/ui/theme.js';
import {TestStdin} from '../test/helpers/test-stdin.js';

/** Counts what reaches the "terminal". */
export class CountingOut {
  bytes = 0;
  writes = 0;
  readonly times: number[] = [];
  write = (data: string) => {
    this.bytes += Buffer.byteLength(data);
    this.writes++;
    this.times.push(performance.now());
    return true;
  };
}

export interface Harness {
  readonly out: CountingOut;
  readonly screen: Screen;
  readonly stdin: TestStdin;
  readonly session: Session;
  readonly renderTimes: number[];
  /** The last frame Ink built (with its colour codes). */
  lastFrame(): string;
  unmount(): Promise<void>;
}

export interface HarnessOptions {
  readonly columns: number;
  readonly rows: number;
  readonly clock: Clock;
  /** Synthetic source; the embedded demo when absent. */
  readonly source?: Source;
  readonly refreshSeconds?: number;
  readonly coalesceMs?: number;
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const context = resolveContext({}, {demo: 'calm', refreshSeconds: o.refreshSeconds ?? 1}, 'bench');
  const session = await createSession(context, {clock: o.clock, createSource: o.source ? async () => o.source! : undefined});
  session.start();
  const out = new CountingOut();
  const screen = new Screen(out, o.columns, o.rows, {minIntervalMs: 8});
  screen.enter();
  let last = '';
  const stream = new FrameStream({columns: o.columns, rows: o.rows}, (frame) => ((last = frame), screen.frame(frame)));
  const stdin = new TestStdin();
  const renderTimes: number[] = [];
  const cockpit: Cockpit = {
    session,
    clock: o.clock,
    wall: false,
    journal: new Journal(join(mkdtempSync(join(tmpdir(), 'atp-bench-')), 'journal.jsonl')),
    identity: {user: 'bench', host: 'bench'},
    contexts: [],
    switchContext: async () => undefined,
    quit: () => undefined,
    repaint: () => screen.invalidate(),
  };
  const size = {columns: o.columns, rows: o.rows};
  const ink = render(
    <CockpitProvider
      cockpit={cockpit}
      theme={createTheme({color: true, ascii: false})}
      size={{get: () => size, subscribe: () => () => undefined}}
      coalesceMs={o.coalesceMs}
    >
      <KeyboardProvider>
        <App />
      </KeyboardProvider>
    </CockpitProvider>,
    {
      stdout: stream as never,
      stdin: stdin as never,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
      interactive: true,
      onRender: ({renderTime}) => renderTimes.push(renderTime),
    },
  );
  return {
    out,
    screen,
    stdin,
    session,
    renderTimes,
    lastFrame: () => last,
    async unmount() {
      ink.unmount();
      await session.close();
    },
  };
}

/** Lets pending promises, immediates and short timers run. */
export async function settle(ms = 0): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

// Renders the whole cockpit (or any component) at a chosen terminal size, on a manual clock, for tests.
import {EventEmitter} from 'node:events';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink';
import type {ReactNode} from 'react';
import {Journal} from '../../src/actions/journal.js';
import {ManualClock} from '../../src/data/clock.js';
import {resolveContext, type ContextFlags} from '../../src/data/config/context.js';
import type {CockpitConfig} from '../../src/data/config/types.js';
import {createSession, type Session, type SessionOptions} from '../../src/data/session.js';
import {App} from '../../src/ui/app.js';
import {CockpitProvider, type Cockpit} from '../../src/ui/context.js';
import {KeyboardProvider} from '../../src/ui/keys/dispatcher.js';
import {createTheme} from '../../src/ui/theme.js';
import {TestStdin} from './test-stdin.js';

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** A TTY-like stdout of a fixed size that keeps the last frame. */
export class TestStdout extends EventEmitter {
  readonly isTTY = true;
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    // A mode switch Ink writes between frames (bracketed paste) is not a frame.
    if (frame !== '\n' && !frame.startsWith('\u001b[?2004')) this.frames.push(frame);
    return true;
  };
  lastFrame(): string {
    return this.rawFrame().replace(ANSI, '');
  }
  /** The last frame exactly as Ink wrote it (with its SGR colour codes). */
  rawFrame(): string {
    return this.frames[this.frames.length - 1] ?? '';
  }
}

/** Keys as a terminal sends them. */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  backspace: '\u007f',
} as const;

export {TestStdin};

/** Lets promises and timers queued by a render settle. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setImmediate(r));
}

/** Renders `node` at columns × rows with Ink's debug renderer. */
export function renderAt(node: ReactNode, columns = 120, rows = 40) {
  const stdout = new TestStdout(columns, rows);
  const stdin = new TestStdin();
  const instance = render(node, {stdout: stdout as never, stdin: stdin as never, debug: true, exitOnCtrlC: false, patchConsole: false, interactive: true});
  return {stdout, stdin, instance, lastFrame: () => stdout.lastFrame()};
}

export interface AppHarness {
  readonly clock: ManualClock;
  rawFrame(): string;
  readonly session: Session;
  readonly journal: Journal;
  lastFrame(): string;
  /** Types keys and lets the app settle. */
  press(...keys: string[]): Promise<void>;
  /** Advances the clock (pollers run) and lets the app settle. */
  tick(ms?: number): Promise<void>;
  waitFor(text: string | RegExp, steps?: number): Promise<string>;
  /** Waits until `check(frame)` holds. */
  waitUntil(check: (frame: string) => boolean, what?: string): Promise<string>;
  /** Pages down a scrolling view (help, a long account) until `text` is on screen; every frame on the way is returned. */
  scrollTo(text: string | RegExp, pages?: number): Promise<string[]>;
  quitCalls: number;
  /** What the cockpit copied to the clipboard (OSC 52 in a real terminal). */
  readonly clipboard: string[];
  unmount(): void;
}

export interface HarnessOptions {
  readonly flags?: ContextFlags;
  readonly config?: CockpitConfig;
  readonly columns?: number;
  readonly rows?: number;
  readonly wall?: boolean;
  readonly color?: boolean;
  readonly ascii?: boolean;
  readonly session?: Partial<SessionOptions>;
  /** The actions offered (the app's list when absent). */
  readonly actions?: Cockpit['actions'];
  /** Journal alert transitions as the real cockpit does (off by default, so journal assertions see only actions). */
  readonly recordAlerts?: boolean;
}

/** The full cockpit on the demo (or `config`), a manual clock, a temporary journal. */
export async function renderCockpit(options: HarnessOptions = {}): Promise<AppHarness> {
  const clock = new ManualClock();
  const context = resolveContext(options.config ?? {}, options.flags ?? {demo: 'calm'}, 'test-config.json');
  const session = await createSession(context, {clock, ...options.session});
  session.start();
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'atp-journal-')), 'journal.jsonl'), () => clock.now());
  const harness = {quitCalls: 0, clipboard: []} as unknown as AppHarness & {quitCalls: number; clipboard: string[]};
  const cockpit: Cockpit = {
    session,
    clock,
    wall: options.wall ?? false,
    journal,
    identity: {user: 'tester', host: 'testhost'},
    recordAlerts: options.recordAlerts,
    contexts: Object.keys(options.config?.contexts ?? {}),
    switchContext: async () => undefined,
    quit: () => {
      harness.quitCalls++;
    },
    repaint: () => undefined,
    actions: options.actions,
    copyToClipboard: (text) => {
      harness.clipboard.push(text);
      return true;
    },
  };
  const size = {columns: options.columns ?? 120, rows: options.rows ?? 40};
  const {stdin, instance, lastFrame, stdout} = renderAt(
    <CockpitProvider
      coalesceMs={0}
      cockpit={cockpit}
      theme={createTheme({color: options.color ?? true, ascii: options.ascii ?? false})}
      size={{get: () => size, subscribe: () => () => undefined}}
    >
      <KeyboardProvider>
        <App />
      </KeyboardProvider>
    </CockpitProvider>,
    size.columns,
    size.rows,
  );
  await flush(20);
  Object.assign(harness, {
    clock,
    session,
    journal,
    lastFrame,
    rawFrame: () => stdout.rawFrame(),
    async press(...keys: string[]) {
      for (const k of keys) {
        stdin.write(k);
        await flush(10);
      }
    },
    async tick(ms = 1000) {
      clock.advance(ms);
      await flush(20);
    },
    async waitFor(text: string | RegExp, steps = 50) {
      for (let i = 0; i < steps; i++) {
        const frame = lastFrame();
        if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) return frame;
        await flush(5);
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`"${String(text)}" not on screen:\n${lastFrame()}`);
    },
    async waitUntil(check: (frame: string) => boolean, what = 'condition') {
      for (let i = 0; i < 50; i++) {
        if (check(lastFrame())) return lastFrame();
        await flush(5);
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`${what} never held; screen:\n${lastFrame()}`);
    },
    async scrollTo(text: string | RegExp, pages = 20) {
      const has = (f: string) => (typeof text === 'string' ? f.includes(text) : text.test(f));
      const frames = [lastFrame()];
      for (let i = 0; i < pages && !has(frames.at(-1)!); i++) {
        stdin.write('\u001b[6~'); // PgDn, as a terminal sends it
        await flush(10);
        await new Promise((r) => setTimeout(r, 20));
        frames.push(lastFrame());
      }
      if (!has(frames.at(-1)!)) throw new Error(`"${String(text)}" not reached by paging down:\n${lastFrame()}`);
      return frames;
    },
    unmount() {
      instance.unmount();
      void session.close();
    },
  });
  return harness;
}

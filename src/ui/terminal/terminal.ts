// Takes over the real terminal for the cockpit and guarantees it is given back: on quit, crash, SIGTERM, SIGHUP.
import {FrameStream} from './frame-stream.js';
import {Screen} from './screen.js';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** A subscribable terminal size, settled after resize bursts. */
export interface SizeStore {
  get(): TerminalSize;
  subscribe(listener: () => void): () => void;
}

export interface Terminal {
  readonly stream: FrameStream;
  readonly screen: Screen;
  readonly size: SizeStore;
  /** Gives the terminal back: main screen, cursor, echo. Idempotent. */
  restore(): void;
  /** Lines written to stderr or the console while the screen was ours. */
  readonly captured: string[];
}

interface TtyOut extends NodeJS.WriteStream {
  columns: number;
  rows: number;
}

export interface TerminalOptions {
  readonly stdout?: TtyOut;
  readonly stdin?: NodeJS.ReadStream;
  /** Resize events closer together than this become one layout. */
  readonly resizeSettleMs?: number;
  readonly sync?: boolean;
  /** `--ascii`: nothing but ASCII reaches the terminal. */
  readonly ascii?: boolean;
}

const SIGNALS = {SIGTERM: 15, SIGHUP: 1, SIGINT: 2, SIGQUIT: 3} as const;
const MAX_CAPTURED = 200;

/** Opens the alternate screen and wires every way out to a full restore. */
export function openTerminal(options: TerminalOptions = {}): Terminal {
  const stdout = options.stdout ?? (process.stdout as TtyOut);
  const stdin = options.stdin ?? process.stdin;
  let size: TerminalSize = {columns: stdout.columns || 80, rows: stdout.rows || 24};
  const listeners = new Set<() => void>();
  const captured: string[] = [];
  let restored = false;

  const write = (data: string) => {
    try {
      return realWrite(data);
    } catch {
      // The terminal may be gone (SSH drop): nothing left to paint.
      return false;
    }
  };
  const realWrite = stdout.write.bind(stdout) as (data: string) => boolean;
  stdout.on('error', () => undefined);
  const screen = new Screen({write}, size.columns, size.rows, {sync: options.sync ?? true, minIntervalMs: 8, ascii: options.ascii});
  const stream = new FrameStream(
    size,
    (frame) => screen.frame(frame),
    (data) => screen.control(data),
  );

  // Anything else writing to the terminal would tear the frame: keep it until we leave.
  const realStderrWrite = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    for (const line of text.split('\n')) if (line.trim()) captured.push(line);
    if (captured.length > MAX_CAPTURED) captured.splice(0, captured.length - MAX_CAPTURED);
    return true;
  };
  process.stderr.write = capture as typeof process.stderr.write;
  /* eslint-disable no-console -- the console is redirected while the screen is ours, and restored after */
  const realConsole = {log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug};
  for (const name of Object.keys(realConsole) as (keyof typeof realConsole)[]) {
    console[name] = (...args: unknown[]) => capture(`${args.map(String).join(' ')}\n`);
  }
  /* eslint-enable no-console */

  let settle: NodeJS.Timeout | undefined;
  const onResize = () => {
    screen.hold();
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = undefined;
      // Ask the terminal itself (ioctl) rather than Node's cached size: during a burst the cache can lag.
      const [columns, rows] = typeof stdout.getWindowSize === 'function' ? stdout.getWindowSize() : [stdout.columns, stdout.rows];
      const next = {columns: columns || size.columns, rows: rows || size.rows};
      const changed = next.columns !== size.columns || next.rows !== size.rows;
      size = next;
      // Always repaint in full: frames may have been cut or scrolled while the size was changing.
      screen.resize(next.columns, next.rows);
      if (!changed) return;
      stream.resize(next.columns, next.rows);
      for (const l of listeners) l();
    }, options.resizeSettleMs ?? 40);
  };
  stdout.on('resize', onResize);

  const restore = () => {
    if (restored) return;
    restored = true;
    if (settle) clearTimeout(settle);
    stdout.off('resize', onResize);
    screen.flush();
    screen.leave();
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    process.stderr.write = realStderrWrite as typeof process.stderr.write;
    Object.assign(console, realConsole);
  };

  const onSignal = (signal: keyof typeof SIGNALS) => () => {
    restore();
    process.exit(128 + SIGNALS[signal]);
  };
  for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.once(signal, onSignal(signal));
  const onCrash = (error: unknown) => {
    restore();
    process.stderr.write(`atp-cockpit crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  };
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  process.once('exit', restore);

  screen.enter();
  return {
    stream,
    screen,
    captured,
    restore,
    size: {
      get: () => size,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
  };
}

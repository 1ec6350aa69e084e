// A real terminal for end-to-end tests: tmux on a private socket, send-keys to type, capture-pane to read.
// The program runs under in-terminal.sh, which prints `[exited N]` and `stty -a` when it ends.
import {execFile, execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
const WRAPPER = join(import.meta.dirname, 'in-terminal.sh');

/** True when tmux is installed. Under CI=true a missing tmux fails the test file instead of skipping it. */
export function requireTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], {stdio: 'ignore'});
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('tmux is required for the real-terminal tests (apt-get install tmux)');
    process.stderr.write('\n*** tmux is not installed: SKIPPING the real-terminal tests ***\n\n');
    return false;
  }
}

export interface StartOptions {
  readonly columns?: number;
  readonly rows?: number;
  /** Extra environment for the program (TERM is xterm-256color). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

type Expect = string | RegExp | ((screen: string) => boolean);
let sessions = 0;

/** One program in a detached tmux session on its own server socket. */
export class Tmux {
  private readonly socket = `atp-e2e-${process.pid}-${++sessions}`;
  private readonly target = 'cockpit';

  private tmux(...args: string[]) {
    return run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args]);
  }

  /** Starts `argv` (no shell string) in a terminal of the given size (default 120x40). */
  async start(argv: readonly string[], options: StartOptions = {}): Promise<void> {
    const env = Object.entries({TERM: 'xterm-256color', ...options.env}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const size = ['-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40)];
    await this.tmux('new-session', '-d', '-s', this.target, ...size, ...(options.cwd ? ['-c', options.cwd] : []), ...env, 'sh', WRAPPER, ...argv);
    await this.tmux('set-option', '-t', this.target, 'remain-on-exit', 'on');
  }

  /** The screen as a person sees it (wrapped lines joined). */
  async screen(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-J', '-t', this.target)).stdout;
  }

  /** A tmux format of the pane, e.g. `#{alternate_on}` or `#{pane_title}`. */
  async format(format: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', this.target, format)).stdout.replace(/\n$/, '');
  }

  /** Sends tmux key names (Enter, Escape, Tab, Up, C-c, or single characters). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux('send-keys', '-t', this.target, k);
  }

  /** Types text literally. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.target, '-x', String(columns), '-y', String(rows));
  }

  /** The program's pid (the wrapper shell's child). */
  async programPid(): Promise<number> {
    const shell = Number(await this.format('#{pane_pid}'));
    const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', String(shell)]);
    const pid = Number(stdout.trim().split(/\s+/)[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no program under pane pid ${shell}`);
    return pid;
  }

  /** Polls the screen every 100 ms until it shows `expected`; throws with the last screen after `ms`. */
  async waitFor(expected: Expect, ms = 15_000): Promise<string> {
    const ok = typeof expected === 'function' ? expected : (s: string) => (typeof expected === 'string' ? s.includes(expected) : expected.test(s));
    const deadline = Date.now() + ms;
    let screen: string;
    for (;;) {
      screen = await this.screen().catch((e: unknown) => `(no screen: ${String(e)})`);
      if (ok(screen)) {
        // Let the frame settle (e.g. the wrapper's stty line right after `[exited N]`), then return the newest.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const settled = await this.screen().catch(() => screen);
        return ok(settled) ? settled : screen;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s waiting for ${String(expected)}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ends the session and its tmux server. */
  async stop(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

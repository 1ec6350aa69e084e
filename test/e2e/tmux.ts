// Drives a real terminal (tmux) for end-to-end tests: start a command, type keys, read the screen and state.
import {execFile, execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);
const IN_TERMINAL = fileURLToPath(new URL('./in-terminal.sh', import.meta.url));

/** Whether tmux is installed. */
export const HAVE_TMUX = (() => {
  try {
    execFileSync('tmux', ['-V'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

/** Fails under CI when tmux is missing (.ci/run installs it); elsewhere the caller may skip. */
export function requireTmux(): boolean {
  if (!HAVE_TMUX && process.env.CI === 'true') throw new Error('tmux is required for the end-to-end tests (apt-get install tmux)');
  if (!HAVE_TMUX) console.warn('SKIPPED: tmux is not installed; end-to-end terminal tests did not run');
  return HAVE_TMUX;
}

/** Size, extra environment and working directory of the terminal's program. */
export interface StartOptions {
  readonly columns?: number;
  readonly rows?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** One program in a detached tmux session on its own server socket. */
export class Tmux {
  private readonly socket = `atp-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'cockpit';

  private tmux(...args: string[]) {
    return run('tmux', ['-L', this.socket, ...args], {env: {...process.env, TMUX: ''}});
  }

  /** Starts `argv` in a fresh terminal of the given size; after it exits the pane shows `[exited N]` and `stty -a`. */
  async start(argv: readonly string[], opts: StartOptions = {}): Promise<void> {
    const env = Object.entries({TERM: 'xterm-256color', ...opts.env}).map(([k, v]) => `${k}=${v}`);
    const cwd = opts.cwd ? ['-c', opts.cwd] : [];
    // tmux runs an argument vector directly; in-terminal.sh reports the exit code and `stty -a` afterwards.
    await this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      String(opts.columns ?? 120),
      '-y',
      String(opts.rows ?? 40),
      ...cwd,
      IN_TERMINAL,
      'env',
      '-u',
      'CI',
      ...env,
      ...argv,
    );
    await this.tmux('set-option', '-t', this.session, 'remain-on-exit', 'on');
  }

  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux('send-keys', '-t', this.session, k);
  }

  /** Sends keys in one tmux command, so they reach the program in one read (as over a slow SSH link). */
  async keysTogether(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.session, ...keys);
  }

  /** Sends text literally (no key-name lookup). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** The screen as a person sees it (lines the terminal wrapped are joined). */
  async screen(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-J', '-t', this.session)).stdout;
  }

  /** The screen with its SGR escapes (`capture-pane -e`): to tell bold, inverse and colour apart. */
  async styledScreen(): Promise<string> {
    return (await this.tmux('capture-pane', '-p', '-e', '-t', this.session)).stdout;
  }

  /** A tmux format value for the pane, e.g. `#{alternate_on}`, `#{cursor_flag}`, `#{pane_title}`. */
  async format(fmt: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', this.session, fmt)).stdout.trim();
  }

  /** Sets a global option of this tmux server, e.g. `set-clipboard on`. */
  async setGlobal(option: string, value: string): Promise<void> {
    await this.tmux('set-option', '-g', option, value);
  }

  /** The newest paste buffer (where OSC 52 lands with `set-clipboard on`), or undefined when there is none. */
  async buffer(): Promise<string | undefined> {
    return this.tmux('show-buffer').then(
      (r) => r.stdout,
      () => undefined,
    );
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.session, '-x', String(columns), '-y', String(rows));
  }

  /** The pid of the program started in the pane (the child of tmux's shell). */
  async programPid(): Promise<number> {
    const shell = await this.format('#{pane_pid}');
    const {stdout} = await run('pgrep', ['-P', shell]).catch(() => ({stdout: ''}));
    const pids = stdout
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((p) => p > 0);
    if (pids.length === 0) throw new Error('no program running in the pane');
    return pids[0]!;
  }

  /** Waits until `check(screen)` holds, then lets the frame settle; fails with the screen it saw. */
  async waitFor(check: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test = typeof check === 'function' ? check : (s: string) => (typeof check === 'string' ? s.includes(check) : check.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (test(last)) {
        // e.g. in-terminal.sh prints `stty -a` right after `[exited N]`: return the newest screen that still passes.
        await new Promise((r) => setTimeout(r, 150));
        const settled = await this.screen().catch(() => last);
        return test(settled) ? settled : last;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(check)}; screen was:\n${last}`);
  }

  async stop(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

// Runs a CommonJS script through vm.Script with a V8 code cache made after it has run (docs/performance.md, "What
// makes the figures"). Node's own compile cache is made when a module is compiled, before it runs, so it holds only
// the functions V8 compiles eagerly; a cache made once the program has run holds every function the first frame
// called. The cache is kept per build (`stamp`) and per kind of run, written once, and rewritten only when V8
// rejects it (a new Node, other flags). Used by the launcher's entry (src/start.ts) and the single executable (src/sea-main.ts).
import {appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import vm from 'node:vm';

/** Words and flags that make a run something other than the cockpit (src/cli/args.ts). */
const NOT_THE_COCKPIT = new Set(['status', 'contexts', 'config', 'journal', 'simulate', 'help', '--help', '-h', '--version', '-V']);
/** Late enough that the first frame and its first refresh have run; a run that ends sooner saves on exit. */
const SAVE_AFTER_MS = 2_000;

/** The kind of run argv asks for: the cockpit, or a one-shot command (they run different code). */
export function roleOf(argv: readonly string[]): 'cockpit' | 'command' {
  return argv.some((a) => NOT_THE_COCKPIT.has(a)) ? 'command' : 'cockpit';
}

/** Same root as the launcher's compile cache: $XDG_CACHE_HOME or ~/.cache. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || tmpdir(), '.cache'), 'atp-cockpit', 'code');
}

/** One script: its source, the file name stack traces show, and the name of its cache file. */
export interface CachedScript {
  readonly source: string;
  readonly filename: string;
  /** Cache files of the same prefix belong to older builds and are removed when this one is written. */
  readonly prefix: string;
  /** Identifies this build of the script (e.g. `v22.23.3-SIZE-MTIME`); part of the file name. */
  readonly stamp: string;
}

export type CommonJsWrapper = (exports: object, require: (id: string) => unknown, module: {exports: object}, filename: string, dirname: string) => void;

/** Compiles `script` with its cache (saving one after the run when there was none or V8 rejected it). */
export function compileWithCodeCache(script: CachedScript, env: NodeJS.ProcessEnv = process.env): CommonJsWrapper {
  const dir = cacheDir(env);
  const name = `${script.prefix}${script.stamp}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(dir, name));
  } catch {
    // the first run of this build (or no cache directory): compiled from source, saved below
  }
  const compiled = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${script.source}\n})`, {
    filename: script.filename,
    cachedData,
    // The bundle has no import() (scripts/startup.mjs turns them into requires); should one appear, it still loads
    // (Node then warns that this loader option is experimental, and the test of the Azure credential path fails).
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const state = !cachedData ? 'miss' : compiled.cachedDataRejected ? 'rejected' : 'hit';
  // Start-up tracing (src/data/trace.ts): whether the cache served this start.
  if (env.ATP_COCKPIT_TRACE) appendFileSync(env.ATP_COCKPIT_TRACE, `${performance.now().toFixed(1)} code cache ${state}\n`);
  if (state !== 'hit') saveLater(compiled, dir, name, script.prefix);
  return compiled.runInThisContext() as CommonJsWrapper;
}

function saveLater(compiled: vm.Script, dir: string, name: string, prefix: string): void {
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      mkdirSync(dir, {recursive: true, mode: 0o700});
      const temporary = join(dir, `${name}.${process.pid}.tmp`);
      writeFileSync(temporary, compiled.createCachedData(), {mode: 0o600});
      renameSync(temporary, join(dir, name));
      for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name) rmSync(join(dir, old), {force: true});
    } catch {
      // The cache only saves time: an unwritable directory must not fail the program.
    }
  };
  setTimeout(save, SAVE_AFTER_MS).unref();
  process.once('exit', save);
}

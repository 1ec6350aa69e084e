// The bundle's entry (dist/main.js): runs the program (dist/app.cjs) with a V8 code cache made after it has run.
// Node's own compile cache is made when a module is compiled, before it runs, so it holds only the functions V8
// compiles eagerly, and every function the first frame calls is parsed and compiled again at every start. A cache
// made once the program has run holds them (docs/performance.md, "What makes the figures"). It is kept per build and per kind of run (the
// cockpit, or a one-shot command), written once, and rewritten only when V8 rejects it (a new Node, other flags).
import {appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

const APP = fileURLToPath(new URL('./app.cjs', import.meta.url));
/** Words and flags that make a run something other than the cockpit (src/cli/args.ts). */
const NOT_THE_COCKPIT = new Set(['status', 'contexts', 'config', 'journal', 'simulate', 'help', '--help', '-h', '--version', '-V']);
/** Late enough that the first frame and its first refresh have run; a run that ends sooner saves on exit. */
const SAVE_AFTER_MS = 2_000;

/** Same root as the launcher's compile cache: $XDG_CACHE_HOME or ~/.cache. */
function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || tmpdir(), '.cache'), 'atp-cockpit', 'code');
}

const role = process.argv.slice(2).some((a) => NOT_THE_COCKPIT.has(a)) ? 'command' : 'cockpit';
const stat = statSync(APP);
const dir = cacheDir(process.env);
const prefix = `app-${role}-`;
const name = `${prefix}${process.version}-${stat.size}-${Math.round(stat.mtimeMs)}.v8`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(join(dir, name));
} catch {
  // the first run of this build (or no cache directory): compiled from source, saved below
}

const source = readFileSync(APP, 'utf8');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: APP,
  cachedData,
  // The bundle has no import() (scripts/startup.mjs turns them into requires); should one appear, it still loads
  // (Node then warns that this loader option is experimental, and the test of the Azure credential path fails).
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

const state = !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
// Start-up tracing (src/data/trace.ts): whether the cache served this start.
if (process.env.ATP_COCKPIT_TRACE) appendFileSync(process.env.ATP_COCKPIT_TRACE, `${performance.now().toFixed(1)} code cache ${state}\n`);

if (state !== 'hit') {
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      mkdirSync(dir, {recursive: true, mode: 0o700});
      const temporary = join(dir, `${name}.${process.pid}.tmp`);
      writeFileSync(temporary, script.createCachedData(), {mode: 0o600});
      renameSync(temporary, join(dir, name));
      for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name) rmSync(join(dir, old), {force: true});
    } catch {
      // The cache only saves time: an unwritable directory must not fail the program.
    }
  };
  setTimeout(save, SAVE_AFTER_MS).unref();
  process.once('exit', save);
}

const module = {exports: {} as {main?: () => Promise<void>}};
const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
wrapper(module.exports, createRequire(APP), module, APP, dirname(APP));
if (!module.exports.main) throw new Error(`${APP} exports no main`);
await module.exports.main();

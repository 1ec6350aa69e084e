// What `--version` prints: the program's version and the commit it was built from (set by the bundler,
// scripts/build-info.mjs), and the Node running it: the one inside the single executable, or the launcher's.
import {readFileSync} from 'node:fs';

/** Set by esbuild's `define` in every build of dist/app.cjs; absent when run from the sources. */
declare const ATP_COCKPIT_BUILD: {readonly version: string; readonly commit: string} | undefined;

interface BuildInfo {
  readonly version: string;
  readonly commit: string;
}

function fromSources(): BuildInfo {
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
  return {version, commit: 'none (run from the sources)'};
}

/** Whether this process is the single executable (node:sea exists from Node 20.12/21.7). */
function insideExecutable(): boolean {
  try {
    return (process.getBuiltinModule('node:sea') as {isSea(): boolean} | undefined)?.isSea() ?? false;
  } catch {
    return false;
  }
}

/** One line: `atp-cockpit 0.1.0 (commit 0123abcd4567; Node v22.23.3 inside this executable)`. */
export function versionLine(): string {
  const build = typeof ATP_COCKPIT_BUILD === 'undefined' ? fromSources() : ATP_COCKPIT_BUILD;
  const node = insideExecutable() ? `Node ${process.version} inside this executable` : `Node ${process.version} at ${process.execPath}`;
  return `atp-cockpit ${build.version} (commit ${build.commit}; ${node})`;
}

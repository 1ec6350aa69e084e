// The program's version (package.json) and the commit it is built from, for `--version` (src/build-info.ts).
// The commit is the checkout's HEAD, marked `-dirty` when tracked files differ from it; `unknown` without git.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const root = new URL('..', import.meta.url);

function git(args) {
  return execFileSync('git', args, {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
}

/** {version, commit} of the checkout being built. */
export function buildInfo() {
  const {version} = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  let commit = 'unknown';
  try {
    commit = git(['rev-parse', '--short=12', 'HEAD']);
    if (git(['status', '--porcelain', '--untracked-files=no']) !== '') commit += '-dirty';
  } catch {
    // not a git checkout (e.g. a source archive): the commit stays unknown
  }
  return {version, commit};
}

/** esbuild `define` entries that set it. */
export const buildInfoDefine = () => ({ATP_COCKPIT_BUILD: JSON.stringify(buildInfo())});

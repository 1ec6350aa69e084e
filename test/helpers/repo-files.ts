// The repository's own code files, found by walking the tree (the package's tarball has no .git): sources, scripts,
// tests, benches and the launcher, without recorded fixtures, bench results or installed packages.
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

const SKIPPED_DIRS = new Set(['fixtures', 'results', 'node_modules']);
const CODE_FILE = /\.(ts|tsx|mjs|js|sh|yml|yaml|py)$|^[^.]+$/;

/** Every code file under `dir` (TypeScript, JavaScript, shell, YAML, Python, and extensionless scripts). */
export function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : codeFiles(path);
    return CODE_FILE.test(name) ? [path] : [];
  });
}

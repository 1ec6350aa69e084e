// `npm run docs:keys`: rewrites docs/keys.md and the README's keys table from the keymap.
// `--check` only reports whether they are up to date (exit 1 when not).
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {keysReference, withReadmeKeys} from './docs-keys-lib.js';

const ROOT = join(import.meta.dirname, '..');
const files: ReadonlyArray<readonly [string, (old: string) => string]> = [
  [join(ROOT, 'docs', 'keys.md'), () => keysReference()],
  [join(ROOT, 'README.md'), (old) => withReadmeKeys(old)],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, make] of files) {
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // a missing file is written (or reported) like a stale one
  }
  const next = make(old);
  if (next === old) continue;
  stale++;
  if (check) console.log(`out of date: ${file}`);
  else writeFileSync(file, next);
}
if (check && stale) process.exit(1);
console.log(check ? 'keys docs up to date' : `keys docs: ${stale} file(s) rewritten`);

// The bundle's entry (dist/main.js): runs the program (dist/app.cjs) with a V8 code cache made after it has run
// (src/code-cache.ts), one per build of dist/app.cjs and per kind of run.
import {readFileSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {compileWithCodeCache, roleOf} from './code-cache.js';

const APP = fileURLToPath(new URL('./app.cjs', import.meta.url));

const stat = statSync(APP);
const wrapper = compileWithCodeCache({
  source: readFileSync(APP, 'utf8'),
  filename: APP,
  prefix: `app-${roleOf(process.argv.slice(2))}-`,
  stamp: `${process.version}-${stat.size}-${Math.round(stat.mtimeMs)}`,
});
const module = {exports: {} as {main?: () => Promise<void>}};
wrapper(module.exports, createRequire(APP), module, APP, dirname(APP));
if (!module.exports.main) throw new Error(`${APP} exports no main`);
await module.exports.main();

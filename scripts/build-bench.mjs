// Bundles the benchmark like the app (scripts/bundle-options.mjs) into `outdir` (default .tmp/bench/), without the
// drop-ins in `off` (scripts/bench.mjs builds one per switch).
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {bundleOptions} from './bundle-options.mjs';

/** bench/run.ts and bench/child.tsx as run.js and child.js in `outdir`. */
export async function buildBench(outdir, off = new Set(), on = new Set()) {
  rmSync(outdir, {recursive: true, force: true});
  await build({...bundleOptions(off, on), entryPoints: ['bench/run.ts', 'bench/child.tsx'], outdir});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBench(fileURLToPath(new URL('../.tmp/bench', import.meta.url)));

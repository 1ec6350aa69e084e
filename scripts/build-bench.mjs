// Bundles the benchmark like the app (scripts/bundle-options.mjs) into .tmp/bench/.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {bundleOptions} from './bundle-options.mjs';

rmSync(new URL('../.tmp/bench', import.meta.url), {recursive: true, force: true});
await build({...bundleOptions, entryPoints: ['bench/run.ts', 'bench/child.tsx'], outdir: '.tmp/bench'});

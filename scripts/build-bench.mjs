// Bundles the benchmark like the app (scripts/bundle-options.mjs) into .tmp/bench/.
import {build} from 'esbuild';
import {bundleOptions} from './bundle-options.mjs';

await build({...bundleOptions, entryPoints: ['bench/run.ts', 'bench/child.tsx'], outdir: '.tmp/bench'});

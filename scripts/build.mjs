// Bundles the cockpit into dist/ with esbuild: the program as one CommonJS script (dist/app.cjs) and the entry
// that runs it with a code cache (dist/main.js, from src/start.ts). Backends load lazily inside the program, so
// the demo starts without loading the Kubernetes or Azure SDKs.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {buildInfoDefine} from './build-info.mjs';
import {appBundleOptions} from './bundle-options.mjs';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
const define = {...appBundleOptions.define, ...buildInfoDefine()};
await build({...appBundleOptions, define, entryPoints: {app: 'src/app.ts'}, outdir: 'dist', outExtension: {'.js': '.cjs'}, sourcemap: 'linked', legalComments: 'none'});
await build({entryPoints: {main: 'src/start.ts'}, outdir: 'dist', bundle: true, format: 'esm', platform: 'node', target: 'node22', minify: true, logLevel: 'warning'});

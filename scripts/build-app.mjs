// Builds the app bundle into `outdir` (dist/ for the app; the bench builds variants without some drop-ins).
import {build} from 'esbuild';
import {buildInfoDefine} from './build-info.mjs';
import {appBundleOptions} from './bundle-options.mjs';

/** dist/app.cjs (the program) and dist/main.js (its entry, src/start.ts) in `outdir`, with the drop-ins not `off`. */
export async function buildApp(outdir, off = new Set(), on = new Set()) {
  const options = appBundleOptions(off, on);
  // The version, commit and Node inside, for --version (scripts/build-info.mjs).
  const define = {...options.define, ...buildInfoDefine()};
  await build({...options, define, entryPoints: {app: 'src/app.ts'}, outdir, outExtension: {'.js': '.cjs'}, sourcemap: 'linked', legalComments: 'none'});
  await build({
    entryPoints: {main: 'src/start.ts'},
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    logLevel: 'warning',
  });
}

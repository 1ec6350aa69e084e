// Bundles the cockpit into dist/ with esbuild: one ESM entry plus lazily loaded chunks per backend,
// so the demo starts without loading the Kubernetes or Azure SDKs.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {bundleOptions} from './bundle-options.mjs';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
  ...bundleOptions,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  sourcemap: 'linked',
  legalComments: 'none',
});

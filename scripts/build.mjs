// Bundles the cockpit into dist/ with esbuild: one ESM entry plus lazily loaded chunks per backend,
// so the demo starts without loading the Kubernetes or Azure SDKs.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {dropInAliases, inkDropIns} from './drop-ins.mjs';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  // React and Ink in production mode: development React is several times slower.
  define: {'process.env.NODE_ENV': '"production"'},
  // Drop-ins for hot spots of Ink's pipeline (scripts/drop-ins.mjs).
  alias: dropInAliases,
  logLevel: 'warning',
  plugins: [inkDropIns],
  // The SDKs stay in node_modules: they are large, load only when their source is configured, and some use dynamic requires.
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
  banner: {js: "import {createRequire as __cockpitRequire} from 'node:module'; const require = __cockpitRequire(import.meta.url);"},
});

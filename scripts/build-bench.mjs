// Bundles the benchmark like the app (production React, the same string-width drop-in) into .tmp/bench/.
import {build} from 'esbuild';

await build({
  entryPoints: ['bench/run.ts', 'bench/child.tsx'],
  outdir: '.tmp/bench',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  define: {'process.env.NODE_ENV': '"production"'},
  alias: {'string-width': './src/ui/terminal/fast-string-width.ts', '@alcalzone/ansi-tokenize': './src/ui/terminal/fast-ansi-tokenize.ts'},
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
  banner: {js: "import {createRequire as __cockpitRequire} from 'node:module'; const require = __cockpitRequire(import.meta.url);"},
});

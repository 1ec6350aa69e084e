// Bundles the benchmark like the app (production React, the same string-width drop-in) into .tmp/bench/.
import {build} from 'esbuild';
import {dropInAliases, inkDropIns} from './drop-ins.mjs';


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
  plugins: [inkDropIns],
  define: {'process.env.NODE_ENV': '"production"'},
  alias: dropInAliases,
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
  banner: {js: "import {createRequire as __cockpitRequire} from 'node:module'; const require = __cockpitRequire(import.meta.url);"},
});

// Bundles the benchmark like the app (production React, the same string-width drop-in) into .tmp/bench/.
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

/** Ink's internal frame builder → the cockpit's drop-in (src/ui/terminal/fast-output.ts; same cells, far less garbage). */
const inkOutput = {
  name: 'ink-output',
  setup(b) {
    const replacement = fileURLToPath(new URL('../src/ui/terminal/fast-output.ts', import.meta.url));
    b.onResolve({filter: /^\.\/output\.js$/}, (args) => (/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: replacement} : undefined));
  },
};

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
  plugins: [inkOutput],
  define: {'process.env.NODE_ENV': '"production"'},
  alias: {'string-width': './src/ui/terminal/fast-string-width.ts', '@alcalzone/ansi-tokenize': './src/ui/terminal/fast-ansi-tokenize.ts'},
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
  banner: {js: "import {createRequire as __cockpitRequire} from 'node:module'; const require = __cockpitRequire(import.meta.url);"},
});

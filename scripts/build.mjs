// Bundles the cockpit into dist/ with esbuild: one ESM entry plus lazily loaded chunks per backend,
// so the demo starts without loading the Kubernetes or Azure SDKs.
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
import {rmSync} from 'node:fs';

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
  // Ink measures every character with string-width; the cockpit's drop-in caches per grapheme (same results).
  alias: {'string-width': './src/ui/terminal/fast-string-width.ts', '@alcalzone/ansi-tokenize': './src/ui/terminal/fast-ansi-tokenize.ts'},
  logLevel: 'warning',
  plugins: [inkOutput],
  // The SDKs stay in node_modules: they are large, load only when their source is configured, and some use dynamic requires.
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
  banner: {js: "import {createRequire as __cockpitRequire} from 'node:module'; const require = __cockpitRequire(import.meta.url);"},
});

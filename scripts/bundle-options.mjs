// The esbuild options the app bundle (scripts/build.mjs) and the benchmark bundle (scripts/build-bench.mjs) share:
// production React, the drop-ins for Ink's hot spots, and the start-up deferrals.
import {dropInAliases, inkDropIns} from './drop-ins.mjs';
import {startupOptions} from './startup.mjs';

export const bundleOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // React and Ink in production mode: development React is several times slower.
  define: {'process.env.NODE_ENV': '"production"', ...startupOptions.define},
  // Drop-ins for hot spots of Ink's pipeline (scripts/drop-ins.mjs).
  alias: dropInAliases,
  plugins: [inkDropIns, ...startupOptions.plugins],
  inject: startupOptions.inject,
  banner: startupOptions.banner,
  // The SDKs stay in node_modules: they are large, load only when their source is configured, and some use dynamic requires.
  external: ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'],
};

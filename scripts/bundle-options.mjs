// The esbuild options of the app bundle (scripts/build.mjs) and the benchmark bundle (scripts/build-bench.mjs):
// production React, the drop-ins for Ink's hot spots, and the start-up deferrals.
import {dropInAliases, inkDropIns} from './drop-ins.mjs';
import {bundleRequire, lazyExternalRequire, startupOptions, withoutTopLevelAwait} from './startup.mjs';

const external = ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'];

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // Drop-ins for hot spots of Ink's pipeline (scripts/drop-ins.mjs).
  alias: dropInAliases,
  inject: startupOptions.inject,
  // The SDKs stay in node_modules: they are large, load only when their source is configured, and some use dynamic requires.
  external,
};
// React and Ink in production mode: development React is several times slower.
const define = {'process.env.NODE_ENV': '"production"', ...startupOptions.define};

/**
 * The program as one CommonJS script (dist/app.cjs), which the entry (src/start.ts) runs through vm.Script with a
 * code cache made after it has run. Lazily imported parts (each backend, conf) stay lazy inside it.
 */
export const appBundleOptions = {
  ...shared,
  format: 'cjs',
  define: {...define, 'import.meta.url': 'importMetaUrl'},
  // ES modules are strict; the bundle keeps them so.
  banner: {js: "'use strict';const importMetaUrl = require('node:url').pathToFileURL(__filename).href;const bundleRequire = require;"},
  plugins: [inkDropIns, ...startupOptions.plugins, withoutTopLevelAwait, lazyExternalRequire(external), bundleRequire],
};

/** ES modules with lazily loaded chunks: the benchmark bundle. */
export const bundleOptions = {
  ...shared,
  format: 'esm',
  splitting: true,
  define,
  plugins: [inkDropIns, ...startupOptions.plugins],
  banner: {js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);"},
};

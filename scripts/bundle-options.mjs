// The esbuild options of the app bundle (scripts/build.mjs) and the benchmark bundle (scripts/build-bench.mjs):
// production React, the drop-ins for Ink's hot spots, and the start-up deferrals. `off` names drop-ins and
// deferrals left out (the bench's switches, scripts/bench.mjs); the app ships with none off.
import {dropInsPlugin} from './drop-ins.mjs';
import {bundleRequire, lazyExternalRequire, startupOptions, withoutTopLevelAwait} from './startup.mjs';

const external = ['@kubernetes/client-node', '@azure/*', 'prom-client', 'rhea', 'react-devtools-core'];

/** Experiments are off unless a bench variant turns them on (`+quiet-store`): src/ui/hooks/quiet-store.ts. */
export const EXPERIMENTS = ['quiet-store'];

function shared(off, on = new Set()) {
  const startup = startupOptions(off);
  return {
    startup,
    options: {
      bundle: true,
      platform: 'node',
      target: 'node22',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
      inject: startup.inject,
      // The SDKs stay in node_modules: they are large, load only when their source is configured, and some use dynamic requires.
      external,
    },
    // React and Ink in production mode: development React is several times slower.
    define: {'process.env.NODE_ENV': '"production"', ...startup.define, ...(on.has('quiet-store') ? {ATP_QUIET_STORE: 'true'} : {})},
  };
}

/**
 * The program as one CommonJS script (dist/app.cjs), which the entry (src/start.ts) runs through vm.Script with a
 * code cache made after it has run. Lazily imported parts (each backend, conf) stay lazy inside it.
 */
export function appBundleOptions(off = new Set(), on = new Set()) {
  const {startup, options, define} = shared(off, on);
  return {
    ...options,
    format: 'cjs',
    define: {...define, 'import.meta.url': 'importMetaUrl'},
    // ES modules are strict; the bundle keeps them so.
    banner: {js: "'use strict';const importMetaUrl = require('node:url').pathToFileURL(__filename).href;const bundleRequire = require;"},
    plugins: [dropInsPlugin(off), ...startup.plugins, withoutTopLevelAwait, lazyExternalRequire(external), bundleRequire],
  };
}

/** ES modules with lazily loaded chunks: the benchmark bundle. */
export function bundleOptions(off = new Set(), on = new Set()) {
  const {startup, options, define} = shared(off, on);
  return {
    ...options,
    format: 'esm',
    splitting: true,
    define,
    plugins: [dropInsPlugin(off), ...startup.plugins],
    banner: {js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);"},
  };
}

// Bundle settings that keep start-up work out of the first frame (docs/performance.md, "What makes the figures").
// Each one defers work until it is needed; none changes what the code computes.
import {readFile} from 'node:fs/promises';
import {isBuiltin} from 'node:module';
import {fileURLToPath} from 'node:url';

/**
 * Node's built-in modules reach the bundle as CommonJS objects, not ES module facades, and load when the code first
 * uses them. A facade for `node:util` reads every export once, and some reads load more modules (util's diff and
 * colours load tty, net and streams); node:crypto alone takes 4–5 ms and the first frame never uses it. An object
 * module becomes an object of getters (and setters) over its export names, taken from the building Node, which is
 * the Node the launcher runs. Function modules (events, stream, assert, module) and process and console are used
 * as they are. process.getBuiltinModule needs Node 22.3.
 */
const AS_IS = new Set(['node:process', 'node:console']);

export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({filter: /^[a-z_:/]+$/}, (args) => {
      // Static imports only: esbuild gives a dynamic import() of a CommonJS module nothing but a default export.
      if (args.kind !== 'import-statement') return undefined;
      if (!isBuiltin(args.path)) return undefined;
      return {path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, namespace: 'node-builtin'};
    });
    b.onLoad({filter: /.*/, namespace: 'node-builtin'}, (args) => {
      const id = JSON.stringify(args.path);
      const real = process.getBuiltinModule(args.path);
      if (typeof real !== 'object' || real === null || AS_IS.has(args.path)) {
        return {contents: `module.exports = process.getBuiltinModule(${id});`, loader: 'js'};
      }
      const names = JSON.stringify(Object.getOwnPropertyNames(real).filter((name) => name !== 'default'));
      return {
        contents: `let real;
const load = () => (real ??= process.getBuiltinModule(${id}));
const lazy = {};
for (const name of ${names}) {
  Object.defineProperty(lazy, name, {get: () => load()[name], set: (value) => { load()[name] = value; }, enumerable: true});
}
module.exports = lazy;
`,
        loader: 'js',
      };
    });
  },
};

/**
 * string-width builds three Unicode-property regexes (RGI_Emoji alone costs 3–4 ms) and a Segmenter when its module
 * loads; the cockpit's drop-in asks it only about joined graphemes. Its body is moved into a function run on the
 * first call. The build fails if the module no longer has the shape this relies on.
 */
export const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    onLoadOnce(b, 'lazy-string-width', /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const imports = source.match(/^(?:import [^;]+;\n)+/);
      const exportsFound = source.match(/^export /gm) ?? [];
      const main = 'export default function stringWidth(';
      if (!imports || exportsFound.length !== 1 || !source.includes(`\n${main}`)) {
        throw new Error(`${args.path}: expected leading imports and one '${main}' (scripts/startup.mjs)`);
      }
      const body = source.slice(imports[0].length).replace(main, 'function stringWidth(');
      return {
        contents: `${imports[0]}
function load() {
${body}
return stringWidth;
}
let loaded;
export default function stringWidth(input, options) {
  return (loaded ??= load())(input, options);
}
`,
        loader: 'js',
      };
    });
  },
};

/**
 * yoga-layout's Emscripten loader turns its inline WebAssembly from base64 into bytes with atob and a loop over
 * 72 KB, 4–5 ms of interpreted code before the first layout; Buffer decodes it in 0.1 ms (`decode`, a bench
 * switch). Its instantiateWasm hook is also handed the function that returns those bytes, which the CommonJS bundle
 * needs (withoutTopLevelAwait). Both are one plugin: esbuild lets one plugin load a file. The build fails if the
 * loader no longer has that shape.
 */
export const yogaLoader = ({decode}) => ({
  name: 'yoga-loader',
  setup(b) {
    onLoadOnce(b, 'yoga-loader', /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const loop = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
      if (decode) source = patchOnce(args.path, source, loop, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))');
      source = patchOnce(args.path, source, 'return h.instantiateWasm(d,\na)', 'return h.instantiateWasm(d,\na,wa)');
      return {contents: source, loader: 'js'};
    });
  },
});

/**
 * Patches the module matching `filter`, and fails the build if no module matched: a dependency that moved or
 * renamed the file would otherwise leave the patch silently undone.
 */
function onLoadOnce(b, name, filter, load) {
  let applied = false;
  b.onStart(() => {
    applied = false;
  });
  b.onLoad({filter}, async (args) => {
    applied = true;
    return load(args);
  });
  // Errors returned from onEnd fail the build.
  b.onEnd((result) => {
    if (applied || result.errors.length > 0) return undefined;
    return {errors: [{text: `patch '${name}' did not apply: no module matched ${filter} (scripts/startup.mjs, docs/upgrading-ink-react.md)`}]};
  });
}

/** Replaces `find` (a string, once) in a dependency's source, or fails the build if the source changed shape. */
function patchOnce(path, source, find, replacement) {
  if (source.split(find).length !== 2) throw new Error(`${path}: expected this once (scripts/startup.mjs): ${find}`);
  return source.replace(find, replacement);
}

/**
 * For the CommonJS bundle (dist/app.cjs), which cannot hold a top-level `await`:
 * - Ink awaits its devtools and its package.json only when DEV=true (React DevTools); those two are dropped.
 * - yoga-layout awaits its WebAssembly; here it is compiled and instantiated synchronously (Emscripten's
 *   `instantiateWasm` hook, given the loader's own inline bytes), which is what the asynchronous path did anyway.
 */
export const withoutTopLevelAwait = {
  name: 'without-top-level-await',
  setup(b) {
    onLoadOnce(b, 'without-top-level-await (Ink)', /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/, async (args) => {
      let source = await readFile(args.path, 'utf8');
      source = patchOnce(args.path, source, "await import('./devtools.js');", '/* React DevTools: not in the bundle */');
      source = patchOnce(args.path, source, 'const loaded = await loadPackageJson();', 'const loaded = {};');
      return {contents: source, loader: 'js'};
    });
    onLoadOnce(b, 'without-top-level-await (yoga)', /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = patchOnce(
        args.path,
        source,
        'const Yoga = wrapAssembly(await loadYoga());',
        `const yogaModule = {
  instantiateWasm(imports, receive, bytes) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes()), imports);
    receive(instance);
    return instance.exports;
  },
};
loadYoga(yogaModule);
const Yoga = wrapAssembly(yogaModule);`,
      );
      return {contents, loader: 'js'};
    });
  },
};

/**
 * For the CommonJS bundle: `await import('@azure/identity')` of an external package becomes a require made when
 * the import runs (the package's CommonJS build), so the bundle never imports dynamically (vm.Script would need
 * Node's experimental USE_MAIN_CONTEXT_DEFAULT_LOADER for that).
 */
export const lazyExternalRequire = (externals) => ({
  name: 'lazy-external-require',
  setup(b) {
    const external = (path) => externals.some((e) => (e.endsWith('/*') ? path.startsWith(e.slice(0, -1)) : path === e || path.startsWith(`${e}/`)));
    b.onResolve({filter: /^[@a-z]/}, (args) =>
      args.kind === 'dynamic-import' && external(args.path) ? {path: args.path, namespace: 'lazy-external'} : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'lazy-external'}, (args) => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
  },
});

/**
 * For the CommonJS bundle: `createRequire(import.meta.url)` in the cockpit's sources (drawille for charts, ajv for
 * the configuration) becomes the bundle's own `require` (the banner names it `bundleRequire`). Run by the launcher,
 * that is createRequire of dist/app.cjs: the same lookup in node_modules. Run by the single executable, it is the
 * executable's require, which serves these packages from inside it (src/sea-main.ts).
 */
export const bundleRequire = {
  name: 'bundle-require',
  setup(b) {
    b.onLoad({filter: /[\\/]src[\\/].*\.tsx?$/}, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)')) return undefined;
      return {contents: source.replaceAll('createRequire(import.meta.url)', 'bundleRequire'), loader: args.path.endsWith('x') ? 'tsx' : 'ts'};
    });
  },
};

/** The deferrals above that are a choice, by bench switch (`npm run bench -- --no-NAME`). */
export const STARTUP_SWITCHES = ['lazy-segmenter', 'yoga-decode', 'lazy-string-width'];

/** esbuild options for the above, shared by the app and benchmark bundles, without the switches in `off`. */
export function startupOptions(off = new Set()) {
  const segmenter = !off.has('lazy-segmenter');
  return {
    plugins: [builtinsByRequire, ...(off.has('lazy-string-width') ? [] : [lazyStringWidth]), yogaLoader({decode: !off.has('yoga-decode')})],
    define: segmenter ? {'Intl.Segmenter': 'LazySegmenter'} : {},
    inject: segmenter ? [fileURLToPath(new URL('../src/ui/terminal/lazy-segmenter.ts', import.meta.url))] : [],
  };
}

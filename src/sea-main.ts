// The single executable's entry (Node's SEA main script, scripts/package.mjs). The program is the launcher's
// dist/app.cjs, kept inside the executable as an asset and run with the same after-run code cache
// (src/code-cache.ts). The packages the program loads lazily (the backends' SDKs, ajv, drawille) are a second
// asset, vendor.cjs, compiled only when the program first asks for one of them: the first frame never pays for it.
import {isBuiltin} from 'node:module';
import {dirname} from 'node:path';
import {getAsset} from 'node:sea';
import {compileWithCodeCache, roleOf} from './code-cache.js';

/** Digests of the two assets, set by scripts/package.mjs: a cache file belongs to one build of each. */
declare const ATP_SEA_DIGESTS: {readonly app: string; readonly vendor: string};

type Loaders = Record<string, () => unknown>;

// Stack traces name the executable and the asset.
const APP = `${process.execPath}#app.cjs`;
const VENDOR = `${process.execPath}#vendor.cjs`;

let vendor: Loaders | undefined;
/** vendor.cjs: a loader per package name, each evaluating its package on first use. */
function vendorLoaders(): Loaders {
  if (vendor) return vendor;
  const module = {exports: {} as Loaders};
  const source = getAsset('vendor.cjs', 'utf8');
  const wrapper = compileWithCodeCache({source, filename: VENDOR, prefix: 'sea-vendor-', stamp: stamp(ATP_SEA_DIGESTS.vendor)});
  wrapper(module.exports, executableRequire, module, VENDOR, dirname(VENDOR));
  return (vendor = module.exports);
}

/** `require` inside the executable: Node's built-in modules, and the packages in vendor.cjs. Nothing from disk. */
function executableRequire(id: string): unknown {
  if (isBuiltin(id)) return process.getBuiltinModule(id);
  const load = vendorLoaders()[id];
  if (load) return load();
  // Optional packages some SDKs try (in try/catch) are not inside: the same answer as a missing package.
  throw Object.assign(new Error(`Cannot find module '${id}' (not inside this executable)`), {code: 'MODULE_NOT_FOUND'});
}

function stamp(digest: string): string {
  return `${process.version}-${digest}`;
}

async function run(): Promise<void> {
  const role = roleOf(process.argv.slice(2));
  const wrapper = compileWithCodeCache({source: getAsset('app.cjs', 'utf8'), filename: APP, prefix: `sea-app-${role}-`, stamp: stamp(ATP_SEA_DIGESTS.app)});
  const module = {exports: {} as {main?: () => Promise<void>}};
  wrapper(module.exports, executableRequire, module, APP, dirname(APP));
  if (!module.exports.main) throw new Error('app.cjs exports no main');
  await module.exports.main();
}

// A SEA main script is CommonJS: no top-level await.
void run();

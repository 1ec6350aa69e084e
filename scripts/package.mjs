// `npm run package`: one executable with Node 22 and the whole program inside (docs/single-executable.md).
// Node's single executable applications: a blob (the entry, src/sea-main.ts, and two assets: the program and the
// packages it loads lazily) is injected with postject into a copy of the node@22 devDependency's binary.
// Writes dist/atp-cockpit-<platform>-<arch> and its .sha256 (sha256sum format). Leaves dist/app.cjs and
// dist/main.js alone (the launcher may be running them); works in .tmp/sea.
import {build} from 'esbuild';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {builtinModules, createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {buildInfoDefine} from './build-info.mjs';
import {appBundleOptions} from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = `${root}.tmp/sea/`;
const name = `atp-cockpit-${process.platform}-${process.arch}`;
const artifact = `${root}dist/${name}`;
// The fuse Node's binary carries for SEA (Node's docs, "Single executable applications").
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * The packages dist/app.cjs loads at run time with `require` (the bundle's externals and its `bundleRequire`s,
 * scripts/startup.mjs). Each becomes a lazy loader in vendor.cjs; the build fails if the program requires another.
 */
const VENDOR = [
  '@kubernetes/client-node',
  '@azure/identity',
  '@azure/service-bus',
  '@azure/monitor-query-logs',
  'prom-client',
  'ajv/dist/2020.js',
  'drawille-canvas-blessed-contrib',
];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Node 22 from the devDependency `node@22`: the binary the executable is made of, and the one that makes the blob. */
function node22() {
  const bin = `${root}node_modules/node/bin/node`;
  const version = execFileSync(bin, ['-p', 'process.version'], {encoding: 'utf8'}).trim();
  if (!version.startsWith('v22.')) throw new Error(`${bin} is Node ${version}; the executable is made of Node 22 (run npm ci)`);
  return {bin, version};
}

/**
 * Every non-built-in `require("…")` in the program must be in VENDOR (ajv's generated-code strings are quoted).
 * A `node:` id is always a built-in, including those `builtinModules` leaves out (`node:sqlite`, which undici asks for).
 */
function checkRequires(app) {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const required = [...app.matchAll(/(?<![\w$.'"`])require\("([^"]+)"\)/g)].map((m) => m[1]).filter((id) => !builtins.has(id) && !id.startsWith('node:'));
  const missing = [...new Set(required)].filter((id) => !VENDOR.includes(id));
  if (missing.length) throw new Error(`dist/app.cjs requires ${missing.join(', ')}: add them to VENDOR (scripts/package.mjs)`);
}

rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});
mkdirSync(`${root}dist`, {recursive: true});
const node = node22();

// 1. The program: the launcher's bundle, built the same way (no source map: nothing reads it inside).
const appOptions = appBundleOptions();
const define = {...appOptions.define, ...buildInfoDefine()};
await build({...appOptions, define, entryPoints: {app: `${root}src/app.ts`}, outfile: `${work}app.cjs`, legalComments: 'none'});
const app = readFileSync(`${work}app.cjs`, 'utf8');
checkRequires(app);

// 2. The packages it loads lazily, bundled whole (optional native add-ons that SDKs try in try/catch stay out).
const loaders = VENDOR.map((id) => `${JSON.stringify(id)}: () => require(${JSON.stringify(id)})`).join(',\n');
await build({
  stdin: {contents: `module.exports = {\n${loaders}\n};\n`, resolveDir: root, loader: 'js', sourcefile: 'vendor.cjs'},
  outfile: `${work}vendor.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: {'process.env.NODE_ENV': '"production"'},
});

// 3. The entry, with the assets' digests (the code cache is kept per build of each).
const digests = {app: sha256(app).slice(0, 16), vendor: sha256(readFileSync(`${work}vendor.cjs`)).slice(0, 16)};
await build({
  entryPoints: [`${root}src/sea-main.ts`],
  outfile: `${work}main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  minify: true,
  logLevel: 'warning',
  define: {ATP_SEA_DIGESTS: JSON.stringify(digests)},
});

// 4. The blob, made by the same Node that runs it. No SEA code cache or snapshot: the program keeps its own cache.
writeFileSync(
  `${work}sea-config.json`,
  JSON.stringify({
    main: `${work}main.cjs`,
    output: `${work}sea.blob`,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: false,
    assets: {'app.cjs': `${work}app.cjs`, 'vendor.cjs': `${work}vendor.cjs`},
  }),
);
execFileSync(node.bin, ['--experimental-sea-config', `${work}sea-config.json`], {cwd: work, stdio: ['ignore', 'ignore', 'inherit']});

// 5. A copy of Node with the blob injected; written beside the artifact, then renamed over it.
const temporary = `${work}${name}`;
copyFileSync(node.bin, temporary);
const {inject} = createRequire(import.meta.url)('postject');
await inject(temporary, 'NODE_SEA_BLOB', readFileSync(`${work}sea.blob`), {sentinelFuse: FUSE});
chmodSync(temporary, 0o755);
const digest = sha256(readFileSync(temporary));
renameSync(temporary, artifact);
writeFileSync(`${artifact}.sha256`, `${digest}  ${name}\n`);
rmSync(work, {recursive: true, force: true});
process.stdout.write(`package: dist/${name} (Node ${node.version}) sha256 ${digest}\n`);

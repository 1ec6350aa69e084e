// The build's guard over the drop-ins (scripts/drop-ins.mjs): exact pins, a failed build on version drift, and a
// failed build when Ink no longer imports what a drop-in replaces (a drop-in that silently disappeared).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {build, type Plugin} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {CHECKED_AGAINST, DROP_INS, dropInsPlugin, versionDrift} from '../../scripts/drop-ins.mjs';
import {startupOptions} from '../../scripts/startup.mjs';

const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; overrides: Record<string, string>};

/** Takes `request` away from the drop-ins when Ink imports it, as if Ink had renamed or dropped the module. */
const inkStopsImporting = (request: string): Plugin => ({
  name: 'ink-changed',
  setup(b) {
    b.onResolve({filter: new RegExp(`^${request.replace(/[./]/g, (c) => `\\${c}`)}$`)}, (args) =>
      /[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: args.path, external: true} : undefined,
    );
  },
});

const bundleInk = (plugins: Plugin[]) =>
  build({
    stdin: {contents: "import {render} from 'ink'; console.log(render);", resolveDir: ROOT},
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    external: ['react-devtools-core'],
    plugins,
  });

describe('pinned versions', () => {
  it('package.json pins exactly the versions the drop-ins were checked against, and they are installed', () => {
    const pinned = {...pkg.overrides, ...pkg.dependencies};
    for (const [name, {version}] of Object.entries(CHECKED_AGAINST)) {
      const pin = pinned[name]?.startsWith('$') ? pkg.dependencies[pinned[name].slice(1)] : pinned[name];
      expect(pin, name).toBe(version);
    }
    expect(versionDrift()).toEqual([]);
  });

  it('a different installed version is reported with what to re-verify', () => {
    const drift = versionDrift((name) => [{path: `node_modules/${name}/package.json`, version: name === 'ink' ? '8.1.0' : CHECKED_AGAINST[name]!.version}]);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatch(/^ink 8\.1\.0 is installed .*checked against 8\.0\.0: re-verify Output .*fast-output\.ts/);
    expect(versionDrift(() => [])).toHaveLength(Object.keys(CHECKED_AGAINST).length);
  });
});

describe('drop-ins that no longer resolve fail the build', () => {
  it('every drop-in is substituted in a bundle of Ink', async () => {
    const result = await bundleInk([dropInsPlugin()]);
    const text = result.outputFiles[0]!.text;
    expect(text).toContain('function sliceColumns(');
    expect(text).toContain('skipIdleCommits');
  });

  it.each(Object.entries(DROP_INS).filter(([, d]) => d.from === 'ink'))("fails when Ink stops importing what '%s' replaces", async (name, drop) => {
    await expect(bundleInk([inkStopsImporting(drop.request), dropInsPlugin()])).rejects.toThrow(new RegExp(`drop-in '${name}' did not resolve.*re-verify`));
  });

  it('a drop-in switched off is not required (the bench switches)', async () => {
    await expect(bundleInk([inkStopsImporting('./output.js'), dropInsPlugin(new Set(['output']))])).resolves.toBeDefined();
  });

  it("fails when a start-up patch's module is not there to patch", async () => {
    const {plugins} = startupOptions();
    const yogaMoved: Plugin = {
      name: 'yoga-moved',
      setup: (b) => b.onLoad({filter: /yoga-wasm-base64-esm\.js$/}, () => ({contents: 'export default () => ({})', loader: 'js'})),
    };
    await expect(bundleInk([dropInsPlugin(), yogaMoved, ...plugins])).rejects.toThrow(/patch 'yoga-loader' did not apply/);
  });
});

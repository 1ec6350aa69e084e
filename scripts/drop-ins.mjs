// The cockpit's drop-ins for hot spots of Ink's render pipeline, shared by the app and benchmark bundles.
// Each is property-tested against the original (test/ui/fast-*.test.ts); tests and `tsx` runs use the originals.
// They reach past Ink's `exports`, so they hold only for the exact versions below: any other version fails the
// build until a maintainer has re-verified them (docs/upgrading-ink-react.md).
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const src = (path) => join(ROOT, 'src/ui/terminal', path);

/**
 * The versions the drop-ins and the build's patches (scripts/startup.mjs) were checked against, pinned in
 * package.json (`overrides` for the ones Ink brings), and what to re-verify when one changes.
 */
export const CHECKED_AGAINST = {
  ink: {
    version: '8.0.0',
    reverify:
      'Output (ink/build/output.js vs src/ui/terminal/fast-output.ts, output.d.ts), the module names the drop-ins replace, ' +
      'and the patches of ink/build/reconciler.js in scripts/startup.mjs',
  },
  react: {version: '19.3.1', reverify: 'that react-reconciler is the version this React pairs with, then everything listed for react-reconciler'},
  'react-reconciler': {
    version: '0.34.0',
    reverify: "the host-config methods that mutate Ink's DOM (MUTATORS in src/ui/terminal/skip-idle-commits.ts) and commitUpdate's arguments",
  },
  'yoga-layout': {version: '3.2.1', reverify: 'the loader patches in scripts/startup.mjs (yogaLoader, withoutTopLevelAwait)'},
  'string-width': {
    version: '8.3.0',
    reverify: 'src/ui/terminal/fast-string-width.ts (test/ui/terminal/fast-text.test.ts) and lazyStringWidth in scripts/startup.mjs',
  },
  // No drop-in of its own any more, but Ink's Output tokenizes with it: the Output drop-in copies its results.
  '@alcalzone/ansi-tokenize': {version: '0.3.2', reverify: "the Output drop-in (test/ui/terminal/fast-output.test.ts compares it with Ink's Output)"},
};

/** Where a package is installed for the project and, if Ink has its own copy, for Ink. */
function installedVersions(name) {
  const found = [];
  for (const dir of [join(ROOT, 'node_modules'), join(ROOT, 'node_modules/ink/node_modules')]) {
    const manifest = join(dir, name, 'package.json');
    if (existsSync(manifest)) found.push({path: manifest, version: JSON.parse(readFileSync(manifest, 'utf8')).version});
  }
  return found;
}

/** The installed packages whose version differs from the one the drop-ins were checked against, as messages. */
export function versionDrift(installed = installedVersions) {
  const problems = [];
  for (const [name, {version, reverify}] of Object.entries(CHECKED_AGAINST)) {
    const copies = installed(name);
    if (copies.length === 0) problems.push(`${name} is not installed (expected ${version})`);
    for (const copy of copies) {
      if (copy.version !== version)
        problems.push(`${name} ${copy.version} is installed (${copy.path}); the drop-ins were checked against ${version}: re-verify ${reverify}`);
    }
  }
  return problems;
}

/** The build's error for drifted versions, or undefined when every version is the one checked against. */
export function driftError(problems = versionDrift()) {
  if (!problems.length) return undefined;
  return (
    `drop-ins: ${problems.join('\n  ')}\n` +
    'After re-verifying, update CHECKED_AGAINST in scripts/drop-ins.mjs and the pins in package.json (docs/upgrading-ink-react.md).'
  );
}

/**
 * Every drop-in: the module a name resolves to, and from where (`ink`: only Ink's own build imports it so; `any`:
 * every importer). The key is its bench switch: `npm run bench -- --no-KEY`.
 */
export const DROP_INS = {
  // The frame builder: same cells as flat arrays instead of an object per cell.
  output: {request: './output.js', from: 'ink', path: src('fast-output.ts')},
  // React's reconciler over Ink's host config, with commits that changed nothing kept from layout and render.
  'skip-idle-commits': {request: 'react-reconciler', from: 'ink', path: src('ink-reconciler.ts')},
  // string-width cached per grapheme, for Ink and the cockpit alike.
  // (squashTextNodes and ansi-tokenize had drop-ins too; `npm run bench -- --compare` showed no target figure
  // moved without them, so they were removed: docs/upgrading-ink-react.md.)
  'string-width': {request: 'string-width', from: 'any', path: src('fast-string-width.ts')},
};

const INK_BUILD = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;
const DROP_IN_FILE = /[\\/]src[\\/]ui[\\/]terminal[\\/]fast-/;

/**
 * esbuild plugin: substitutes the drop-ins not switched `off`. The build fails if an installed version drifted
 * (driftError) or if a drop-in was never substituted although Ink is in the bundle: a module Ink renamed or
 * stopped importing would otherwise silently leave the original in place.
 */
export function dropInsPlugin(off = new Set()) {
  const active = Object.entries(DROP_INS).filter(([name]) => !off.has(name));
  const byRequest = new Map(active.map(([name, d]) => [d.request, {name, ...d}]));
  return {
    name: 'ink-drop-ins',
    setup(b) {
      const used = new Set();
      let inkBundled = false;
      // A drifted version stops the build before it bundles.
      b.onStart(() => {
        used.clear();
        inkBundled = false;
        const text = driftError();
        return text ? {errors: [{text}]} : undefined;
      });
      const requests = [...byRequest.keys()].map((r) => r.replace(/[./]/g, (c) => `\\${c}`));
      if (requests.length) {
        b.onResolve({filter: new RegExp(`^(${requests.join('|')})$`)}, (args) => {
          const drop = byRequest.get(args.path);
          if (!drop || DROP_IN_FILE.test(args.importer)) return undefined;
          if (drop.from === 'ink' && !INK_BUILD.test(args.importer)) return undefined;
          used.add(drop.name);
          return {path: drop.path};
        });
      }
      b.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/}, () => {
        inkBundled = true;
        return undefined;
      });
      // Errors returned from onEnd fail the build (and reach the caller's rejected promise).
      b.onEnd(() => {
        if (!inkBundled) return undefined;
        const errors = active
          .filter(([name]) => !used.has(name))
          .map(([name, d]) => ({
            text:
              `drop-in '${name}' did not resolve: nothing imported '${d.request}'${d.from === 'ink' ? " from Ink's build" : ''}. ` +
              "Ink's internals changed: re-verify the drop-in against its original (scripts/drop-ins.mjs, docs/upgrading-ink-react.md)",
          }));
        return {errors};
      });
    },
  };
}

/** The plugin with every drop-in on, as the app ships. */
export const inkDropIns = dropInsPlugin();

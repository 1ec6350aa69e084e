// The cockpit's drop-ins for hot spots of Ink's render pipeline, shared by the app and benchmark bundles.
// Each is property-tested against the original (test/ui/fast-*.test.ts); tests and `tsx` runs use the originals.
import {fileURLToPath} from 'node:url';

const src = (path) => fileURLToPath(new URL(`../src/ui/terminal/${path}`, import.meta.url));

/** Ink's internal modules, by the relative name Ink imports them with → the drop-in. */
const INK_INTERNALS = {
  // The frame builder: same cells as flat arrays instead of an object per cell.
  './output.js': src('fast-output.ts'),
  // Text squashing: the same text, with the sanitising step remembered per distinct text.
  './squash-text-nodes.js': src('fast-squash-text.ts'),
  // React's reconciler over Ink's host config, with commits that changed nothing kept from layout and render.
  'react-reconciler': src('ink-reconciler.ts'),
};

/** esbuild plugin: substitutes the modules above when (and only when) Ink's own build imports them. */
export const inkDropIns = {
  name: 'ink-drop-ins',
  setup(b) {
    b.onResolve({filter: /^(\.\/(output|squash-text-nodes)\.js|react-reconciler)$/}, (args) => {
      const path = INK_INTERNALS[args.path];
      return path && /[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path} : undefined;
    });
  },
};

/** Packages replaced everywhere: string-width (cached per grapheme) and ansi-tokenize (same tokens, less garbage). */
export const dropInAliases = {
  'string-width': './src/ui/terminal/fast-string-width.ts',
  '@alcalzone/ansi-tokenize': './src/ui/terminal/fast-ansi-tokenize.ts',
};

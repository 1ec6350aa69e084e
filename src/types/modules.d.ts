// Types for modules that ship none, and for the originals the drop-ins import by path.
// The real string-width, imported by path so the bundle's alias does not point it at itself.
declare module '../../../node_modules/string-width/index.js' {
  export default function stringWidth(input: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}): number;
}

// The real ansi-tokenize, imported by path for the same reason.
declare module '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js' {
  export * from '@alcalzone/ansi-tokenize';
}

// Ink's internal frame builder, imported by path in its equivalence test.
declare module '../../node_modules/ink/build/output.js' {
  const Output: unknown;
  export default Output;
}

// React's reconciler ships no types; the cockpit only wraps the host config Ink hands it.
declare module 'react-reconciler' {
  export default function createReconciler(config: Record<string, unknown> & {resetAfterCommit: (root: unknown) => void}): unknown;
}

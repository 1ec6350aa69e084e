import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
// Ink's own DOM and squashTextNodes, imported by path (internal to Ink): the reference the bundle's drop-in must match.
import type {DOMElement} from '../../node_modules/ink/build/dom.js';
import inkSquashTextNodes from '../../node_modules/ink/build/squash-text-nodes.js';
import squashTextNodes from '../../src/ui/terminal/fast-squash-text.js';

// Text pieces that exercise every finishing step: SGR and other CSI, OSC, C1 forms, C0 controls, CR LF, tabs, marks, wide.
const piece = fc.constantFrom('a', 'bc d', '漢字', '─', '\u001b[31m', '\u001b[39m', '\u001b[2J', '\u001b]0;title\u0007', '\u009b1m', '\u009d8;;x\u009c', '\u0007', '\u0000', '\r\n', '\n', '\t', 'e\u0301', '\u0301', '\u001b[38:2::1:2:3m', '\u001b');
const text = fc.array(piece, {minLength: 0, maxLength: 6}).map((p) => p.join(''));
const upper = (line: string, index: number) => `${index}:${line.toUpperCase()}`;

type Tree = {text: string} | {kind: 'ink-text' | 'ink-virtual-text'; hidden: boolean; transform: boolean; children: Tree[]};
const tree: fc.Arbitrary<Tree> = fc.letrec<{node: Tree}>((tie) => ({
  node: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    fc.record({text}),
    fc.record({kind: fc.constantFrom('ink-text' as const, 'ink-virtual-text' as const), hidden: fc.boolean(), transform: fc.boolean(), children: fc.array(tie('node'), {maxLength: 4})}),
  ),
})).node;

/** The fields of Ink's DOM that squashing reads (Ink's own nodes also carry yoga nodes, which text children lack). */
function node(t: Tree): unknown {
  if ('text' in t) return {nodeName: '#text', nodeValue: t.text};
  return {nodeName: t.kind, isHidden: t.hidden, internal_transform: t.transform ? upper : undefined, childNodes: t.children.map(node)};
}

describe("the bundle's squashTextNodes (Ink's internal text joiner)", () => {
  it('returns exactly what Ink returns, the first time and when remembered', () => {
    fc.assert(
      fc.property(fc.constantFrom('ink-text' as const, 'ink-virtual-text' as const), fc.array(tree, {maxLength: 5}), (kind, children) => {
        const root = node({kind, hidden: false, transform: false, children}) as DOMElement;
        const expected = inkSquashTextNodes(root);
        expect(squashTextNodes(root)).toBe(expected);
        expect(squashTextNodes(root)).toBe(expected);
      }),
      {numRuns: 3000},
    );
  });
});

// A drop-in for Ink's internal squashTextNodes (substituted in the bundle). Ink squashes every text node on
// every frame: it joins the children, then sanitises the result (control characters, C1 forms, tabs) with
// several whole-string scans and regular expressions. The joining is cheap and stays as in Ink; the
// sanitising is a pure function of the joined text, so it is remembered per distinct text. Equivalence with
// Ink's own function is property-tested (test/ui/fast-squash-text.test.ts).
import type {DOMElement} from '../../../node_modules/ink/build/dom.js';
import inkSquashTextNodes from '../../../node_modules/ink/build/squash-text-nodes.js';

/** Distinct texts remembered; a frame has a few hundred, so this holds many frames before it starts over. */
const LIMIT = 4096;
const finished = new Map<string, string>();

/** Ink's own finishing step (sanitise, C1 to ESC forms, tabs), applied to an already joined text. */
function finish(text: string, nodeName: string): string {
  const key = (nodeName === 'ink-text' ? 't' : 'v') + text;
  let done = finished.get(key);
  if (done === undefined) {
    done = inkSquashTextNodes({nodeName, childNodes: [{nodeName: '#text', nodeValue: text}]} as unknown as DOMElement);
    if (finished.size >= LIMIT) finished.clear();
    finished.set(key, done);
  }
  return done;
}

/** Same contract as Ink's squashTextNodes: the text of a text node and its nested text, transformed and sanitised. */
function squashTextNodes(node: DOMElement): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') {
      text += child.nodeValue;
      continue;
    }
    if (child.isHidden) continue;
    let childText = child.nodeName === 'ink-text' || child.nodeName === 'ink-virtual-text' ? squashTextNodes(child) : '';
    const transform = child.internal_transform;
    if (childText.length > 0 && typeof transform === 'function') {
      childText = childText
        .split('\n')
        .map((line, index) => transform(line, index))
        .join('\n');
    }
    text += childText;
  }
  return finish(text, node.nodeName);
}

export default squashTextNodes satisfies typeof inkSquashTextNodes;

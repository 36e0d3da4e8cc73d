import type { Element, Root } from 'hast';

/**
 * Calls `visitor` on every element below `node`, parents before children, in document order.
 * A plain recursive walk: `unist-util-visit` builds a test and an ancestor list per call and
 * showed in profiles of 10,000-post builds. The visitor may change an element's properties,
 * but not the list of children it is walking.
 */
export function forEachElement(node: Root | Element, visitor: (element: Element, parent: Root | Element) => void): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    visitor(child, node);
    if (child.children.length > 0) forEachElement(child, visitor);
  }
}

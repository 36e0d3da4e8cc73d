import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';

/** Block-level children of the root or of an element, skipping whitespace-only text. */
export function blocks(parent: Root | Element): (Root['children'][number])[] {
  return parent.children.filter((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment');
}

export function isElement(node: RootContent | ElementContent | undefined, ...tagNames: string[]): node is Element {
  return node?.type === 'element' && (tagNames.length === 0 || tagNames.includes(node.tagName));
}

/** Visible text of a node, with every kind of white space at the edges trimmed. */
export function textOf(node: RootContent | ElementContent | Root): string {
  return trimSpace(toString(node as Element));
}

/** Trims ASCII, no-break and full-width (U+3000) spaces. */
export function trimSpace(text: string): string {
  return text.replace(/^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g, '');
}

/** Removes a node from the root's children. */
export function removeNode(tree: Root, node: RootContent): void {
  const index = tree.children.indexOf(node);
  if (index !== -1) tree.children.splice(index, 1);
}

/** The last block of the body, if it is a paragraph. */
export function lastParagraph(tree: Root): Element | undefined {
  const last = blocks(tree).at(-1);
  return isElement(last, 'p') ? last : undefined;
}

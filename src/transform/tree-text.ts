import type { Element, ElementContent, Root, RootContent } from 'hast';

/** Block-level children of the root or of an element, skipping whitespace-only text. */
export function blocks(parent: Root | Element): (Root['children'][number])[] {
  return parent.children.filter((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment');
}

export function isElement(node: RootContent | ElementContent | undefined, ...tagNames: string[]): node is Element {
  return node?.type === 'element' && (tagNames.length === 0 || tagNames.includes(node.tagName));
}

/** Visible text of a node, with every kind of white space at the edges trimmed. */
export function textOf(node: RootContent | ElementContent | Root): string {
  return trimSpace(textContent(node));
}

/**
 * The text of a node as the DOM's `textContent` (and hast-util-to-string) gives it: a parent's
 * text descendants joined in tree order, or a leaf's own value. Joined as it walks: an array per
 * element, joined on the way up, was a twentieth of the time a post takes to read.
 */
export function textContent(node: RootContent | ElementContent | Root): string {
  if (!('children' in node)) return 'value' in node ? node.value : '';
  const { children } = node;
  // Most paragraphs are one text node.
  if (children.length === 1 && children[0]!.type === 'text') return children[0]!.value;
  return textsOf(children, '');
}

function textsOf(children: readonly (RootContent | ElementContent)[], before: string): string {
  let text = before;
  for (const child of children) {
    if (child.type === 'text') text += child.value;
    else if ('children' in child) text = textsOf(child.children, text);
  }
  return text;
}

/** Trims ASCII, no-break and full-width (U+3000) spaces: what `\s` matches, and U+200B. */
export function trimSpace(text: string, sides: 'both' | 'start' | 'end' = 'both'): string {
  // By hand: a regular expression with `…+$` scans the whole text, and this runs on every paragraph.
  let start = 0;
  let end = text.length;
  if (sides !== 'end') while (start < end && isSpace(text.charCodeAt(start))) start++;
  if (sides !== 'start') while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
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

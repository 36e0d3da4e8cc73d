import type { Element, Root } from 'hast';
import { forEachElement } from './for-each-element.js';
import { textOf, trimSpace } from './tree-text.js';

const trimmedTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'figcaption', 'td', 'th', 'dd', 'dt']);

/**
 * Trims paragraph edges (including the full-width `　　` indent) and drops paragraphs that are
 * empty, only `&nbsp;`, or only line breaks. Changes the tree in place.
 */
export function normalizeWhitespace(tree: Root): void {
  normalizeWithin(tree);
}

function normalizeWithin(parent: Root | Element): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index]!;
    if (node.type !== 'element') continue;
    if (!trimmedTags.has(node.tagName)) {
      normalizeWithin(node);
      continue;
    }
    trimEdges(node);
    if (node.tagName === 'p' && isBlank(node)) parent.children.splice(index--, 1);
  }
}

function isBlank(node: Element): boolean {
  let hasContent = false;
  forEachElement(node, (child) => {
    if (child.tagName === 'img' || child.tagName === 'hr') hasContent = true;
  });
  return !hasContent && textOf(node) === '';
}

/** Trims leading space of the first text and trailing space of the last, descending into inline elements. */
function trimEdges(node: Element): void {
  trimSide(node, 'start');
  trimSide(node, 'end');
}

function trimSide(node: Element, side: 'start' | 'end'): void {
  const children = node.children;
  while (children.length > 0) {
    const child = side === 'start' ? children[0]! : children[children.length - 1]!;
    if (child.type === 'text') {
      child.value = trimSpace(child.value, side);
      if (child.value !== '') return;
      children.splice(side === 'start' ? 0 : children.length - 1, 1);
    } else if (child.type === 'element' && child.tagName === 'br') {
      children.splice(side === 'start' ? 0 : children.length - 1, 1);
    } else if (child.type === 'element') {
      trimSide(child, side);
      return;
    } else {
      return;
    }
  }
}

export default function rehypeWhitespace() {
  return (tree: Root): void => normalizeWhitespace(tree);
}

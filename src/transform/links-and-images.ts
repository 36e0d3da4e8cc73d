import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { forEachElement } from './for-each-element.js';
import type { VFile } from 'vfile';
import './article.js';

const external = /^(?:https?:)?\/\//i;

/**
 * Marks external links `rel="nofollow noopener noreferrer"`, and makes images lazy, asynchronous
 * and referrer-free (Chinese image hosts refuse hot-linking by referrer), with an `alt`.
 * Changes the tree in place.
 * @param fallbackAlt the text for images without one (the post's title)
 */
export function decorateLinksAndImages(tree: Root, fallbackAlt: string): void {
  forEachElement(tree, (node, parent) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && external.test(node.properties.href)) {
      node.properties.rel = ['nofollow', 'noopener', 'noreferrer'];
    }
    if (node.tagName === 'img') {
      node.properties.loading = 'lazy';
      node.properties.decoding = 'async';
      node.properties.referrerPolicy = 'no-referrer';
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
      if (!alt) {
        const figure = parent && parent.type === 'element' && parent.tagName === 'figure' ? parent : null;
        const caption = figure?.children.find((child) => child.type === 'element' && child.tagName === 'figcaption');
        node.properties.alt = caption ? textOfCaption(caption) || fallbackAlt : fallbackAlt;
      }
    }
  });
}

function textOfCaption(node: import('hast').ElementContent): string {
  let text = '';
  visit(node, 'text', (t) => {
    text += t.value;
  });
  return text.trim();
}

export default function rehypeLinksAndImages() {
  return (tree: Root, file: VFile): void => decorateLinksAndImages(tree, file.data.fallbackAlt ?? '');
}

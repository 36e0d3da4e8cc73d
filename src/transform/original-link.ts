import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { isElement, lastParagraph, removeNode, textOf } from './tree-text.js';

/**
 * Takes the trailing bare link to the original article (`<http://…>` in markdown) out of the
 * body; the theme shows it as "原文链接". An empty `<>` left by the scraper goes too.
 * Changes the tree in place.
 * @returns the original article's URL, or null
 */
export function extractOriginalLink(tree: Root): string | null {
  let url: string | null = null;
  for (let paragraph = lastParagraph(tree); paragraph; paragraph = lastParagraph(tree)) {
    const text = textOf(paragraph);
    if (text === '<>') {
      removeNode(tree, paragraph);
      continue;
    }
    const [only, ...others] = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    if (url !== null || others.length > 0 || !isElement(only, 'a')) break;
    const href = typeof only.properties.href === 'string' ? only.properties.href : '';
    const bare = textOf(only);
    if (!/^https?:\/\//i.test(href) || (bare !== href && !/^https?:\/\//i.test(bare))) break;
    url = href;
    removeNode(tree, paragraph);
  }
  return url;
}

export default function rehypeOriginalLink() {
  return (tree: Root, file: VFile): void => {
    file.data.sourceUrl = extractOriginalLink(tree);
  };
}

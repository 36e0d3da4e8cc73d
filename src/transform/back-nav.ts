import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { isElement, lastParagraph, removeNode, textOf } from './tree-text.js';

const backLinkText = /^返回\s*(.+?)\s*$/;
const separators = /^[\s｜|/\\·•、,，]*$/;

/**
 * Removes the trailing back-navigation (`[返回X新闻](…)｜[返回首页](…)`, on one line or two):
 * the theme renders the site's own. Changes the tree in place.
 * @returns X, the category's name on the old site, or null when there was no such line
 */
export function removeBackNav(tree: Root): string | null {
  let name: string | null = null;
  for (let paragraph = lastParagraph(tree); paragraph && isBackNav(paragraph); paragraph = lastParagraph(tree)) {
    for (const child of paragraph.children) {
      if (!isElement(child, 'a')) continue;
      const label = backLinkText.exec(textOf(child))?.[1] ?? '';
      if (label && label !== '首页' && name === null) name = label.replace(/新闻$/, '') || label;
    }
    removeNode(tree, paragraph);
  }
  return name;
}

function isBackNav(paragraph: import('hast').Element): boolean {
  const links = paragraph.children.filter((child) => isElement(child, 'a'));
  if (links.length === 0) return false;
  const allBack = links.every((link) => backLinkText.test(textOf(link)));
  const rest = paragraph.children.filter((child) => !isElement(child, 'a', 'br'));
  return allBack && rest.every((child) => child.type === 'text' && separators.test(child.value));
}

export default function rehypeBackNav() {
  return (tree: Root, file: VFile): void => {
    file.data.backNavName = removeBackNav(tree);
  };
}

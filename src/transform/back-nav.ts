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
  return takeBackNav(tree).name;
}

/** What the back-navigation said: the category's old name and the hosts it linked to. */
export interface BackNav {
  readonly name: string | null;
  /** Hosts of absolute links in the back-navigation: the site's old home. */
  readonly hosts: readonly string[];
}

/** {@link removeBackNav}, also returning the hosts its links pointed at. */
export function takeBackNav(tree: Root): BackNav {
  let name: string | null = null;
  const hosts = new Set<string>();
  for (let paragraph = lastParagraph(tree); paragraph && isBackNav(paragraph); paragraph = lastParagraph(tree)) {
    for (const child of paragraph.children) {
      if (!isElement(child, 'a')) continue;
      const label = backLinkText.exec(textOf(child))?.[1] ?? '';
      if (label && label !== '首页' && name === null) name = label.replace(/新闻$/, '') || label;
      const host = hostOf(child.properties.href);
      if (host) hosts.add(host);
    }
    removeNode(tree, paragraph);
  }
  return { name, hosts: [...hosts] };
}

/** The lower-cased host of an absolute or protocol-relative URL, or null. */
export function hostOf(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const match = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(href.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
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
    const backNav = takeBackNav(tree);
    file.data.backNavName = backNav.name;
    file.data.backNavHosts = backNav.hosts;
  };
}

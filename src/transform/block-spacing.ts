import type { Root, RootContent } from 'hast';

/** Elements whose surrounding white space never shows. */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

const isBlock = (node: RootContent | undefined): boolean => node?.type === 'element' && blockTags.has(node.tagName);
const isSpace = (node: RootContent): boolean => node.type === 'text' && /^[ \t\r\n\f]*$/.test(node.value);

/**
 * Lays the article's top-level blocks out one per line: white space next to a block is dropped
 * and a single newline put between blocks. Browsers ignore that white space, so nothing visible
 * changes, and every way of reading a body serializes alike. Changes the tree in place.
 */
export function normalizeBlockSpacing(tree: Root): void {
  const kept = tree.children.filter((node, index, all) => !(isSpace(node) && (isBlock(all[index - 1]) || isBlock(all[index + 1]) || index === 0 || index === all.length - 1)));
  const spaced: RootContent[] = [];
  kept.forEach((node, index) => {
    if (index > 0 && (isBlock(node) || isBlock(kept[index - 1]))) spaced.push({ type: 'text', value: '\n' });
    spaced.push(node);
  });
  tree.children = spaced;
}

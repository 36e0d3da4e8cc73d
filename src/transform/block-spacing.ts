import type { Root, RootContent } from 'hast';

/** Elements whose surrounding white space never shows. */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

const isBlock = (node: RootContent | undefined): boolean => node?.type === 'element' && blockTags.has(node.tagName);

/**
 * Lays the article's top-level blocks out one per line: white space next to a block is dropped
 * and a single newline put between blocks. Browsers ignore that white space, so nothing visible
 * changes, and every way of reading a body serializes alike. Changes the tree in place.
 */
export function normalizeBlockSpacing(tree: Root): void {
  // Adjacent text nodes first become one, so that each edge is looked at once.
  const merged: RootContent[] = [];
  for (const node of tree.children) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text') merged[merged.length - 1] = { ...previous, value: previous.value + node.value };
    else merged.push(node);
  }
  // White space at a block's edge never shows: trim it off the text beside the block.
  const kept: RootContent[] = [];
  merged.forEach((node, index) => {
    if (node.type !== 'text') return void kept.push(node);
    let value = node.value;
    if (index === 0 || isBlock(merged[index - 1])) value = value.replace(/^[ \t\r\n\f]+/, '');
    if (index === merged.length - 1 || isBlock(merged[index + 1])) value = value.replace(/[ \t\r\n\f]+$/, '');
    if (value !== '') kept.push(value === node.value ? node : { ...node, value });
  });
  const spaced: RootContent[] = [];
  kept.forEach((node, index) => {
    if (index > 0 && (isBlock(node) || isBlock(kept[index - 1]))) spaced.push({ type: 'text', value: '\n' });
    spaced.push(node);
  });
  tree.children = spaced;
}

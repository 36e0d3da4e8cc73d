import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { blocks, isElement, removeNode, textOf } from './tree-text.js';

const sourceLine = /^[（(]?\s*(?:文章|新闻|稿件|信息)?来源\s*[:：]\s*(.+?)\s*[)）]?$/;

/**
 * Takes the source line (`<p class="em_media">（文章来源：闽东日报）</p>`, `来源：…`) out of
 * the end of the body. Changes the tree in place.
 * @returns the source's name, or null
 */
export function extractSource(tree: Root): string | null {
  // The source sits among the last few paragraphs, before or after the byline.
  for (const node of blocks(tree).slice(-3).reverse()) {
    if (!isElement(node, 'p')) continue;
    const name = sourceOf(node);
    if (name) {
      removeNode(tree, node);
      return name;
    }
  }
  return null;
}

function sourceOf(paragraph: Element): string | null {
  const text = textOf(paragraph);
  const match = sourceLine.exec(text);
  if (match?.[1] && text.length <= 60) return match[1];
  const classes = paragraph.properties.className;
  if (Array.isArray(classes) && classes.includes('em_media') && text) {
    return text.replace(/^[（(]|[)）]$/g, '').replace(/^(?:文章)?来源\s*[:：]\s*/, '').trim() || null;
  }
  return null;
}

export default function rehypeSource() {
  return (tree: Root, file: VFile): void => {
    file.data.source = extractSource(tree);
  };
}

import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { lastParagraph, removeNode, textOf } from './tree-text.js';

const marked = /^[□■◇◆○●]\s*(.+)$/;
const written = /^文\s*[/／|｜]\s*(.+)$/;
const roles = /^[（(【\[]?\s*((?:本报|特约)?(?:记者|通讯员|编辑|责任编辑|责编|撰稿|作者|摄影|实习生)[\s:：]*[^()（）\[\]【】]+?)\s*[)）】\]]?$/;

/**
 * Takes the closing byline (`□ 仁才`, `记者 张三`, `（记者 张三 通讯员 李四）`, `文/张三`,
 * `编辑：张三`) out of the body. Changes the tree in place.
 * @returns the byline without its marks (`仁才`, `记者 张三 通讯员 李四`), or null
 */
export function extractByline(tree: Root): string | null {
  const paragraph = lastParagraph(tree);
  if (!paragraph) return null;
  const byline = bylineOf(textOf(paragraph));
  if (byline) removeNode(tree, paragraph);
  return byline;
}

/** The byline a closing line carries, or null when it is ordinary text. */
export function bylineOf(text: string): string | null {
  if (text.length > 40 || /[。！？；…]$/.test(text)) return null;
  const match = marked.exec(text) ?? written.exec(text) ?? roles.exec(text);
  const byline = match?.[1]?.replace(/\s+/g, ' ').trim();
  return byline ? byline : null;
}

export default function rehypeByline() {
  return (tree: Root, file: VFile): void => {
    file.data.byline = extractByline(tree);
  };
}

import type { Element, ElementContent, Root } from 'hast';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import type { TocEntry } from './article.js';
import { blocks, isElement, textOf } from './tree-text.js';

const maxHeadingLength = 30;
// Closing quotes and brackets may follow the mark: `“我们会继续努力。”` is a sentence.
const sentenceEnd = /[。！？；…!?;.,，、：:][”’」』）)】"']*$/u;
const caption = /^(?:图|图片|图为|图片来源|资料图|摄影|视频)/;

/**
 * Turns paragraphs that are really subheadings into `<h2>`: short, without closing punctuation,
 * neither first nor last, followed by body text; or made only of `<strong>`/`<b>`.
 * Changes the tree in place.
 */
export function promoteSubheadings(tree: Root): void {
  const body = blocks(tree);
  body.forEach((node, index) => {
    if (!isElement(node, 'p') || index === 0 || index === body.length - 1) return;
    const next = body[index + 1];
    const previous = body[index - 1];
    if (!isElement(next, 'p') || looksLikeHeading(next) || isElement(previous, 'img', 'figure')) return;
    if (looksLikeHeading(node)) node.tagName = 'h2';
  });
}

function looksLikeHeading(paragraph: Element): boolean {
  const text = textOf(paragraph);
  if (text === '' || text.length > maxHeadingLength || sentenceEnd.test(text) || caption.test(text)) return false;
  if (paragraph.children.some((child) => isElement(child, 'img', 'a', 'br'))) return false;
  return true;
}

/** A paragraph whose only content is bold text is a heading whatever its length. */
function isBoldOnly(paragraph: Element): boolean {
  const content = paragraph.children.filter((child: ElementContent) => !(child.type === 'text' && child.value.trim() === ''));
  return content.length === 1 && isElement(content[0], 'strong', 'b') && textOf(paragraph).length <= 60;
}

/** Promotes bold-only paragraphs, then short unpunctuated ones. */
export function promoteAllSubheadings(tree: Root): void {
  for (const node of blocks(tree)) {
    if (isElement(node, 'p') && isBoldOnly(node)) {
      node.tagName = 'h2';
      const [bold] = node.children.filter((child) => child.type === 'element');
      if (bold && bold.type === 'element') node.children = bold.children;
    }
  }
  promoteSubheadings(tree);
}

/**
 * Gives every `<h2>`–`<h4>` a stable id from its text and lists the `<h2>`s.
 * @returns the table of contents when there are 3 or more `<h2>`s, else an empty list
 */
export function addHeadingIds(tree: Root): TocEntry[] {
  const slugger = new GithubSlugger();
  const entries: TocEntry[] = [];
  for (const node of blocks(tree)) {
    if (!isElement(node, 'h2', 'h3', 'h4')) continue;
    const text = textOf(node);
    const id = slugger.slug(text) || slugger.slug('section');
    node.properties.id = id;
    if (node.tagName === 'h2') entries.push({ id, text });
  }
  return entries.length >= 3 ? entries : [];
}

export default function rehypeSubheadings(options: { promote: boolean } = { promote: true }) {
  return (tree: Root, file: VFile): void => {
    if (options.promote) promoteAllSubheadings(tree);
    file.data.toc = addHeadingIds(tree);
  };
}

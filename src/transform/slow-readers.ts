/**
 * What reads and writes the posts the fast paths leave (see slow-path.ts): HTML by parse5,
 * markdown by micromark as kramdown would read it, YAML front matter beyond plain keys, and
 * hast-util-to-html. Loaded only when a post needs them.
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import YAML from 'yaml';

// Markdown with embedded HTML as kramdown reads a .md post; HTML posts as a fragment.
const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).freeze();
const htmlParser = unified().use(rehypeParse, { fragment: true }).freeze();

export function parseHtmlWithParse5(html: string): Root {
  return htmlParser.runSync(htmlParser.parse(html)) as Root;
}

export function parseMarkdownWithMicromark(markdown: string): Root {
  return markdownParser.runSync(markdownParser.parse(markdown)) as Root;
}

export { toHtml, YAML };

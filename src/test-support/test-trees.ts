/**
 * Tree builders and a text-preservation check shared by the transform tests.
 * Not used by the build: it lives here so the tests of several modules can share it.
 */
import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Article } from '../transform/article.js';

const htmlParser = unified().use(rehypeParse, { fragment: true }).freeze();
const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).freeze();

/** Parses an HTML fragment into a hast tree with positions, as an `.html` post body is read. */
export function htmlTree(html: string): Root {
  return htmlParser.runSync(htmlParser.parse(html)) as Root;
}

/**
 * Parses a markdown body into a hast tree the way CommonMark+GFM with raw HTML reads it.
 * Independent of transform-body.ts, so a test can compare the pipeline with a plain reading.
 */
export function markdownTree(markdown: string): Root {
  return markdownParser.runSync(markdownParser.parse(markdown)) as Root;
}

/** Elements whose text is one unit for the check below: a paragraph, a heading, a cell. */
const textBlocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd', 'caption', 'figcaption', 'pre', 'blockquote']);

/** Text with every kind of white space removed, as the check compares it. */
export function withoutSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
}

/** The visible text of a tree in reading order, one entry per innermost block, with its element. */
function textUnits(tree: Root): { text: string; block: Element | null }[] {
  const units: { text: string; block: Element | null }[] = [];
  const walk = (nodes: readonly RootContent[]): void => {
    let loose = '';
    const flush = (): void => {
      if (withoutSpace(loose)) units.push({ text: withoutSpace(loose), block: null });
      loose = '';
    };
    for (const node of nodes) {
      if (node.type === 'text') loose += node.value;
      else if (node.type === 'element') {
        const inner = node.children.some((child) => child.type === 'element' && hasBlock(child));
        if (textBlocks.has(node.tagName) && !inner) {
          flush();
          const text = withoutSpace(toString(node));
          if (text) units.push({ text, block: node });
        } else if (hasBlock(node)) {
          flush();
          walk(node.children);
        } else {
          loose += toString(node);
        }
      }
    }
    flush();
  };
  walk(tree.children);
  return units;
}

function hasBlock(node: Element): boolean {
  return textBlocks.has(node.tagName) || node.children.some((child) => child.type === 'element' && hasBlock(child));
}

/** A back-navigation block: only `返回…` links and separators. */
function isBackNavBlock(block: Element | null): boolean {
  if (!block) return false;
  const links = block.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'a');
  const others = block.children.filter((child) => !(child.type === 'element' && (child.tagName === 'a' || child.tagName === 'br')));
  return (
    links.length > 0 &&
    links.every((link) => /^返回/.test(withoutSpace(toString(link)))) &&
    others.every((child) => child.type === 'text' && /^[\s｜|/·]*$/.test(child.value))
  );
}

/** What a moved-out line may lose besides the value it carries: its marks and its label. */
const movedLineDecoration = /^(?:[\p{P}\p{S}]|(?:文章|新闻|稿件|信息)?来源|文(?=[/／|｜]))*$/u;

/**
 * Lists the text of `input` that the pipeline's `article` lost: every block of visible text
 * must be in the article's HTML text, in order, or be a line a rule moved into the byline,
 * source, source URL or back-navigation name (losing only its marks, e.g. `□`, `（文章来源：）`).
 * The back-navigation link texts `返回…` and an empty `<>` are dropped on purpose.
 * @param input the body as parsed before the pipeline ({@link markdownTree} or {@link htmlTree})
 * @returns the lost blocks' text, empty when nothing was lost
 */
export function findLostText(input: Root, article: Article): string[] {
  const output = withoutSpace(toString(htmlTree(article.html)));
  const moved = [article.byline, article.source, article.sourceUrl].filter((value): value is string => Boolean(value)).map(withoutSpace);
  const lost: string[] = [];
  let from = 0;
  for (const { text, block } of textUnits(input)) {
    const at = output.indexOf(text, from);
    if (at !== -1) {
      from = at + text.length;
      continue;
    }
    if (text === '<>' || isBackNavBlock(block)) continue;
    const carried = moved.find((value) => text.includes(value) && movedLineDecoration.test(text.replace(value, '')));
    if (carried === undefined) lost.push(text);
  }
  return lost;
}

/** Elements that run code, load a document or restyle the page. */
const executableElements = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'link', 'svg', 'math', 'template'];
/** URL-valued properties a browser would follow or load. */
const urlProperties = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'srcDoc', 'srcSet', 'data', 'poster', 'background', 'cite'];

/**
 * Lists what in serialized output could run: `<script`, on… attributes in any start tag, and,
 * reading the HTML back as a browser would, executable elements, inline style, and
 * `javascript:`/`vbscript:`/`data:` URLs (raster `data:image/…` in an img's src excepted).
 * @returns a description of each find, empty when the HTML is inert
 */
export function findExecutableMarkup(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push('<script');
  // hast-util-to-html always double-quotes values and escapes `<` in text, so every `<x …>` is a tag.
  for (const tag of html.matchAll(/<[a-zA-Z][^\s/>]*((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const attribute of (tag[1] ?? '').matchAll(/\s+([^\s"'>/=]+)/g)) {
      if (/^on/i.test(attribute[1]!)) found.push(`${attribute[1]}= in ${tag[0]}`);
    }
  }
  visit(htmlTree(html), 'element', (node: Element) => {
    if (executableElements.includes(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name) || name === 'style') found.push(`${name} attribute on <${node.tagName}>`);
      if (!urlProperties.includes(name)) continue;
      // What browsers ignore inside a scheme (`java\tscript:`, leading controls) goes.
      const url = String(value).replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
      const rasterImage = node.tagName === 'img' && name === 'src' && /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp)[;,]/.test(url);
      if (/^(?:javascript|vbscript|data):/.test(url) && !rasterImage) found.push(`${url} in ${name} of <${node.tagName}>`);
    }
  });
  return found;
}

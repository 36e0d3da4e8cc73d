import type { Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';
import type { PostFormat } from '../content/post.js';
import { readSimpleHtml } from './simple-html.js';
import { slowReaders } from './slow-path.js';
import { readSimpleMarkdown } from './simple-markdown.js';


/** Indented HTML lines (the seed's ` <p>`) are HTML, never code blocks, in a news body. */
export function dedentHtmlLines(markdown: string): string {
  return markdown.replace(/^[ \t]+(?=<\/?[a-zA-Z!])/gm, '');
}

/**
 * CommonMark's HTML block start condition 6: a line opening with one of these tags starts raw
 * HTML that runs to the next blank line, with no markdown inside.
 */
const blockTags =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const htmlBlockStart = new RegExp(`^ {0,3}</?(?:${blockTags})(?:[ \\t>]|/>|$)`, 'i');
const blankLine = /^[ \t]*$/;

/**
 * Splits a markdown body into its leading raw-HTML blocks and the markdown after them.
 * Scraped news is mostly one long HTML block followed by a few markdown lines; the HTML part
 * means the same whether micromark walks it or the HTML parser reads it directly — which is
 * about ten times faster.
 * @returns the HTML prefix (possibly empty) and the rest, split at a line boundary
 */
export function splitLeadingHtml(markdown: string): { lead: string; html: string; htmlLines: readonly number[]; rest: string; restLine: number } {
  const lines = markdown.split('\n');
  // Markdown may come first (a `> 摘要` digest line): the HTML part starts at the first HTML
  // block that follows a blank line.
  let start = 0;
  while (start < lines.length && !(htmlBlockStart.test(lines[start]!) && (start === 0 || blankLine.test(lines[start - 1]!)))) start++;
  if (start === lines.length) return { lead: markdown, html: '', htmlLines: [], rest: '', restLine: lines.length + 1 };
  // micromark separates consecutive HTML blocks by one line ending, whatever blank lines stood
  // between them; the HTML part keeps only the blocks' own lines, and where each came from.
  // Joined as they are found: mapping the line numbers to lines, then joining, gave an empty or a
  // full array of lines, and the compiler made this function again for each.
  const htmlLines: number[] = [];
  let html = '';
  let index = start;
  for (;;) {
    let next = index;
    while (next < lines.length && blankLine.test(lines[next]!)) next++;
    if (next >= lines.length || !htmlBlockStart.test(lines[next]!)) break;
    while (next < lines.length && !blankLine.test(lines[next]!)) {
      html += htmlLines.length === 0 ? lines[next]! : `\n${lines[next]!}`;
      htmlLines.push(++next);
    }
    index = next;
  }
  return { lead: lines.slice(0, start).join('\n'), html, htmlLines, rest: lines.slice(index).join('\n'), restLine: index + 1 };
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const rawText = /<(script|style|textarea|title|xmp|plaintext|noembed|noframes|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const comment = /<!--[\s\S]*?(?:-->|$)/g;
const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g;

/**
 * Whether every element the HTML opens is closed again by its end. An element left open would,
 * in one document with the markdown after it, take that markdown inside (an open `<blockquote>`
 * swallows the next paragraph; an open `<b>` makes it bold), so only closed HTML may be read
 * apart from the markdown. Errs on the side of false: the slow path is always right.
 */
export function closesEveryElement(html: string): boolean {
  const open = new Map<string, number>();
  for (const match of html.replace(comment, '').replace(rawText, '').matchAll(tag)) {
    const name = match[2]!.toLowerCase();
    if (voidElements.has(name)) continue;
    open.set(name, (open.get(name) ?? 0) + (match[1] ? -1 : 1));
  }
  for (const count of open.values()) if (count !== 0) return false;
  return true;
}

/**
 * Reads a post body into a hast tree: HTML posts as a fragment, markdown posts as CommonMark + GFM
 * with raw HTML kept. Markdown bodies that open with raw HTML blocks have that part read by the
 * HTML parser directly (see {@link splitLeadingHtml}); `fast: false` sends everything through
 * micromark, for checking that both ways agree.
 */
export function parseBody(format: PostFormat, body: string, fast = true): Root {
  if (format === 'html') return parseHtml(body);
  const markdown = dedentHtmlLines(body);
  if (!fast) return parseMarkdown(markdown);
  const { lead, html, htmlLines, rest, restLine } = splitLeadingHtml(markdown);
  if (html === '') return readSimpleMarkdown(markdown, 1) ?? parseMarkdown(markdown);
  // HTML the hand reader takes has every element closed (it refuses anything else); the rest is
  // checked before it is read apart.
  // Lines of the HTML part, when they are not the body's own (markdown before it, blank lines between its blocks).
  const lineOf = htmlLines.length !== htmlLines.at(-1) ? (line: number): number => htmlLines[line - 1] ?? line : undefined;
  const simple = readSimpleHtml(html, lineOf);
  if (!simple && !closesEveryElement(html)) return readSimpleMarkdown(markdown, 1) ?? parseMarkdown(markdown);
  // Markdown before the HTML is read apart only in the simple shapes: anything else (an open
  // list, a fenced block) could change how the HTML after it is read.
  const head = lead.trim() === '' ? null : readSimpleMarkdown(lead, 1);
  if (lead.trim() !== '' && !head) return parseMarkdown(markdown);
  let middle = simple;
  if (!middle) {
    middle = parseHtmlWithParse5(html);
    if (lineOf) moveLines(middle, lineOf);
  }
  let tail = rest.trim() === '' ? null : readSimpleMarkdown(rest, restLine);
  if (rest.trim() !== '' && !tail) {
    tail = parseMarkdown(rest);
    // Positions of the markdown part count from its own first line: move them to the body's.
    moveLines(tail, (line) => line + restLine - 1);
  }
  const children: RootContent[] = [];
  for (const part of [head, middle, tail]) {
    if (!part) continue;
    if (children.length) children.push({ type: 'text', value: '\n' });
    children.push(...part.children);
  }
  return { type: 'root', children };
}

/** Renumbers the lines of every position in a tree (offsets are dropped: they no longer apply). */
export function moveLines(tree: Root, lineOf: (line: number) => number): void {
  visit(tree, (node) => {
    if (node.position?.start && node.position.end) {
      node.position = {
        start: { line: lineOf(node.position.start.line), column: node.position.start.column },
        end: { line: lineOf(node.position.end.line), column: node.position.end.column },
      };
    }
  });
}

/** Plain news HTML is read by hand (see readSimpleHtml), the rest by parse5: the same tree either way. */
export function parseHtml(html: string): Root {
  return readSimpleHtml(html) ?? parseHtmlWithParse5(html);
}

function parseHtmlWithParse5(html: string): Root {
  return slowReaders().parseHtmlWithParse5(html);
}

function parseMarkdown(markdown: string): Root {
  return slowReaders().parseMarkdownWithMicromark(markdown);
}

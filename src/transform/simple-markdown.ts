import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Position } from 'unist';
import { normalizeUri } from 'micromark-util-sanitize-uri';

/**
 * The markdown that follows a scraped article's HTML is nearly always one of three lines: an
 * autolink to the original (`<http://…>`), an empty `<>`, or the back-navigation
 * (`[返回X新闻](…)｜[返回首页](…)`, on one line or two). micromark spends more on those few
 * lines than the HTML parser on the whole article, so they are read here — and anything else
 * returns null for micromark. Tests hold the result to micromark's on generated and real posts.
 */

const autolink = /^<(https?:\/\/[^\s<>&\\`\u0000-\u001f\u007f]+)>$/;
/** Link text with nothing markdown or GFM would read: no brackets, emphasis, code, HTML, entities or autolink literals. */
const linkText = '[^\\[\\]\\\\`*_~<>&!|\\s]+';
const linkDestination = '[^\\s()<>\\\\&`\\u0000-\\u001f]+';
const link = new RegExp(`\\[(${linkText})\\]\\((${linkDestination})\\)`, 'g');
const linkLine = new RegExp(`^(?:\\[${linkText}\\]\\(${linkDestination}\\)(?:｜|、|/)?)+$`);
const literalAutolink = /www\.|https?:|mailto:|xmpp:|@/i;
/**
 * A line of plain text: nothing inline markdown or GFM reads (escapes, emphasis, code, links,
 * HTML, entities, strikethrough, tables, autolink literals), and no block start (headings,
 * quotes, lists, rules, setext underlines).
 */
const plainLine = /^(?![#>+*=|-]|\d+[.)])[^\\`*_[\]<>&!|~]+$/;
const plainUnsafe = /:\/\/|www\.|@|mailto:|xmpp:/i;
const isPlain = (text: string): boolean => plainLine.test(text) && !plainUnsafe.test(text);
const quoteLine = /^> ?\S/;

interface Line {
  readonly text: string;
  readonly number: number;
}

const position = (line: number, length: number) => ({ start: { line, column: 1 }, end: { line, column: length + 1 } });

/**
 * Reads markdown made only of autolink, `<>` and link-list paragraphs into the hast tree
 * remark-rehype would give.
 * @param firstLine the line of the body the markdown starts on, for positions
 * @returns the tree, or null when the markdown holds anything else
 */
export function readSimpleMarkdown(markdown: string, firstLine: number): Root | null {
  const paragraphs: Line[][] = [];
  let current: Line[] = [];
  markdown.split('\n').forEach((text, index) => {
    if (/^[ \t]*$/.test(text)) {
      if (current.length) paragraphs.push(current);
      current = [];
    } else {
      current.push({ text, number: firstLine + index });
    }
  });
  if (current.length) paragraphs.push(current);

  const children: RootContent[] = [];
  for (const lines of paragraphs) {
    const paragraph = readParagraph(lines);
    if (!paragraph) return null;
    if (children.length) children.push({ type: 'text', value: '\n' });
    children.push(paragraph);
  }
  return { type: 'root', children };
}

function readParagraph(lines: readonly Line[]): Element | null {
  // Plain loops rather than some, every, entries and matchAll: this runs for every post, and
  // the optimizing compiler spent 30 ms on each of its three versions per thread, undoing two.
  const count = lines.length;
  const first = lines[0]!;
  let quoted = true;
  let plain = true;
  for (let index = 0; index < count; index++) {
    const text = lines[index]!.text;
    // Indentation, trailing spaces (hard breaks) and other line starts would mean more markdown.
    if (text !== text.trim()) return null;
    if (quoted && !quoteLine.test(text)) quoted = false;
    if (plain && !isPlain(text)) plain = false;
  }
  if (quoted) return readQuote(lines);
  if (plain) {
    let text = first.text;
    for (let index = 1; index < count; index++) text += `\n${lines[index]!.text}`;
    return wrap('p', lines, [{ type: 'text', value: text, position: spanOf(lines) }]);
  }
  if (count === 1 && first.text === '<>') return wrap('p', lines, [{ type: 'text', value: '<>', position: position(first.number, 2) }]);
  const url = count === 1 ? autolink.exec(first.text)?.[1] : undefined;
  if (url) {
    return wrap('p', lines, [anchor(url, url, first.number, 2, first.text.length - 1)]);
  }
  const content: ElementContent[] = [];
  for (let index = 0; index < count; index++) {
    const line = lines[index]!;
    if (!linkLine.test(line.text)) return null;
    if (index > 0) appendText(content, '\n');
    let end = 0;
    link.lastIndex = 0;
    for (let match = link.exec(line.text); match !== null; match = link.exec(line.text)) {
      const whole = match[0];
      const text = match[1]!;
      const destination = match[2]!;
      if (literalAutolink.test(text)) return null;
      if (match.index > end) appendText(content, line.text.slice(end, match.index));
      content.push(anchor(destination, text, line.number, match.index + 1, match.index + whole.length));
      end = match.index + whole.length;
    }
    if (end < line.text.length) appendText(content, line.text.slice(end));
  }
  return wrap('p', lines, content);
}

/** `> 摘要` lines: a blockquote around one plain paragraph, as remark-rehype lays it out. */
function readQuote(lines: readonly Line[]): Element | null {
  // Pushed, not mapped: map makes a holey array, and readParagraph, given both kinds, was compiled
  // again for the second.
  const inner: Line[] = [];
  for (const line of lines) {
    const text = line.text.replace(/^> ?/, '');
    if (!isPlain(text) || text !== text.trim()) return null;
    inner.push({ text, number: line.number });
  }
  const paragraph = readParagraph(inner);
  if (!paragraph) return null;
  return wrap('blockquote', lines, [{ type: 'text', value: '\n' }, paragraph, { type: 'text', value: '\n' }]);
}

/** An element spanning the lines, from the first one's start to the last one's end. */
function wrap(tagName: string, lines: readonly Line[], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties: {}, children, position: spanOf(lines) };
}

function spanOf(lines: readonly Line[]): Position {
  const last = lines[lines.length - 1]!;
  return { start: { line: lines[0]!.number, column: 1 }, end: { line: last.number, column: last.text.length + 1 } };
}

function anchor(href: string, text: string, line: number, startColumn: number, endColumn: number): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: linkHref(href) },
    children: [{ type: 'text', value: text }],
    position: { start: { line, column: startColumn }, end: { line, column: endColumn + 1 } },
  };
}

/** The characters normalizeUri keeps as they are: nearly every link is made of only these. */
const keptByNormalizeUri = /^[!#$&-;=?-Z_a-z~]*$/;

/**
 * A link destination as micromark writes it into href (normalizeUri): one test of the whole URL
 * instead of a regular expression for each of its characters, which was a third of the time
 * these few lines of markdown took.
 */
export function linkHref(destination: string): string {
  return keptByNormalizeUri.test(destination) ? destination : normalizeUri(destination);
}

/** Adds text, joined to a text node just before it as remark-rehype's output would have it. */
function appendText(content: ElementContent[], value: string): void {
  const previous = content.at(-1);
  if (previous?.type === 'text') previous.value += value;
  else content.push({ type: 'text', value });
}

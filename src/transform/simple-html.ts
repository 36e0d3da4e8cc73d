import { decodeHTMLStrict } from 'entities';
import type { Element, ElementContent, Root, Text } from 'hast';
import type { Point, Position } from 'unist';
import { h } from 'hastscript';

/**
 * Elements the fast reader takes. For these, in a fragment whose tags are properly nested, the
 * HTML parsing algorithm builds exactly the tree the tags spell out — but for the cases refused
 * below (see {@link readSimpleHtml}).
 */
const known = new Set([
  'p', 'div', 'center', 'blockquote', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'span', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'sub', 'sup', 'small', 'big', 'font',
  'img', 'br', 'hr',
]);
const voidElements = new Set(['img', 'br', 'hr']);
/** Start tags that close an open `<p>` (the HTML standard's "close a p element" rule). */
const closesParagraph = new Set(['p', 'div', 'center', 'blockquote', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Thrown inside the reader when the input leaves its simple shapes; never escapes it. */
class NotSimple extends Error {}
const notSimple = new NotSimple();

const isAsciiAlpha = (code: number): boolean => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
const isAsciiAlnum = (code: number): boolean => isAsciiAlpha(code) || (code >= 0x30 && code <= 0x39);
/** Tab, line feed, form feed, space: what separates a tag's parts. */
const isTagSpace = (code: number): boolean => code === 0x09 || code === 0x0a || code === 0x0c || code === 0x20;

interface OpenElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: ElementContent[];
  readonly start: number;
}

/**
 * Reads a fragment of plain news HTML — paragraphs, spans, links, bold, images, line breaks —
 * into the same hast tree that rehype-parse (parse5, then hast-util-from-parse5) makes of it,
 * positions included, about ten times faster. Returns null for anything outside those shapes:
 * another element, a tag left open or closed out of order, a `<p>` inside a `<p>`, a link inside
 * a link, a comment, a carriage return or NUL, a character reference other than `&name;`,
 * `&#n;` and `&#xn;`. parse5 reads those; the test beside this file checks that both agree on
 * every input this reader takes.
 */
export function readSimpleHtml(html: string, lineOf?: (line: number) => number): Root | null {
  try {
    return read(html, lineOf);
  } catch (caught) {
    if (caught === notSimple) return null;
    throw caught;
  }
}

/**
 * @param lineOf where each line of `html` stands in the file it was cut from: positions then
 *   carry those lines and no offsets, as parse-body's moveLines leaves parse5's
 */
function read(html: string, lineOf?: (line: number) => number): Root {
  if (html.includes('\r') || html.includes('\0')) throw notSimple;
  const root: OpenElement = { name: '', attributes: {}, children: [], start: 0 };
  const stack: OpenElement[] = [root];
  /** Open `<p>`, `<a>` and headings: what a start tag of the same kind inside them would close. */
  const open = { p: 0, a: 0, heading: 0 };
  const kindOf = (name: string): keyof typeof open | null => (name === 'p' || name === 'a' ? name : headings.has(name) ? 'heading' : null);
  const points = pointsOf(html, lineOf);
  const position = (start: number, end: number): Position => ({ start: points(start), end: points(end) });

  let text = '';
  let textStart = -1;
  const flushText = (end: number): void => {
    if (textStart < 0) return;
    const node: Text = { type: 'text', value: text, position: position(textStart, end) };
    stack[stack.length - 1]!.children.push(node);
    text = '';
    textStart = -1;
  };

  const length = html.length;
  let at = 0;
  /** Offsets of the next `<` and `&` at or after the text being read (`length` when none). */
  let nextLt = -1;
  let nextAmp = -1;
  while (at < length) {
    const code = html.charCodeAt(at);
    if (code === 0x3c /* < */) {
      const next = html.charCodeAt(at + 1);
      if (isAsciiAlpha(next)) {
        flushText(at);
        const tag = readTag(html, at + 1, false);
        const { name } = tag;
        if (!known.has(name)) throw notSimple;
        if (closesParagraph.has(name) && open.p > 0) throw notSimple;
        const kind = kindOf(name);
        if ((kind === 'heading' || kind === 'a') && open[kind] > 0) throw notSimple;
        if (voidElements.has(name)) {
          stack[stack.length - 1]!.children.push(elementOf(name, tag.attributes, [], position(at, tag.end)));
        } else {
          if (tag.selfClosing) throw notSimple;
          stack.push({ name, attributes: tag.attributes, children: [], start: at });
          if (kind) open[kind]++;
        }
        at = tag.end;
        continue;
      }
      if (next === 0x2f /* / */) {
        if (!isAsciiAlpha(html.charCodeAt(at + 2))) throw notSimple;
        flushText(at);
        const tag = readTag(html, at + 2, true);
        const closed = stack[stack.length - 1]!;
        if (stack.length === 1 || closed.name !== tag.name) throw notSimple;
        stack.pop();
        const kind = kindOf(closed.name);
        if (kind) open[kind]--;
        stack[stack.length - 1]!.children.push(elementOf(closed.name, closed.attributes, closed.children, position(closed.start, tag.end)));
        at = tag.end;
        continue;
      }
      // `<!` (comments, doctypes) and `<?` are parse5's; any other `<` is text. (Before a line
      // feed too, but there parse5 counts the line twice in the positions after it.)
      if (next === 0x21 || next === 0x3f || next === 0x0a) throw notSimple;
      if (textStart < 0) textStart = at;
      text += '<';
      at++;
      continue;
    }
    if (textStart < 0) textStart = at;
    if (code === 0x26 /* & */) {
      const reference = readReference(html, at);
      text += reference.value;
      at = reference.end;
      continue;
    }
    // A run of plain text, up to the next tag or reference: found by indexOf, which is several
    // times faster than a loop over the characters. Each is looked for again only once passed.
    if (nextLt <= at) nextLt = indexOr(html, '<', at + 1, length);
    if (nextAmp <= at) nextAmp = indexOr(html, '&', at + 1, length);
    const end = nextLt < nextAmp ? nextLt : nextAmp;
    text += html.slice(at, end);
    at = end;
  }
  flushText(length);
  if (stack.length !== 1) throw notSimple;
  const tree: Root = { type: 'root', children: root.children, data: { quirksMode: false } };
  // As hast-util-from-parse5 does: the root spans the whole input once any node has a position.
  if (root.children.length > 0) tree.position = position(0, length);
  return tree;
}

/** Where `character` next occurs from `from` on, or `length` when it does not. */
function indexOr(html: string, character: string, from: number, length: number): number {
  const index = html.indexOf(character, from);
  return index === -1 ? length : index;
}

function elementOf(name: string, attributes: Record<string, string>, children: ElementContent[], at: Position): Element {
  // hastscript, as hast-util-from-parse5 uses it: `class` becomes className, numbers numbers.
  const element = h(name, attributes, children);
  element.position = at;
  return element;
}

interface Tag {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly selfClosing: boolean;
  /** Offset just after the tag's `>`. */
  readonly end: number;
}

/**
 * Reads a tag from its name (at `from`) to its `>`. Refuses what parse5 reads with a parse error
 * (a duplicate attribute, a `<` or quote in a name, attributes on an end tag, …): it is parse5's to read.
 */
function readTag(html: string, from: number, isEnd: boolean): Tag {
  const length = html.length;
  let at = from;
  while (at < length && !isTagSpace(html.charCodeAt(at)) && html.charCodeAt(at) !== 0x2f && html.charCodeAt(at) !== 0x3e) at++;
  const name = asciiLower(html.slice(from, at));
  const attributes: Record<string, string> = {};
  let selfClosing = false;
  for (;;) {
    while (at < length && isTagSpace(html.charCodeAt(at))) at++;
    if (at >= length) throw notSimple;
    const code = html.charCodeAt(at);
    if (code === 0x3e /* > */) return { name, attributes, selfClosing, end: at + 1 };
    if (code === 0x2f /* / */) {
      if (isEnd || html.charCodeAt(at + 1) !== 0x3e) throw notSimple;
      selfClosing = true;
      at++;
      continue;
    }
    if (isEnd || selfClosing) throw notSimple;
    // An attribute: its name, then maybe `=` and a value.
    const nameStart = at;
    while (at < length) {
      const c = html.charCodeAt(at);
      if (isTagSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
      if (c === 0x22 || c === 0x27 || c === 0x3c || c === 0x60) throw notSimple;
      at++;
    }
    if (at === nameStart) throw notSimple;
    const attribute = asciiLower(html.slice(nameStart, at));
    if (Object.prototype.hasOwnProperty.call(attributes, attribute) || attribute in Object.prototype) throw notSimple;
    while (at < length && isTagSpace(html.charCodeAt(at))) at++;
    if (html.charCodeAt(at) !== 0x3d /* = */) {
      attributes[attribute] = '';
      // The next attribute must be apart from this one, or the tag end.
      continue;
    }
    at++;
    while (at < length && isTagSpace(html.charCodeAt(at))) at++;
    const quote = html.charCodeAt(at);
    let value = '';
    if (quote === 0x22 || quote === 0x27) {
      at++;
      for (;;) {
        if (at >= length) throw notSimple;
        const c = html.charCodeAt(at);
        if (c === quote) break;
        if (c === 0x26) {
          const reference = readReference(html, at);
          value += reference.value;
          at = reference.end;
          continue;
        }
        let end = at + 1;
        while (end < length && html.charCodeAt(end) !== quote && html.charCodeAt(end) !== 0x26) end++;
        value += html.slice(at, end);
        at = end;
      }
      at++;
      // After a quoted value: a space, `/` or `>` must follow.
      const after = html.charCodeAt(at);
      if (!(isTagSpace(after) || after === 0x2f || after === 0x3e)) throw notSimple;
    } else {
      if (quote === 0x3e || at >= length) throw notSimple;
      while (at < length) {
        const c = html.charCodeAt(at);
        if (isTagSpace(c) || c === 0x3e) break;
        if (c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3d || c === 0x60) throw notSimple;
        if (c === 0x26) {
          const reference = readReference(html, at);
          value += reference.value;
          at = reference.end;
          continue;
        }
        value += html[at];
        at++;
      }
    }
    attributes[attribute] = value;
  }
}

/**
 * A character reference at `at` (an `&`). Takes `&name;` for a name the standard lists,
 * `&#n;` and `&#xn;` for ordinary characters, and an `&` before anything else as itself; refuses
 * the rest (names the standard does not list, references without `;`, control characters, …).
 */
function readReference(html: string, at: number): { value: string; end: number } {
  const next = html.charCodeAt(at + 1);
  if (next === 0x23 /* # */) {
    const hex = (html.charCodeAt(at + 2) | 0x20) === 0x78;
    let end = at + (hex ? 3 : 2);
    const digitsStart = end;
    while (end < html.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(html[end]!)) end++;
    if (end === digitsStart || end - digitsStart > 6 || html.charCodeAt(end) !== 0x3b) throw notSimple;
    const codePoint = Number.parseInt(html.slice(digitsStart, end), hex ? 16 : 10);
    if (!isOrdinaryCharacter(codePoint)) throw notSimple;
    return { value: String.fromCodePoint(codePoint), end: end + 1 };
  }
  if (isAsciiAlnum(next)) {
    let end = at + 1;
    while (end < html.length && isAsciiAlnum(html.charCodeAt(end))) end++;
    if (html.charCodeAt(end) !== 0x3b) throw notSimple;
    const reference = html.slice(at, end + 1);
    const value = decodeHTMLStrict(reference);
    if (value === reference) throw notSimple;
    return { value, end: end + 1 };
  }
  // Anything else after `&` leaves it a plain `&`, as the standard says. (Before a line feed too,
  // but there parse5 counts the line twice in the positions after it.)
  if (next === 0x0a) throw notSimple;
  return { value: '&', end: at + 1 };
}

/** Lower-cased as the standard does, A–Z only; a name with other letters is left to parse5. */
function asciiLower(name: string): string {
  for (let index = 0; index < name.length; index++) if (name.charCodeAt(index) > 0x7e) throw notSimple;
  return name.toLowerCase();
}

/** Not a control character, surrogate, noncharacter or out of range: what a reference may stand for unremarked. */
function isOrdinaryCharacter(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0c;
  if (code >= 0x7f && code <= 0x9f) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code >= 0xfdd0 && code <= 0xfdef) return false;
  if ((code & 0xfffe) === 0xfffe) return false;
  return code <= 0x10ffff;
}

/**
 * Line, column and offset of each offset, as vfile-location counts them (columns in UTF-16 units);
 * with `lineOf`, the line it maps to and no offset.
 */
function pointsOf(html: string, lineOf?: (line: number) => number): (offset: number) => Point {
  const lineStarts = [0];
  for (let index = html.indexOf('\n'); index >= 0; index = html.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  let line = 0;
  return (offset) => {
    // Offsets are asked for mostly in order: walk from the last line found.
    if (lineStarts[line]! > offset) line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    const column = offset - lineStarts[line]! + 1;
    return lineOf ? { line: lineOf(line + 1), column } : { line: line + 1, column, offset };
  };
}

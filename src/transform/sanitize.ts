import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { forEachElement } from './for-each-element.js';
import { parseHtml } from './parse-body.js';
import { compileSchema, sanitizeTree, type SanitizeSchema } from './sanitize-tree.js';
import { slowReaders } from './slow-path.js';

/**
 * The allow-list for article bodies: the structure news needs and nothing that can run.
 * Elements not listed are unwrapped (their text stays); `strip` ones go with their content.
 */
export const articleSchema: SanitizeSchema = {
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'svg', 'math', 'head', 'title', 'frameset', 'frame', 'applet'],
  tagNames: [
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'figure', 'figcaption',
    'img', 'a', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
    'q', 'cite', 'abbr', 'code', 'pre', 'br', 'hr', 'span',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    // Kept only so the source rule can find it; dropped by nothing else.
    p: [['className', 'em_media']],
    ol: ['start', 'reversed'],
    td: ['colSpan', 'rowSpan'],
    th: ['colSpan', 'rowSpan', 'scope'],
    abbr: ['title'],
    blockquote: [],
    '*': ['lang', 'dir'],
  },
  required: {},
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https', 'data'],
    cite: ['http', 'https'],
  },
  ancestors: {
    tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], caption: ['table'],
    li: ['ul', 'ol'], dt: ['dl'], dd: ['dl'], figcaption: ['figure'],
  },
  allowComments: false,
  allowDoctypes: false,
};

/** Raster images only: an SVG data URL can carry script. Base64 or percent-encoded. */
const safeDataImage = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp)[;,]/i;

/**
 * Sanitizes an article tree against {@link articleSchema}.
 * @returns a new tree; the input is left as it was
 */
export function sanitizeArticle(tree: Root): Root {
  let clean = sanitizeOnce(tree);
  if (!mayReparseDifferently(clean)) return clean;
  // Unwrapping an element can leave nesting HTML cannot express: `<p><button></p>…` parses as a
  // `<p>` inside a `<button>` inside a `<p>`, and without the button a browser reads the output
  // differently from this tree. Reading the output back and sanitizing again settles it; the
  // re-read tree's positions would point into our own output, so they go.
  const { toHtml } = slowReaders();
  for (let round = 0; round < 3; round++) {
    const html = toHtml(clean);
    const reread = sanitizeOnce(parseHtml(html));
    if (toHtml(reread) === html) return clean;
    visit(reread, (node) => {
      delete node.position;
    });
    clean = reread;
  }
  return clean;
}

/** Elements whose start tag closes an open `<p>` in the HTML parser. */
const closesParagraph = new Set(['blockquote', 'dl', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'p', 'pre', 'table', 'ul']);
const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** What each table element may hold; a map, so that no tag name finds an Object property. */
const tableParts: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['caption', 'thead', 'tbody', 'tfoot', 'tr'])],
  ['thead', new Set(['tr'])],
  ['tbody', new Set(['tr'])],
  ['tfoot', new Set(['tr'])],
  ['tr', new Set(['td', 'th'])],
]);

/**
 * Whether the tree holds nesting the HTML parser would rebuild (a block inside `<p>`, a link in a
 * link, a heading in a heading, an item in an item, stray table content). Only such trees need the
 * read-back in {@link sanitizeArticle}; the rest — nearly every article — skip its cost.
 */
export function mayReparseDifferently(tree: Root): boolean {
  // How many of each element are open around the node being looked at; a list or table cell
  // starts a fresh count, kept on a stack.
  let open = new Map<string, number>();
  const saved: Map<string, number>[] = [];
  const isOpen = (tag: string): boolean => (open.get(tag) ?? 0) > 0;
  // Given the children, not the node: the root and the elements of each reader have shapes of
  // their own, and reading the node's type first made the compiler make this function again and again.
  const walk = (children: readonly (Root | Element)['children'][number][], allowedInTable: ReadonlySet<string> | undefined): boolean => {
    // Indexed: the children arrays of the readers differ in kind too, and the iterator was specialized to each.
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === 'text' && allowedInTable && child.value.trim() !== '') return true;
      if (child.type !== 'element') continue;
      const tag = child.tagName;
      if (
        (allowedInTable && !allowedInTable.has(tag)) ||
        (isOpen('p') && closesParagraph.has(tag)) ||
        (tag === 'a' && isOpen('a')) ||
        (headings.has(tag) && headingOpen()) ||
        ((tag === 'li' || tag === 'dt' || tag === 'dd') && (isOpen('li') || isOpen('dt') || isOpen('dd')))
      ) {
        return true;
      }
      const fresh = tag === 'ul' || tag === 'ol' || tag === 'dl' || tag === 'table' || tag === 'td' || tag === 'th';
      if (fresh) {
        saved.push(open);
        open = new Map();
      }
      open.set(tag, (open.get(tag) ?? 0) + 1);
      const unstable = child.children.length > 0 && walk(child.children, tableParts.get(tag));
      open.set(tag, open.get(tag)! - 1);
      if (fresh) open = saved.pop()!;
      if (unstable) return true;
    }
    return false;
  };
  const headingOpen = (): boolean => isOpen('h1') || isOpen('h2') || isOpen('h3') || isOpen('h4') || isOpen('h5') || isOpen('h6');
  return walk(tree.children, undefined);
}

const compiledSchema = compileSchema(articleSchema);

function sanitizeOnce(tree: Root): Root {
  const clean = sanitizeTree(tree, compiledSchema);
  forEachElement(clean, (node) => {
    const src = node.properties.src;
    if (typeof src === 'string' && /^\s*data:/i.test(src) && !safeDataImage.test(src.trim())) {
      delete node.properties.src;
    }
    // An allow-listed class that is not there leaves `class=""` behind.
    if (Array.isArray(node.properties.className) && node.properties.className.length === 0) {
      delete node.properties.className;
    }
  });
  return clean;
}

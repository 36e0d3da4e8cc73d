import type { Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';

/**
 * The allow-list for article bodies: the structure news needs and nothing that can run.
 * Elements not listed are unwrapped (their text stays); `strip` ones go with their content.
 */
export const articleSchema: Schema = {
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'svg', 'math', 'head', 'title', 'frameset', 'frame', 'applet'],
  clobberPrefix: '',
  clobber: [],
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

/** Raster images only: an SVG data URL can carry script. */
const safeDataImage = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp);/i;

/**
 * Sanitizes an article tree against {@link articleSchema}.
 * @returns a new tree; the input is left as it was
 */
export function sanitizeArticle(tree: Root): Root {
  const clean = sanitize(tree, articleSchema) as Root;
  visit(clean, 'element', (node) => {
    const src = node.properties.src;
    if (typeof src === 'string' && /^\s*data:/i.test(src) && !safeDataImage.test(src.trim())) {
      delete node.properties.src;
    }
  });
  return clean;
}

/** unified plugin around {@link sanitizeArticle}. */
export default function rehypeSanitizeArticle() {
  return (tree: Root): Root => sanitizeArticle(tree);
}

import type { Root } from 'hast';
import { forEachElement } from './for-each-element.js';

/** Something executable or unsafe that sanitizing removes. */
export interface UnsafeMarkup {
  /** What it is, e.g. `<script>`, `onclick attribute`, `javascript: URL`. */
  readonly what: string;
  /** Line in the body, 1-based, when known. */
  readonly line?: number;
}

const unsafeElements = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'link',
  'frame', 'frameset', 'svg', 'math', 'template', 'noscript',
]);
const urlAttributes = ['href', 'src', 'action', 'formAction', 'poster', 'background', 'cite', 'data', 'xLinkHref', 'srcSet', 'codeBase'];
const unsafeScheme = /^(?:javascript|vbscript|data):/i;

/** Collapses what browsers ignore in a URL scheme (`java\tscript:`, leading controls). */
function schemeOf(url: string): string {
  return url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
}

/** The URLs an attribute holds: one, or each candidate of a srcset (`a.png 1x, b.png 2x`). */
function urlsOf(name: string, value: unknown): string[] {
  if (name !== 'srcSet') return [String(Array.isArray(value) ? value.join(' ') : value)];
  // hast has split the list on commas already; a candidate's URL runs to the first white space.
  const candidates = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return candidates.map((candidate) => candidate.trim().split(/[\t\n\f\r ]+/)[0] ?? '');
}

/**
 * Lists the executable or unsafe markup in a body before it is sanitized, so the build can
 * warn about what it removed. Raster `data:image/` sources are not unsafe.
 */
export function findUnsafeMarkup(tree: Root): UnsafeMarkup[] {
  const found: UnsafeMarkup[] = [];
  forEachElement(tree, (node) => {
    const line = node.position?.start.line;
    if (unsafeElements.has(node.tagName)) found.push({ what: `<${node.tagName}>`, line });
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push({ what: `${name.toLowerCase()} attribute`, line });
      else if (urlAttributes.includes(name)) {
        const image = name === 'src' || name === 'srcSet';
        const url = urlsOf(name, value)
          .map(schemeOf)
          .find((candidate) => unsafeScheme.test(candidate) && !(image && /^data:image\/(?!svg)/.test(candidate)));
        if (url) {
          found.push({ what: `${url.slice(0, url.indexOf(':') + 1)} URL in ${name}`, line });
        }
      }
    }
  });
  return found;
}

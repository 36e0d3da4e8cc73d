import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { projectRoot } from './fixture-site.js';

const documentParser = unified().use(rehypeParse).freeze();
const fragmentParser = unified().use(rehypeParse, { fragment: true }).freeze();

/** A whole HTML page read the way a browser reads it (parse5, scripting on). */
export function parseDocument(html: string): Root {
  return documentParser.parse(html);
}

/** An HTML fragment (a feed entry's content) read the way a browser reads it. */
export function parseFragment(html: string): Root {
  return fragmentParser.parse(html);
}

/** An element with the tag names of its ancestors, outermost first. */
export interface PlacedElement {
  readonly element: Element;
  readonly ancestors: readonly Element[];
}

/** Every element of a tree in document order. Iterative: hostile pages can nest deeply. */
export function allElements(tree: Root | Element): PlacedElement[] {
  const found: PlacedElement[] = [];
  const childrenOf = (node: Root | Element): RootContent[] =>
    node.type === 'element' && node.tagName === 'template' && node.content ? node.content.children : node.children;
  const stack: PlacedElement[] = [];
  const pushChildren = (node: Root | Element, ancestors: readonly Element[]): void => {
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (child.type === 'element') stack.push({ element: child, ancestors });
    }
  };
  pushChildren(tree, []);
  while (stack.length > 0) {
    const placed = stack.pop()!;
    found.push(placed);
    pushChildren(placed.element, [...placed.ancestors, placed.element]);
  }
  return found;
}

/** The text of an element and everything in it. */
export function textContent(node: Root | Element): string {
  let text = '';
  const stack: RootContent[] = [...node.children].reverse();
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element') stack.push(...[...child.children].reverse());
  }
  return text;
}

/** Elements with this class (a hast `className` array holds it). */
export function byClass(tree: Root | Element, className: string): Element[] {
  return allElements(tree)
    .map((placed) => placed.element)
    .filter((element) => Array.isArray(element.properties.className) && element.properties.className.includes(className));
}

/** Elements with this tag name. */
export function byTag(tree: Root | Element, tagName: string): Element[] {
  return allElements(tree)
    .map((placed) => placed.element)
    .filter((element) => element.tagName === tagName);
}

/** hast property names of attributes that hold a URL a browser may load or navigate to. */
const urlProperties = ['href', 'src', 'srcSet', 'action', 'formAction', 'poster', 'background', 'cite', 'data', 'xLinkHref', 'codeBase', 'longDesc', 'ping', 'manifest', 'icon', 'dynsrc', 'lowsrc', 'profile', 'archive', 'classId', 'itemType'];

/** Elements that must never come out of an article body. */
const forbiddenInArticle = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'form', 'input', 'button', 'textarea', 'select',
  'svg', 'math', 'noscript', 'template', 'frame', 'frameset', 'applet', 'param', 'audio', 'video', 'source', 'portal',
]);
/** Elements that must never be anywhere in a built page. */
const forbiddenAnywhere = new Set(['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet', 'portal']);

/**
 * The bundled theme's own scripts, as written in templates/ (those without template tags in them):
 * a script on a page is the theme's only when its text is exactly one of these.
 */
const themeScripts = new Set(
  readdirSync(path.join(projectRoot, 'templates'))
    .filter((name) => name.endsWith('.njk'))
    .flatMap((name) => [...readFileSync(path.join(projectRoot, 'templates', name), 'utf8').matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)])
    .map((match) => match[1]!)
    .filter((text) => !/\{\{|\{%/.test(text))
    .map((text) => text.trim()),
);

/**
 * What a URL's scheme is to a browser: the URL parser strips leading and trailing C0 controls and
 * spaces and removes every tab and newline before it reads the scheme. Entities were decoded by
 * the HTML parser already.
 */
export function schemeOf(url: string): string {
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : '';
}

const rasterDataImage = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp)[;,]/i;

/** The URLs an attribute value holds: one, or a srcset's candidates, or ping's list. */
function urlsOf(property: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  if (property === 'srcSet') return values.flatMap((candidates) => candidates.split(',')).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  if (property === 'ping' || property === 'archive') return values.flatMap((list) => list.split(/\s+/));
  return [values.join(' ')];
}

/**
 * Everything in a built page that could run script or navigate somewhere dangerous: script
 * other than the JSON-LD block in `<head>` and the theme's own, frames and plugins, `<base>`, meta refresh, any
 * `on*` attribute, a javascript:/vbscript:/data: URL (raster `data:image/` sources excepted),
 * and anything but plain article markup inside `.article-body`.
 * @returns one line per hazard; empty when the page is safe
 */
export function pageHazards(html: string, options: { readonly fragment?: boolean } = {}): string[] {
  const tree = options.fragment ? parseFragment(html) : parseDocument(html);
  const hazards: string[] = [];
  for (const { element, ancestors } of allElements(tree)) {
    const tag = element.tagName;
    const inHead = ancestors.some((a) => a.tagName === 'head');
    const inArticle = options.fragment || ancestors.some((a) => Array.isArray(a.properties.className) && a.properties.className.includes('article-body'));
    const where = `<${tag}> in ${ancestors.map((a) => a.tagName).join('>') || 'root'}`;
    if (tag === 'script') {
      const jsonLd = !options.fragment && inHead && element.properties.type === 'application/ld+json' && element.properties.src === undefined;
      const theme = !options.fragment && !inArticle && element.properties.src === undefined && themeScripts.has(textContent(element).trim());
      if (theme) continue;
      if (!jsonLd) hazards.push(`script element: ${where}`);
      else {
        try {
          JSON.parse(textContent(element));
        } catch {
          hazards.push(`JSON-LD block that is not JSON (broken out of?): ${textContent(element).slice(0, 80)}`);
        }
      }
    }
    if (forbiddenAnywhere.has(tag)) hazards.push(`forbidden element: ${where}`);
    if (inArticle && forbiddenInArticle.has(tag)) hazards.push(`element not allowed in an article: ${where}`);
    if (tag === 'meta' && !inHead) hazards.push(`meta outside <head>: ${where}`);
    if (tag === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase().includes('refresh')) hazards.push(`meta refresh: ${where}`);
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) hazards.push(`event handler ${name}="${String(value)}" on ${where}`);
      if (name === 'style' && /expression|javascript:|url\s*\(/i.test(String(value))) hazards.push(`style="${String(value)}" on ${where}`);
      if (!urlProperties.includes(name) || value === null || value === undefined) continue;
      for (const url of urlsOf(name, value)) {
        const scheme = schemeOf(url);
        if (scheme !== 'javascript' && scheme !== 'vbscript' && scheme !== 'data') continue;
        const rasterImage = scheme === 'data' && (tag === 'img' || tag === 'source') && (name === 'src' || name === 'srcSet') && rasterDataImage.test(url.trim());
        if (!rasterImage) hazards.push(`${scheme}: URL in ${name}="${url.slice(0, 60)}" on ${where}`);
      }
    }
  }
  return hazards;
}

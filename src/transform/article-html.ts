import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { htmlVoidElements } from 'html-void-elements';
import { find, html as htmlSchema } from 'property-information';
import { slowReaders } from './slow-path.js';

const voids = new Set(htmlVoidElements);

/** Thrown inside the writer when the tree leaves its plain shapes; never escapes it. */
class NotPlain extends Error {}
const notPlain = new NotPlain();

/**
 * An article tree as HTML: the same string hast-util-to-html writes with its defaults, made by a
 * writer that knows only what a sanitized article holds — HTML elements, text, ordinary
 * attributes — and is about five times faster. Any other node (a comment, raw HTML, an SVG
 * element) or property it does not know how to write sends the whole tree to hast-util-to-html;
 * the test beside this file holds the two to the same output.
 */
export function articleHtml(tree: Root): string {
  return writePlainHtml(tree) ?? slowReaders().toHtml(tree);
}

/** The tree as HTML when it holds only what this writer knows (see articleHtml); null otherwise. */
export function writePlainHtml(tree: Root): string | null {
  try {
    return children(tree.children);
  } catch (caught) {
    if (caught === notPlain) return null;
    throw caught;
  }
}

function children(nodes: readonly (RootContent | ElementContent)[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += escapeText(node.value);
    else if (node.type === 'element') out += element(node);
    else throw notPlain;
  }
  return out;
}

function element(node: Element): string {
  const name = node.tagName;
  // Elements whose content or namespace the writer treats apart.
  if (name === 'svg' || name === 'math' || name === 'template' || name === 'script' || name === 'style' || !/^[a-z][a-z0-9]*$/.test(name)) throw notPlain;
  const attributes = attributesOf(node.properties);
  const content = children(node.children ?? []);
  const open = `<${name}${attributes ? ` ${attributes}` : ''}>`;
  // A void element with children is written as an ordinary one, as hast-util-to-html does.
  return voids.has(name) && content === '' ? open : `${open}${content}</${name}>`;
}

function attributesOf(properties: Properties): string {
  let out = '';
  for (const key in properties) {
    const value = properties[key];
    if (value === null || value === undefined) continue;
    const written = attribute(key, value);
    if (written) out += out ? ` ${written}` : written;
  }
  return out;
}

/** One attribute, following hast-util-to-html's serializeAttribute for HTML with default options. */
function attribute(key: string, given: Properties[string]): string {
  const info = find(htmlSchema, key);
  let value = given;
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true;
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value);
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return '';
  const name = info.attribute;
  // A name that would need escaping is left to hast-util-to-html.
  if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(name)) throw notPlain;
  if (value === true) return name;
  let text: string;
  if (Array.isArray(value)) {
    // Comma-separated lists are written with their own spacing rules: left to hast-util-to-html.
    if (info.commaSeparated) throw notPlain;
    text = value.join(' ').trim();
  } else {
    text = String(value);
  }
  return `${name}="${escapeAttribute(text)}"`;
}

const textSpecial = /[<&]/;
const textSpecials = /[<&]/g;
function escapeText(value: string): string {
  return textSpecial.test(value) ? value.replace(textSpecials, (char) => (char === '<' ? '&#x3C;' : '&#x26;')) : value;
}

const attributeSpecial = /["&'`\0]/;
const attributeSpecials = /["&'`\0]/g;
const attributeReferences: Readonly<Record<string, string>> = { '"': '&#x22;', '&': '&#x26;', "'": '&#x27;', '`': '&#x60;', '\0': '&#x0;' };
function escapeAttribute(value: string): string {
  return attributeSpecial.test(value) ? value.replace(attributeSpecials, (char) => attributeReferences[char]!) : value;
}

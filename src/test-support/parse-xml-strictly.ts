/**
 * Test support for the feed and sitemap tests: a strict XML 1.0 reading into a small tree.
 * Not used by the build; it belongs in src/test-support/ (left beside its tests only because
 * this change was limited to src/feeds/).
 *
 * saxes is the conformant, non-validating parser jsdom uses: unlike lenient parsers it rejects
 * disallowed characters, `]]>` in text, unknown entities and unbound namespace prefixes, so a
 * document it reads is well-formed.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Qualified name as written, e.g. `content` or `urlset`. */
  readonly name: string;
  /** Namespace URI the element is in. */
  readonly uri: string;
  /** Attribute values by qualified name (`href`, `xml:base`), entities decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data, entities decoded (not its children's). */
  readonly text: string;
}

interface OpenElement {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * The document's root element.
 * @throws with saxes's line:column message when the document is not well-formed
 */
export function parseXmlStrictly(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    stack.push({ name: tag.name, uri: tag.uri, attributes, children: [], text: '' });
  });
  parser.on('text', (text) => {
    const open = stack.at(-1);
    if (open) open.text += text;
  });
  parser.on('cdata', (text) => {
    const open = stack.at(-1);
    if (open) open.text += text;
  });
  parser.on('closetag', () => {
    const done = stack.pop()!;
    const parent = stack.at(-1);
    if (parent) parent.children.push(done);
    else root = done;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}

/** Child elements called `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The one child element called `name`. */
export function childNamed(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${element.name}>, found ${found.length}`);
  return found[0]!;
}

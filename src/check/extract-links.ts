import { Parser } from 'htmlparser2';

/** A URL found in a page: an `href`, a `src`, or one candidate of a `srcset`. */
export interface FoundLink {
  /** The URL as the page has it, entities decoded. */
  readonly href: string;
  /** 1-based line of the attribute. */
  readonly line: number;
}

/** What a link checker needs from one page. */
export interface PageLinks {
  readonly links: readonly FoundLink[];
  /** The first `<base href>`, which every relative link in the page resolves against. */
  readonly base?: string;
  /** Every `id`, and every `name` of an `<a>`: what a `#fragment` can point at. */
  readonly anchors: readonly string[];
}

/** Attributes holding one URL, by element. */
const urlAttributes: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src'],
  source: ['src'],
  script: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
};
/** Elements whose `srcset` lists image candidates. */
const srcsetElements = new Set(['img', 'source']);

/**
 * The links, `<base>` and anchors of an HTML page, with the line of each link. Uses htmlparser2's
 * tokenizer, so `<script>` and `<style>` contents, comments and entities are read as a browser would.
 */
export function extractLinks(html: string): PageLinks {
  const links: FoundLink[] = [];
  const anchors: string[] = [];
  let base: string | undefined;
  let tag = '';
  const seen = new Set<string>();
  const lineAt = lineCounter(html);

  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
        seen.clear();
      },
      onattribute(name, value) {
        // A repeated attribute is ignored by browsers: the first one counts.
        if (seen.has(name)) return;
        seen.add(name);
        if (name === 'id' || (name === 'name' && tag === 'a')) {
          anchors.push(value);
        } else if (name === 'href' && tag === 'base') {
          base ??= value;
        } else if (name === 'srcset' && srcsetElements.has(tag)) {
          const line = lineAt(parser.startIndex);
          for (const candidate of srcsetUrls(value)) links.push({ href: candidate, line });
        } else if (urlAttributes[tag]?.includes(name)) {
          links.push({ href: value, line: lineAt(parser.startIndex) });
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { links, base, anchors };
}

/**
 * The line of a character index. Indexes must come in ascending order (parser events do), so the
 * page is scanned once however many links it has.
 */
function lineCounter(text: string): (index: number) => number {
  let line = 1;
  let nextNewline = text.indexOf('\n');
  return (index) => {
    while (nextNewline !== -1 && nextNewline < index) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
}

/**
 * The URLs of a `srcset` (`a.jpg 1x, b.jpg 2x`), split as the HTML standard does: a URL is a run
 * of non-whitespace (commas at its end belong to the list), descriptors run to the next comma.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < srcset.length) {
    while (i < srcset.length && (isSpace(srcset[i]) || srcset[i] === ',')) i++;
    const start = i;
    while (i < srcset.length && !isSpace(srcset[i])) i++;
    let url = srcset.slice(start, i);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Skip the descriptors ("2x", "480w"); a comma inside parentheses does not end them.
      let depth = 0;
      while (i < srcset.length && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (url) urls.push(url);
  }
  return urls;
}

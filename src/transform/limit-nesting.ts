/**
 * Tags no deeper than a limit. A body of tens of thousands of nested elements (`<div>` × 50,000)
 * overflows the stack of the recursive tree walks after the HTML parser (parse5 to hast,
 * sanitize, serialize); browsers cap nesting as well (Blink's parser at 512 levels).
 */

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Comments and raw-text elements are passed over whole: what looks like tags in them is text. */
const token = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<plaintext\b[\s\S]*|<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/gi;

export interface LimitedNesting {
  readonly text: string;
  /** Start tags dropped, with their end tags. */
  readonly dropped: number;
}

/**
 * Drops every start tag that would open an element more than `maxDepth` levels deep, with its
 * end tag; the text inside stays. Depth is counted from the tags as written, without the parser's
 * implied end tags, so it errs high: meant for bodies that already proved too deep.
 */
export function limitNesting(text: string, maxDepth: number): LimitedNesting {
  const open = new Map<string, number>();
  const droppedOpen = new Map<string, number>();
  let depth = 0;
  let dropped = 0;
  const limited = text.replace(token, (whole, rawText: string | undefined, slash: string | undefined, rawName: string | undefined) => {
    if (rawText || !rawName) return whole;
    const name = rawName.toLowerCase();
    if (voidElements.has(name)) return whole;
    if (slash) {
      if ((droppedOpen.get(name) ?? 0) > 0) {
        droppedOpen.set(name, droppedOpen.get(name)! - 1);
        return '';
      }
      if ((open.get(name) ?? 0) > 0) {
        open.set(name, open.get(name)! - 1);
        depth--;
      }
      return whole;
    }
    if (depth >= maxDepth) {
      droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
      dropped++;
      return '';
    }
    open.set(name, (open.get(name) ?? 0) + 1);
    depth++;
    return whole;
  });
  return { text: limited, dropped };
}

export interface LimitedMarkdown {
  readonly text: string;
  /** Lines whose container markers were cut. */
  readonly lines: number;
}

/** One container marker, after any blanks. */
const containerMarker = String.raw`[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))`;

/** By depth: the expression finding a line deeper than it, made once. */
const deeperThan = new Map<number, RegExp>();

/**
 * Keeps at most `maxDepth` container markers (`>` of block quotes, `-`/`*`/`+`/`1.` of list items)
 * at the start of each markdown line; the text after them stays. micromark takes time quadratic in
 * how deep containers nest (50,000 `>` took 15 s) and can overflow the stack on deep lists, while
 * no real post nests more than a few levels.
 */
export function limitMarkdownNesting(markdown: string, maxDepth: number): LimitedMarkdown {
  // Most bodies have no line that deep: one scan says so.
  let deeper = deeperThan.get(maxDepth);
  if (!deeper) deeperThan.set(maxDepth, (deeper = new RegExp(`^(?:${containerMarker}){${maxDepth + 1}}`, 'm')));
  if (!deeper.test(markdown)) return { text: markdown, lines: 0 };
  let lines = 0;
  const text = markdown
    .split('\n')
    .map((line) => {
      let at = 0;
      let depth = 0;
      let keepUpTo = 0;
      for (;;) {
        let i = at;
        while (line[i] === ' ' || line[i] === '\t') i++;
        const marker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(line.slice(i, i + 11));
        if (!marker) break;
        at = i + marker[0].length;
        depth++;
        if (depth === maxDepth) keepUpTo = at;
      }
      if (depth <= maxDepth) return line;
      lines++;
      return line.slice(0, keepUpTo) + line.slice(at);
    })
    .join('\n');
  return { text, lines };
}

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

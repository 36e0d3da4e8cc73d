import nunjucks from 'nunjucks';
import { noteReads, readsWithin, type VolatileRead } from './volatile-reads.js';

/**
 * Of one environment's `{% cached %}` blocks, at most this many renders are kept: a block keyed
 * by something every page has its own of (a URL) would otherwise keep one copy per page. Past it,
 * a block renders every time, as if it were not cached.
 */
export const cachedRendersKept = 2_000;

interface CachedRender {
  readonly html: string;
  /** The volatile values its render read: each page that shows it has read them too (see VolatileRead). */
  readonly reads: readonly VolatileRead[];
}

/** Nunjucks' parser and nodes, as an extension's parse gets them (their types are not published). */
interface Parser {
  nextToken(): { value: string; lineno: number; colno: number };
  parseSignature(tolerant: boolean | null, noParens: boolean): { addChild(node: unknown): void; children: unknown[] };
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}
interface Nodes {
  Literal: new (lineno: number, colno: number, value: unknown) => unknown;
  CallExtension: new (extension: object, method: string, args: unknown, contentArgs: unknown[]) => unknown;
}

/**
 * `{% cached key, … %}…{% endcached %}`: the block is rendered once for each set of key values
 * and shown as then rendered on every page that has the same keys — what Hugo's partialCached and
 * Jekyll's include_cached do. For the parts of a layout that are the same on thousands of pages,
 * such as the navigation, which lists every category on every page: left out of a 10,000-post
 * site's pages, their render took a fifth less time; cached, 5 % less. The block must depend on
 * nothing but its keys and what is the same for the whole site; a `set` inside it does not reach
 * past it.
 *
 * Renders are kept by the environment, which is made anew for every build (and on every thread):
 * nothing from an earlier build is shown. Each block of each template is kept apart.
 */
export class CachedTag {
  readonly tags = ['cached'];
  private readonly renders = new Map<string, CachedRender>();
  /** Numbers the blocks as they are parsed, so that two blocks with the same keys keep apart. */
  private blocks = 0;

  parse(parser: Parser, nodes: Nodes): unknown {
    const tag = parser.nextToken();
    const keys = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tag.value);
    const body = parser.parseUntilBlocks('endcached');
    parser.advanceAfterBlockEnd();
    keys.children.unshift(new nodes.Literal(tag.lineno, tag.colno, this.blocks++));
    return new nodes.CallExtension(this, 'run', keys, [body]);
  }

  run(_context: unknown, ...args: unknown[]): nunjucks.runtime.SafeString {
    const body = args.pop() as () => string;
    const key = JSON.stringify(args);
    const kept = this.renders.get(key);
    if (kept) {
      noteReads(kept.reads);
      return new nunjucks.runtime.SafeString(kept.html);
    }
    const { result: html, reads } = readsWithin(body);
    if (this.renders.size < cachedRendersKept) this.renders.set(key, { html, reads });
    return new nunjucks.runtime.SafeString(html);
  }
}

import { createHash, hash } from 'node:crypto';
import type { RenderJob } from '../parallel/render-job.js';
import type { ContextParts } from '../render/render-page.js';
import type { TemplateKeys } from '../render/template-keys.js';
import type { SiteView } from '../render/view.js';
import type { PageInputs, VolatileRead } from '../render/volatile-reads.js';

/** A page the site has, before deciding whether to render it. */
export interface PageSource {
  /** File written, relative to the destination. */
  readonly outputPath: string;
  /** `post.njk`, `list.njk`, … */
  readonly template: string;
  /**
   * Everything the page's context is made from besides the site view, as text (see
   * postPageInputs): cheap to hash, unlike the context with its post bodies. Made when the page
   * is keyed and dropped after, so 100,000 pages never hold theirs at once.
   */
  readonly inputs: () => PageInputs;
  /** Makes the context (a post page's less its page view, see completeContext); called only for pages that are rendered. */
  readonly context: () => ContextParts;
  /**
   * A list page's newest post's time: list pages are rendered in this order (see
   * renderOrder), so that pages sent to a thread together show many of the same posts.
   */
  readonly newestShown?: number;
}

/**
 * The order pages are rendered in: post pages first, then list pages newest first across all
 * lists. A post is on its home, category, tag, year and month list pages; sent to a thread in one
 * message, its one summary is carried once for all of them (structured clone keeps an object's
 * identity within a message). In list order, each was carried once per list.
 */
export function renderOrder<T extends Pick<PageSource, 'newestShown'>>(pages: readonly T[]): T[] {
  const posts = pages.filter((page) => page.newestShown === undefined);
  const lists = pages.filter((page) => page.newestShown !== undefined).sort((a, b) => b.newestShown! - a.newestShown!);
  return [...posts, ...lists];
}

/** A page's key, with the volatile values it was made with (see VolatileRead). */
export interface KeyedPage {
  readonly key: string;
  readonly reads: readonly VolatileRead[];
}

/**
 * The key of what every page shares: the site view, without the build's time unless a template
 * prints it (only then does the time make every page different), and without its categories'
 * counts, which are keyed by the pages that read them.
 */
export function siteKey(site: SiteView, templates: TemplateKeys): string {
  const hashed = { ...site, time: templates.usesBuildTime ? site.time : '', categories: site.categories.map(({ count: _count, ...term }) => term) };
  return createHash('sha1').update(JSON.stringify(hashed)).digest('base64url');
}

/**
 * A page's identity: the key of its template (with every template it pulls in), the site view's
 * key and the page's own inputs, with the volatile values it reads. Two builds that give a page
 * the same key render the same bytes: a render depends only on what it reads, and the values it
 * does not read (`reads` leaves them out) cannot change what it reads.
 * @param counts the number of posts of every term, by the term's URL (see termCounts)
 */
export function pageKey(page: PageSource, reads: readonly VolatileRead[], templates: TemplateKeys, shared: string, counts: ReadonlyMap<string, number>): string {
  const inputs = page.inputs();
  // One text, hashed in one call (no Hash object for each page): a page whose navigation shows
  // every category's count reads dozens of values, and a call per piece cost more than the hashing.
  let text = `${templates.keyOf(page.template)}\0${shared}\0${inputs.stable}`;
  for (const read of reads) text += `\0${read}=${read === 'totals' ? inputs.totals : String(counts.get(read.slice('count:'.length)) ?? 'none')}`;
  return hash('sha1', text, 'base64url');
}

/** The job that renders a page: its context is made here, one batch of pages at a time. */
export function renderJobOf(page: PageSource): RenderJob {
  return { outputPath: page.outputPath, template: page.template, context: page.context() };
}

/** Anything the build makes, before deciding whether to make it again: a page, a feed. */
export interface PlannedFile<T> {
  /** File written, relative to the destination. */
  readonly outputPath: string;
  /** Everything the file is made from, as text, less what `salt` stands for. */
  readonly inputs: string;
  /** Makes it; called only when its key changed. */
  readonly make: () => T;
}

/** What planFiles decided. */
export interface FilePlan<T> {
  /** Made anew: new, or their key changed. */
  readonly made: readonly T[];
  /** Output paths of files left as they are. */
  readonly kept: readonly string[];
  /** Every file's key, by output path: for the next build. */
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * Files other than pages (feeds): keyed by `salt` (what every file shares, such as the config)
 * and their inputs; only those whose key changed are made.
 */
export function planFiles<T>(files: readonly PlannedFile<T>[], salt: string, unchanged: (outputPath: string, key: string) => boolean): FilePlan<T> {
  const keyOf = (file: PlannedFile<T>): string => createHash('sha1').update(salt).update('\0').update(file.inputs).digest('base64url');
  const { todo, kept, keys } = sortByKey(files, keyOf, unchanged);
  return { made: todo.map((file) => file.make()), kept, keys };
}

/** What planPages decided. */
export interface PagePlan {
  /** To render: new, or their key changed. */
  readonly made: readonly PageSource[];
  /** Output paths of pages left as they are. */
  readonly kept: readonly string[];
  /** A rendered page's key, from the volatile values its render read: for the next build. */
  keyAfterRender(page: PageSource, reads: readonly VolatileRead[]): string;
}

/** What the planner needs of the last build's pages (see PageCache). */
export interface PlannedPages {
  /** Whether the last build left this page with this key, intact. */
  unchanged(outputPath: string, key: string): boolean;
  /** The volatile values the last build's render of this page read; undefined when it had no such page. */
  readsOf(outputPath: string): readonly VolatileRead[] | undefined;
}

/**
 * The incremental planner, shared by `build` and `dev`: every page of the laid-out site is keyed,
 * and only pages whose key differs from the last build's (or whose output is gone) are rendered.
 * A post edit thus renders the post, the neighbours and related posts that show its title, and the
 * list and archive pages it appears on; a template edit renders the pages that use the template.
 * Each page is keyed with the volatile values its last render read. The pages to render come
 * back as sources: their contexts are made when they are rendered.
 */
export function planPages(pages: readonly PageSource[], site: SiteView, counts: ReadonlyMap<string, number>, templates: TemplateKeys, last: PlannedPages): PagePlan {
  const shared = siteKey(site, templates);
  const planned = new Map<string, KeyedPage>();
  const made: PageSource[] = [];
  const kept: string[] = [];
  for (const page of pages) {
    const reads = last.readsOf(page.outputPath);
    // A page the last build did not have is made, and keyed once it is (a cold build keys every
    // page while the threads render, not before).
    if (reads === undefined) {
      made.push(page);
      continue;
    }
    const key = pageKey(page, reads, templates, shared, counts);
    if (last.unchanged(page.outputPath, key)) {
      kept.push(page.outputPath);
    } else {
      planned.set(page.outputPath, { key, reads });
      made.push(page);
    }
  }
  return {
    made,
    kept,
    keyAfterRender(page, reads) {
      const before = planned.get(page.outputPath);
      return before && before.reads.join() === reads.join() ? before.key : pageKey(page, reads, templates, shared, counts);
    },
  };
}

/** Keys every item and sorts it: left as the last build made it, or to be made. */
function sortByKey<T extends { readonly outputPath: string }>(
  items: readonly T[],
  keyOf: (item: T) => string,
  unchanged: (outputPath: string, key: string) => boolean,
): { todo: T[]; kept: string[]; keys: Map<string, string> } {
  const todo: T[] = [];
  const kept: string[] = [];
  const keys = new Map<string, string>();
  for (const item of items) {
    const key = keyOf(item);
    keys.set(item.outputPath, key);
    if (unchanged(item.outputPath, key)) kept.push(item.outputPath);
    else todo.push(item);
  }
  return { todo, kept, keys };
}

import type { TemplateContext, TermView } from './view.js';

/**
 * A value of a page's context that changes with nearly every new post, though most pages never
 * show it, as read by a render: the number of posts of one category, tag, year or month
 * (`count:` and the term's URL), or a list's number of pages and posts (`totals`). A page's key
 * takes in only the values its last render read, so a new post does not render again every page
 * whose navigation lists the categories.
 */
export type VolatileRead = 'totals' | `count:${string}`;

/** Everything a page's context is made from besides the site view, as text, with its volatile values apart. */
export interface PageInputs {
  /** All but the volatile values: term counts are looked up by term when read (see termCounts). */
  readonly stable: string;
  /** A list page's number of pages and posts. */
  readonly totals: string;
}

/** The reads of the render running now; null between renders (building keys reads counts too). */
let reading: Set<VolatileRead> | null = null;

/**
 * Runs a render and says which volatile values it read, through the getters of {@link watchedContext}.
 * Renders are synchronous, so one render at a time runs on a thread.
 */
export function readsDuring<T>(render: () => T): { readonly result: T; readonly reads: readonly VolatileRead[] } {
  const { result, reads } = readsWithin(render);
  return { result, reads: [...reads].sort() };
}

/**
 * Runs part of a render and says which volatile values that part read; the render it is part of
 * has read them too. For a part rendered once and shown on many pages (see CachedTag).
 */
export function readsWithin<T>(render: () => T): { readonly result: T; readonly reads: readonly VolatileRead[] } {
  const outer = reading;
  const inner = new Set<VolatileRead>();
  reading = inner;
  try {
    const result = render();
    return { result, reads: [...inner] };
  } finally {
    reading = outer;
    if (outer) for (const read of inner) outer.add(read);
  }
}

/** Notes, for the render running now, the values a part it shows read when it was rendered (see readsWithin). */
export function noteReads(reads: readonly VolatileRead[]): void {
  if (reading) for (const read of reads) reading.add(read);
}

/**
 * Copies of term views whose `count` notes its read, by what they hold. By value, not by object:
 * every message to a thread brings new copies of the same few terms, and keying a WeakMap by each
 * (with a copy made for each) cost a sixth of a page's render. Cleared when large, so a thread
 * kept between builds does not gather the counts of every build.
 */
const watchedTerms = new Map<string, TermView>();
const watchedTermsKept = 20_000;

/**
 * The same, by the object received: the pages of one message share each term's view (see
 * termView), so all but the first of a message's copies are found without a key.
 */
let watchedByObject = new WeakMap<TermView, TermView>();

function watchedTerm<T extends TermView | null>(term: T): T {
  if (!term) return term;
  const seen = watchedByObject.get(term);
  if (seen) return seen as T;
  // A term view holds these four (see termView); JSON.stringify of each cost twice as much.
  const key = `${term.url}\n${term.count}\n${term.name}\n${term.slug}`;
  let watched = watchedTerms.get(key);
  if (!watched) {
    const { count, url } = term;
    const read: VolatileRead = `count:${url}`;
    watched = Object.defineProperty({ ...term }, 'count', {
      enumerable: true,
      get() {
        reading?.add(read);
        return count;
      },
    });
    if (watchedTerms.size >= watchedTermsKept) {
      watchedTerms.clear();
      watchedByObject = new WeakMap();
    }
    watchedTerms.set(key, watched);
  }
  watchedByObject.set(term, watched);
  return watched as T;
}

function watchedTermList(terms: readonly TermView[]): readonly TermView[] {
  return terms.map(watchedTerm);
}

const watchedSites = new WeakMap<TemplateContext['site'], TemplateContext['site']>();

/**
 * The context with its volatile values behind getters that note their reads (see
 * {@link readsDuring}). Made on the thread that renders: getters do not survive being sent to a
 * worker. The context given is left as it is.
 */
export function watchedContext(context: TemplateContext): TemplateContext {
  let site = watchedSites.get(context.site);
  if (!site) {
    site = { ...context.site, categories: watchedTermList(context.site.categories) };
    watchedSites.set(context.site, site);
  }
  const { post, list } = context;
  return {
    ...context,
    site,
    ...(post ? { post: { ...post, category: watchedTerm(post.category), categories: watchedTermList(post.categories), tags: watchedTermList(post.tags) } } : {}),
    ...(list
      ? {
          list: {
            ...list,
            term: watchedTerm(list.term),
            posts: list.posts.map((summary) => ({ ...summary, category: watchedTerm(summary.category) })),
            pagination: watchedTotals(list.pagination),
          },
        }
      : {}),
  };
}

function watchedTotals<T extends { readonly total_pages: number; readonly total_posts: number }>(pagination: T): T {
  const { total_pages: pages, total_posts: posts } = pagination;
  return Object.defineProperties(
    { ...pagination },
    {
      total_pages: { enumerable: true, get: () => (reading?.add('totals'), pages) },
      total_posts: { enumerable: true, get: () => (reading?.add('totals'), posts) },
    },
  );
}

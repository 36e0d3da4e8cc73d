import type { SiteConfig } from '../config/site-config.js';
import { error, type Problem } from '../report/problem.js';
import { outputFileOf, slugifyTerm, urlOf } from './paths.js';
import { foldPath, placeOf, type PostPlace } from './post-place.js';
import type { ArchiveYear, ListPage, PostLink, PostPage, Site, SiteEntry, Term } from './site.js';

export interface BuiltSite {
  readonly site: Site;
  readonly problems: readonly Problem[];
}

type Settings = Pick<SiteConfig, 'permalink' | 'baseurl' | 'paginate' | 'paginateStable' | 'slugify' | 'categoryNames'>;

/** Newest first; ties broken by source path so every build orders posts the same way. */
function newestFirst(a: SiteEntry, b: SiteEntry): number {
  return b.post.date.epochMs - a.post.date.epochMs || (a.post.sourcePath < b.post.sourcePath ? -1 : 1);
}

/**
 * Lays the site out: a page per post, category and tag lists, the home page, all paginated,
 * with URLs, output paths and prev/next links. Pure. Refuses unsafe paths and two pages on one
 * path (the later source is skipped with an error naming both).
 */
export function buildSite(entries: readonly SiteEntry[], config: Settings): BuiltSite {
  const problems: Problem[] = [];
  const sorted = [...entries].sort(newestFirst);

  // Paths first: a post whose path is unsafe or taken is left out of every list.
  const claimed = new Map<string, string>();
  const placement = new Map<SiteEntry, PostPlace>();
  // Older posts claim paths first, so a new post never takes an existing post's URL;
  // between posts of the same time, the first source path in sort order wins.
  for (const entry of oldestFirstOf(sorted)) {
    const { post } = entry;
    const place = entry.place ?? placeOf(post, config);
    if (place.unsafe) {
      problems.push(
        error(post.sourcePath, 'site/permalink', `unsafe permalink "${place.path}": ${place.unsafe}`, 'use a permalink made of plain path segments, like /:year/:month/:title.html', 1),
      );
      continue;
    }
    const key = place.foldedPath ?? place.outputPath;
    const owner = claimed.get(key);
    if (owner) {
      // NFC and NFD spellings of one name print alike: say so, or the message names one file twice.
      const twins = owner !== post.sourcePath && owner.normalize('NFC') === post.sourcePath.normalize('NFC');
      const which = twins ? `${owner} (the same name in another Unicode normalization, NFC vs NFD)` : owner;
      problems.push(
        error(post.sourcePath, 'site/duplicate-url', `writes to ${place.outputPath}, which ${which} also writes to; skipped`, 'give one of them another permalink, slug or date', 1),
      );
      continue;
    }
    claimed.set(key, post.sourcePath);
    placement.set(entry, place);
  }
  // Newest first, as sorted: one sort for the whole layout (three took a quarter of its time).
  const placed: { entry: SiteEntry; place: PostPlace }[] = [];
  for (const entry of sorted) {
    const place = placement.get(entry);
    if (place) placed.push({ entry, place });
  }

  const categories = collectTerms('category', placed.map((p) => p.entry), config);
  const tags = collectTerms('tag', placed.map((p) => p.entry), config);

  // Made here and filled in below (neighbours, related posts) before anything else sees them: one
  // object per post instead of a copy per step, at 10,000 posts a tenth of the layout's time.
  const pages: Mutable<PostPage>[] = placed.map(({ entry, place }) => {
    const postCategories = entry.post.categories.map((c) => categories.byKey.get(c)!).filter(Boolean);
    return {
      kind: 'post',
      entry,
      path: place.path,
      outputPath: place.outputPath,
      url: place.url,
      category: postCategories[0] ?? null,
      categories: uniqueTerms(postCategories),
      tags: uniqueTerms(entry.post.tags.map((t) => tags.byKey.get(t)!).filter(Boolean)),
      prev: null,
      next: null,
      related: [],
    };
  });
  // One link object per post, whichever pages link to it: its view is then made once too (see linkView).
  const links = new Map<PostPage, PostLink>();
  const linkTo = (page: PostPage): PostLink => {
    let link = links.get(page);
    if (!link) {
      link = { title: page.entry.title, url: page.url };
      links.set(page, link);
    }
    return link;
  };
  linkNeighbours(pages, linkTo);

  // One pass over the posts indexes every term's posts, already newest first.
  const postsOfTerm = new Map<Term, PostPage[]>();
  for (const page of pages) {
    for (const term of page.categories) addTo(postsOfTerm, term, page);
    for (const term of page.tags) addTo(postsOfTerm, term, page);
  }
  relatePosts(pages, postsOfTerm, linkTo);
  const archive = collectArchive(pages, config);
  for (const [term, posts] of archive.postsOfTerm) postsOfTerm.set(term, posts);

  const termLists = [...categories.terms, ...tags.terms].flatMap((term) =>
    paginate(term.kind, term, postsOfTerm.get(term) ?? [], `${term.kind}/${term.slug}.html`, (n) => `${term.kind}/${term.slug}/page${n}.html`, config),
  );
  const dateLists = archive.years.flatMap(({ year, months }) =>
    [year, ...months].flatMap((term) => paginate(term.kind, term, postsOfTerm.get(term) ?? [], term.path, (n) => `${term.path}page${n}.html`, config)),
  );
  const homeLists = paginate('home', null, pages, '', (n) => `page${n}.html`, config);
  const lists: ListPage[] = [...homeLists, ...termLists, ...dateLists];
  for (const list of lists) {
    const key = foldPath(list.outputPath);
    const owner = claimed.get(key);
    if (owner) {
      problems.push(
        error(owner, 'site/duplicate-url', `writes to ${list.outputPath}, which the ${list.kind} list also writes to`, 'give the post another permalink', 1),
      );
    }
  }

  return { site: { posts: pages, lists, categories: categories.terms, tags: tags.terms, archive: archive.years }, problems };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Oldest first, posts of the same time in source path order as in `newest`: the newest-first
 * order reversed, with each run of posts of one time put back in its order.
 */
function oldestFirstOf(newest: readonly SiteEntry[]): SiteEntry[] {
  const oldest: SiteEntry[] = [];
  let end = newest.length;
  while (end > 0) {
    const time = newest[end - 1]!.post.date.epochMs;
    let start = end - 1;
    while (start > 0 && newest[start - 1]!.post.date.epochMs === time) start--;
    for (let i = start; i < end; i++) oldest.push(newest[i]!);
    end = start;
  }
  return oldest;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** @param terms a list of its own, returned as it is when it cannot hold a term twice */
function uniqueTerms(terms: Term[]): Term[] {
  return terms.length < 2 ? terms : [...new Set(terms)];
}

interface TermIndex {
  readonly terms: readonly Term[];
  /** Term by the name as written in a post's front matter. */
  readonly byKey: ReadonlyMap<string, Term>;
}

/** Groups posts into categories or tags; names that slugify alike share one term. */
function collectTerms(kind: Term['kind'], entries: readonly SiteEntry[], config: Settings): TermIndex {
  const bySlug = new Map<string, { key: string; keys: Set<string>; entries: Set<SiteEntry> }>();
  for (const entry of entries) {
    const names = kind === 'category' ? entry.post.categories : entry.post.tags;
    for (const name of names) {
      const slug = slugifyTerm(name, config.slugify);
      const group = bySlug.get(slug) ?? { key: name, keys: new Set<string>(), entries: new Set<SiteEntry>() };
      group.keys.add(name);
      group.entries.add(entry);
      bySlug.set(slug, group);
    }
  }
  const terms: Term[] = [];
  const byKey = new Map<string, Term>();
  for (const [slug, group] of bySlug) {
    const path = `${kind}/${slug}.html`;
    const term: Term = {
      kind,
      key: group.key,
      name: kind === 'category' ? categoryName(group.key, slug, [...group.entries], config) : group.key,
      slug,
      path,
      url: urlOf(path, config.baseurl),
      count: group.entries.size,
    };
    terms.push(term);
    for (const key of group.keys) byKey.set(key, term);
  }
  terms.sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
  return { terms, byKey };
}

/**
 * A category's display name: configured (`category_names`), else what its posts say —
 * the back-link `返回X新闻`, else a tag `X新闻` — else the category as written.
 */
export function categoryName(key: string, slug: string, entries: readonly SiteEntry[], config: Settings): string {
  const configured = config.categoryNames[key] ?? config.categoryNames[slug];
  if (configured) return configured;
  const fromBackNav = mostCommon(entries.map((e) => e.article.backNavName));
  if (fromBackNav) return fromBackNav;
  const fromTags = mostCommon(entries.flatMap((e) => e.post.tags.map((t) => /^(.+)新闻$/.exec(t)?.[1] ?? null)));
  return fromTags ?? key;
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Sets prev (older) and next (newer) within each post's first category. */
function linkNeighbours(pages: readonly Mutable<PostPage>[], linkTo: (page: PostPage) => PostLink): void {
  const groups = new Map<Term | null, Mutable<PostPage>[]>();
  for (const page of pages) addTo(groups, page.category, page);
  for (const group of groups.values()) {
    group.forEach((page, index) => {
      const older = group[index + 1];
      const newer = group[index - 1];
      page.prev = older ? linkTo(older) : null;
      page.next = newer ? linkTo(newer) : null;
    });
  }
}

/** How many posts either side of a post, in each of its term lists, are weighed as related. */
const relatedWindow = 10;
const relatedCount = 5;

/**
 * Sets each post's related posts, from the term indexes: the posts near it (in time) in each of its
 * category and tag lists, ranked by how many terms they share, then newest first. Each post looks
 * at a bounded number of candidates, so the whole site costs O(posts × terms), never O(posts²).
 */
function relatePosts(pages: readonly Mutable<PostPage>[], postsOfTerm: ReadonlyMap<Term, readonly PostPage[]>, linkTo: (page: PostPage) => PostLink): void {
  // Posts by number, and each term list as numbers: counting in a typed array, not a Map keyed by
  // post, is most of this function's time at 10,000 posts.
  const numberOf = new Map<PostPage, number>();
  pages.forEach((page, i) => numberOf.set(page, i));
  const lists = [...postsOfTerm.values()].map((list) => Int32Array.from(list, (page) => numberOf.get(page) ?? -1));
  // Where each post stands in each of its terms' lists (list, place), found in one pass over the lists.
  const places: number[][] = pages.map(() => []);
  lists.forEach((list, which) => list.forEach((post, at) => post >= 0 && places[post]!.push(which, at)));
  const shared = new Int32Array(pages.length);
  const candidates: number[] = [];
  // More shared terms first, then newer, then by URL: URLs are unique, so no two rank alike.
  const ranksBefore = (a: number, b: number): boolean => {
    if (shared[a] !== shared[b]) return shared[a]! > shared[b]!;
    const timeA = pages[a]!.entry.post.date.epochMs;
    const timeB = pages[b]!.entry.post.date.epochMs;
    return timeA !== timeB ? timeA > timeB : pages[a]!.url < pages[b]!.url;
  };
  pages.forEach((page, self) => {
    const own = places[self]!;
    for (let p = 0; p < own.length; p += 2) {
      const list = lists[own[p]!]!;
      const at = own[p + 1]!;
      const last = Math.min(list.length - 1, at + relatedWindow);
      for (let i = Math.max(0, at - relatedWindow); i <= last; i++) {
        const other = list[i]!;
        if (other === self || other < 0) continue;
        const count = shared[other]! + 1;
        shared[other] = count;
        if (count === 1) candidates.push(other);
      }
    }
    // The best few kept in order as the candidates come, rather than all of them sorted.
    const best: number[] = [];
    for (const candidate of candidates) {
      if (best.length === relatedCount && !ranksBefore(candidate, best[relatedCount - 1]!)) continue;
      let at = best.length < relatedCount ? best.length : relatedCount - 1;
      while (at > 0 && ranksBefore(candidate, best[at - 1]!)) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = candidate;
    }
    for (const candidate of candidates) shared[candidate] = 0;
    candidates.length = 0;
    page.related = best.map((other) => linkTo(pages[other]!));
  });
}

/** The date archive: a term per year and per month that has posts, with their posts newest first. */
function collectArchive(pages: readonly PostPage[], config: Settings): { years: ArchiveYear[]; postsOfTerm: Map<Term, PostPage[]> } {
  const byYear = new Map<number, Map<number, PostPage[]>>();
  for (const page of pages) {
    const { year, month } = page.entry.post.date;
    let months = byYear.get(year);
    if (!months) byYear.set(year, (months = new Map()));
    addTo(months, month, page);
  }
  const postsOfTerm = new Map<Term, PostPage[]>();
  const years: ArchiveYear[] = [...byYear.keys()]
    .sort((a, b) => b - a)
    .map((year) => {
      const monthMap = byYear.get(year)!;
      const months = [...monthMap.keys()]
        .sort((a, b) => b - a)
        .map((month) => {
          const mm = String(month).padStart(2, '0');
          const path = `archive/${year}/${mm}/`;
          const posts = monthMap.get(month)!;
          const term: Term = { kind: 'month', key: `${year}-${mm}`, name: `${year}年${month}月`, slug: `${year}-${mm}`, path, url: urlOf(path, config.baseurl), count: posts.length };
          postsOfTerm.set(term, posts);
          return term;
        });
      const path = `archive/${year}/`;
      const posts = months.flatMap((m) => postsOfTerm.get(m)!);
      const term: Term = { kind: 'year', key: String(year), name: `${year}年`, slug: String(year), path, url: urlOf(path, config.baseurl), count: posts.length };
      postsOfTerm.set(term, posts);
      return { year: term, months };
    });
  return { years, postsOfTerm };
}

/**
 * Splits a list into pages: page 1 at `firstPath` (`''` is the home page, `index.html`),
 * page N at `nthPath(N)`. With `paginateStable`, see {@link stablePageGroups}.
 */
function paginate(
  kind: ListPage['kind'],
  term: Term | null,
  posts: readonly PostPage[],
  firstPath: string,
  nthPath: (n: number) => string,
  config: Settings,
): ListPage[] {
  const size = Math.max(1, config.paginate);
  const stable = config.paginateStable;
  // Newest first, as pages are read; `numbers[i]` is the number in the URL of `groups[i]`.
  const groups = stable ? stablePageGroups(posts, size) : newestPageGroups(posts, size);
  const totalPages = groups.length;
  const numberOf = (index: number): number => (stable ? totalPages - index : index + 1);
  const pathOf = (index: number): string => (index === 0 ? firstPath : nthPath(numberOf(index)));
  const urls = groups.map((_, index) => urlOf(pathOf(index), config.baseurl));
  const pageUrls = stable ? [...urls].reverse() : urls;
  return groups.map((group, index) => ({
    kind,
    term,
    path: pathOf(index),
    outputPath: outputFileOf(pathOf(index)),
    url: urls[index]!,
    posts: group,
    pageNumber: numberOf(index),
    totalPages,
    totalPosts: posts.length,
    pageUrls,
    newerUrl: index > 0 ? urls[index - 1]! : null,
    olderUrl: index < totalPages - 1 ? urls[index + 1]! : null,
    stable,
  }));
}

/** Pages of `size` posts from the newest; at least one page, perhaps empty. */
function newestPageGroups(posts: readonly PostPage[], size: number): PostPage[][] {
  const groups: PostPage[][] = [];
  for (let start = 0; start < posts.length; start += size) groups.push(posts.slice(start, start + size));
  return groups.length ? groups : [[]];
}

/**
 * Stable pages, newest first: the first page shows the newest `size` posts, and the rest are
 * cut into pages of `size` from the oldest post on, so that only the newest of those may be
 * short. A new post lands on the first page and pushes one post onto the newest numbered page;
 * every older page keeps its posts.
 */
function stablePageGroups(posts: readonly PostPage[], size: number): PostPage[][] {
  const groups: PostPage[][] = [posts.slice(0, size)];
  const rest = posts.length - size;
  const numbered = Math.max(0, Math.ceil(rest / size));
  // Page n (1 = oldest) holds the posts at oldest-first positions (n - 1) × size … n × size − 1.
  for (let n = numbered; n >= 1; n--) groups.push(posts.slice(Math.max(size, posts.length - n * size), posts.length - (n - 1) * size));
  return groups;
}

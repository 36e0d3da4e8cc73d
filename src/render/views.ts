import { hash } from 'node:crypto';
import type { SiteConfig } from '../config/site-config.js';
import { formatDay, formatDisplay, formatIso, type PostDate } from '../content/post-date.js';
import { urlOf } from '../site/paths.js';
import type { ListPage, PostLink, PostPage, Site, Term } from '../site/site.js';
import type { PageInputs } from './volatile-reads.js';
import type { ArchiveView, DateView, LinkView, ListView, PageNumberView, PageView, PostSummaryView, PostView, SiteView, TermView } from './view.js';

type ViewConfig = Pick<SiteConfig, 'title' | 'description' | 'lang' | 'url' | 'baseurl'>;

export function dateView(date: PostDate): DateView {
  return {
    iso: formatIso(date),
    display: formatDisplay(date),
    day: formatDay(date),
    year: String(date.year),
    month: String(date.month).padStart(2, '0'),
  };
}

/**
 * Views made, by term and by link: a term or a link shows on many pages, and pages sent to a
 * thread together carry one object once (structured clone keeps identity within a message), each
 * copy cloned and read back again. Views are read-only, so one is shared.
 */
const termViews = new WeakMap<Term, TermView>();
const linkViews = new WeakMap<PostLink, LinkView>();

export function termView(term: Term): TermView {
  let view = termViews.get(term);
  if (!view) {
    view = { name: term.name, url: term.url, slug: term.slug, count: term.count };
    termViews.set(term, view);
  }
  return view;
}

function linkView(link: PostLink): LinkView {
  let view = linkViews.get(link);
  if (!view) {
    view = { name: link.title, url: link.url };
    linkViews.set(link, view);
  }
  return view;
}

export function siteView(site: Site, config: ViewConfig & Pick<SiteConfig, 'search'>, buildTime: Date): SiteView {
  return {
    title: config.title,
    description: config.description,
    lang: config.lang,
    url: config.url,
    baseurl: config.baseurl,
    home_url: `${config.baseurl}/`,
    archive_url: `${config.baseurl}/archive/`,
    feed_url: config.url ? urlOf('feed.xml', config.baseurl) : null,
    search_url: config.search ? urlOf('search.html', config.baseurl) : null,
    categories: site.categories.map(termView),
    time: buildTime.toISOString(),
  };
}

/**
 * Summaries made, by post page: a post is shown on its home, category, tag, year and month list
 * pages, and its summary is made once for all of them. Views are read-only, so one is shared.
 */
const summaries = new WeakMap<PostPage, PostSummaryView>();

export function postSummaryView(page: PostPage): PostSummaryView {
  let summary = summaries.get(page);
  if (!summary) {
    summary = summaryOf(page);
    summaries.set(page, summary);
  }
  return summary;
}

function summaryOf(page: PostPage): PostSummaryView {
  return {
    title: page.entry.title,
    url: page.url,
    date: dateView(page.entry.post.date),
    category: page.category ? termView(page.category) : null,
    excerpt: page.entry.post.excerpt ?? page.entry.article.excerpt,
  };
}

/**
 * @param content the article's HTML
 * The summary's fields written out one by one, not spread: this runs for every post page on the
 * thread that hands pages to the workers, and spread literals are slow to make and to send.
 */
export function postView(page: PostPage, content: string): PostView {
  const { article, post } = page.entry;
  const summary = postSummaryView(page);
  return {
    title: summary.title,
    url: summary.url,
    date: summary.date,
    category: summary.category,
    excerpt: summary.excerpt,
    categories: page.categories.map(termView),
    tags: page.tags.map(termView),
    content,
    byline: article.byline,
    source: article.source,
    source_url: article.sourceUrl,
    toc: article.toc,
    chars: article.chars,
    reading_minutes: article.readingMinutes,
    prev: page.prev ? linkView(page.prev) : null,
    next: page.next ? linkView(page.next) : null,
    related: page.related.map(linkView),
    data: post.data,
  };
}

/**
 * Everything a post page's views are made from besides the site and config, as text: the page,
 * with its entry stood for by the entry's digest. Equal inputs give equal views; keeping this
 * beside postView and postPageView keeps the two in step.
 */
export function postPageInputs(page: PostPage): PageInputs {
  const { entry, path, url, prev, next, related } = page;
  let text = `${entry.digest}\n${path}\n${url}\n${linkText(prev)} ${linkText(next)}\n`;
  for (const link of related) text += `${linkText(link)} `;
  return { stable: `${text}\n${termText(page.category)}${termsText(page.categories)}${termsText(page.tags)}`, totals: '' };
}

/**
 * What stands for a link, a term or a listed post in the inputs of the pages that show it: the
 * digest of its text, made once. Each is shown on many pages, and with its whole text in each,
 * keying the pages of 10,000 posts hashed 25 million characters (7 million so), most of them
 * Chinese titles and names hashed again for every page that shows them.
 */
function digestOfText(text: string): string {
  return hash('sha1', text, 'base64url');
}

const linkTexts = new WeakMap<PostLink, string>();
function linkText(link: PostLink | null): string {
  if (!link) return '-';
  let text = linkTexts.get(link);
  if (text === undefined) {
    text = digestOfText(JSON.stringify([link.title, link.url]));
    linkTexts.set(link, text);
  }
  return text;
}

/** A term without its count (see VolatileRead), as the digest of its text. */
const termTexts = new WeakMap<Term, string>();
export function termText(term: Term | null): string {
  if (!term) return '-';
  let text = termTexts.get(term);
  if (text === undefined) {
    const { count: _count, ...rest } = term;
    text = digestOfText(JSON.stringify(rest));
    termTexts.set(term, text);
  }
  return text;
}

export function termsText(terms: readonly Term[]): string {
  return `[${terms.map(termText).join(' ')}]`;
}

/** The number of posts of every term of the site, by the term's URL: for the pages that show them (see VolatileRead). */
export function termCounts(site: Site): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of [...site.categories, ...site.tags, ...site.archive.flatMap(({ year, months }) => [year, ...months])]) counts.set(term.url, term.count);
  return counts;
}

/** Whether a list page's description tells its number of posts: not on a stable list's numbered pages, which keep their posts. */
function describesTotal(page: ListPage): boolean {
  return page.term !== null && (!page.stable || page.newerUrl === null);
}

/** As postPageInputs, for a list page: what listView and listPageView read of it. */
export function listPageInputs(page: ListPage): PageInputs {
  const head = JSON.stringify([
    page.kind,
    page.path,
    page.url,
    page.pageNumber,
    page.stable,
    page.newerUrl,
    page.olderUrl,
    frontUrl(page),
    pageLinks(page),
    describesTotal(page) ? page.totalPosts : null,
  ]);
  return {
    stable: `${head}${termText(page.term)}\n${page.posts.map(listedText).join('\n')}`,
    totals: `${page.totalPages} ${page.totalPosts}`,
  };
}

/** A post as a list page's inputs show it, once per post: each is on its home, term and date lists. */
const listedTexts = new WeakMap<PostPage, string>();
function listedText(post: PostPage): string {
  let text = listedTexts.get(post);
  if (text === undefined) {
    text = digestOfText(`${post.entry.digest} ${post.url} ${termText(post.category)}`);
    listedTexts.set(post, text);
  }
  return text;
}

/** The list's first page, with the newest posts. */
function frontUrl(page: ListPage): string {
  return page.stable ? page.pageUrls.at(-1)! : page.pageUrls[0]!;
}

/**
 * The numbered pages a list page links to (see pageWindow), in reading order: from page 1 up on
 * a list numbered from the newest, from the newest down on a stable one (see stablePageWindow),
 * whose front page comes before them all.
 */
function pageLinks(page: ListPage): PageNumberView[] {
  const link = (number: number, gapBefore: boolean): PageNumberView => ({ number, url: page.pageUrls[number - 1]!, current: number === page.pageNumber, gap_before: gapBefore });
  if (!page.stable) return pageWindow(page.pageNumber, page.totalPages).map((number, i, shown) => link(number, i > 0 && number - shown[i - 1]! > 1));
  const numbered = page.totalPages - 1;
  return stablePageWindow(page.pageNumber, numbered)
    .reverse()
    .map((number, i, shown) => link(number, i === 0 ? number < numbered : shown[i - 1]! - number > 1));
}

export function listView(page: ListPage): ListView {
  return {
    kind: page.kind,
    term: page.term ? termView(page.term) : null,
    posts: page.posts.map(postSummaryView),
    pagination: {
      page: page.pageNumber,
      total_pages: page.totalPages,
      total_posts: page.totalPosts,
      prev: page.newerUrl,
      next: page.olderUrl,
      pages: pageLinks(page),
      stable: page.stable,
      front: page.newerUrl === null,
      front_url: frontUrl(page),
    },
  };
}

/** Page numbers to link: all of up to 9 pages, else 1, the last, and two either side of `current`. */
export function pageWindow(current: number, total: number): number[] {
  if (total <= 9) return Array.from({ length: total }, (_, i) => i + 1);
  const shown = new Set([1, total]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= total) shown.add(n);
  return [...shown].sort((a, b) => a - b);
}

/**
 * The numbered pages a stable list's page links to: the oldest and two either side of `current`
 * (the first page, whose number grows, is linked apart). A page's links thus change only while
 * it is among the newest three.
 * @param numbered how many numbered pages the list has
 */
export function stablePageWindow(current: number, numbered: number): number[] {
  const shown = new Set(numbered >= 1 ? [1] : []);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= numbered) shown.add(n);
  return [...shown].sort((a, b) => a - b);
}

function canonical(url: string, config: ViewConfig): string {
  return config.url ? `${config.url}${url}` : url;
}

/**
 * A post page's page view, made from its post view: on the thread that renders the page, so that
 * what it repeats of the post (title, URL, description, in the page and again in its JSON-LD) is
 * not sent there too (a fifth of a post page's message).
 */
export function postPageView(post: PostView, config: ViewConfig): PageView {
  const { title } = post;
  const url = canonical(post.url, config);
  const description = post.excerpt;
  const published = post.date.iso;
  // Keys set one by one in their printed order, rather than spread in: see postView.
  const jsonld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    description,
    datePublished: published,
    dateModified: published,
    url,
    mainEntityOfPage: url,
    inLanguage: config.lang,
  };
  if (post.byline) jsonld.author = { '@type': 'Person', name: post.byline };
  jsonld.publisher = { '@type': 'Organization', name: post.source ?? config.title };
  if (post.category) jsonld.articleSection = post.category.name;
  if (post.tags.length) jsonld.keywords = post.tags.map((t) => t.name).join(',');
  return { kind: 'post', title, url: post.url, canonical: url, description, og_type: 'article', prev_url: null, next_url: null, feed_url: null, jsonld };
}

export function listPageView(page: ListPage, config: ViewConfig): PageView {
  const name = page.term ? (page.kind === 'tag' ? `标签：${page.term.name}` : page.term.name) : config.title;
  const title = page.newerUrl === null ? name : `${name}（第 ${page.pageNumber} 页）`;
  const description = !page.term ? config.description : describesTotal(page) ? `${config.title}：${page.term.name}，共 ${page.totalPosts} 篇` : `${config.title}：${title}`;
  return {
    kind: page.kind,
    title,
    url: page.url,
    canonical: canonical(page.url, config),
    description,
    og_type: 'website',
    prev_url: page.newerUrl,
    next_url: page.olderUrl,
    feed_url: config.url && page.term && (page.kind === 'category' || page.kind === 'tag') ? urlOf(`${page.kind}/${page.term.slug}/feed.xml`, config.baseurl) : null,
    jsonld: null,
  };
}

function plainPageView(kind: PageView['kind'], title: string, url: string, config: ViewConfig): PageView {
  return { kind, title, url, canonical: canonical(url, config), description: config.description, og_type: 'website', prev_url: null, next_url: null, feed_url: null, jsonld: null };
}

export function notFoundPageView(config: ViewConfig): PageView {
  return plainPageView('not-found', '页面未找到', `${config.baseurl}/404.html`, config);
}

export function searchPageView(config: ViewConfig): PageView {
  return plainPageView('search', '搜索', `${config.baseurl}/search.html`, config);
}

export function archivePageView(config: ViewConfig): PageView {
  return plainPageView('archive', '按日期浏览', `${config.baseurl}/archive/`, config);
}

export function archiveView(site: Site): ArchiveView {
  return { years: site.archive.map(({ year, months }) => ({ ...termView(year), months: months.map(termView) })) };
}

import type { SiteConfig } from '../config/site-config.js';
import { formatDay, formatDisplay, formatIso, type PostDate } from '../content/post-date.js';
import { urlOf } from '../site/paths.js';
import type { ListPage, PostPage, Site, Term } from '../site/site.js';
import type { ArchiveView, DateView, ListView, PageView, PostSummaryView, PostView, SiteView, TermView } from './view.js';

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

export function termView(term: Term): TermView {
  return { name: term.name, url: term.url, slug: term.slug, count: term.count };
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

export function postSummaryView(page: PostPage): PostSummaryView {
  return {
    title: page.entry.title,
    url: page.url,
    date: dateView(page.entry.post.date),
    category: page.category ? termView(page.category) : null,
    excerpt: page.entry.post.excerpt ?? page.entry.article.excerpt,
  };
}

export function postView(page: PostPage): PostView {
  const { article, post } = page.entry;
  return {
    ...postSummaryView(page),
    categories: page.categories.map(termView),
    tags: page.tags.map(termView),
    content: article.html,
    byline: article.byline,
    source: article.source,
    source_url: article.sourceUrl,
    toc: article.toc,
    chars: article.chars,
    reading_minutes: article.readingMinutes,
    prev: page.prev ? { name: page.prev.title, url: page.prev.url } : null,
    next: page.next ? { name: page.next.title, url: page.next.url } : null,
    related: page.related.map((link) => ({ name: link.title, url: link.url })),
    data: post.data,
  };
}

/**
 * Everything a post page's views are made from besides the site and config, as text: the page,
 * with its entry stood for by the entry's digest. Equal inputs give equal views; keeping this
 * beside postView and postPageView keeps the two in step.
 */
export function postPageInputs(page: PostPage): string {
  const head = JSON.stringify([page.entry.digest, page.path, page.url, page.prev, page.next, page.related]);
  return `${head}${termText(page.category)}${termsText(page.categories)}${termsText(page.tags)}`;
}

/** A term as text, once per term: each is in the inputs of thousands of pages. */
const termTexts = new WeakMap<Term, string>();
export function termText(term: Term | null): string {
  if (!term) return 'null';
  let text = termTexts.get(term);
  if (text === undefined) {
    text = JSON.stringify(term);
    termTexts.set(term, text);
  }
  return text;
}

export function termsText(terms: readonly Term[]): string {
  return `[${terms.map(termText).join(',')}]`;
}

/** As postPageInputs, for a list page: what listView and listPageView read of it. */
export function listPageInputs(page: ListPage): string {
  const { pageNumber: current, totalPages: total, pageUrls } = page;
  const linked = [current - 1, current + 1, ...pageWindow(current, total)].filter((n) => n >= 1 && n <= total).map((n) => pageUrls[n - 1]);
  return JSON.stringify([
    page.kind,
    page.term,
    page.path,
    page.url,
    current,
    total,
    page.totalPosts,
    linked,
  ]) + page.posts.map((post) => `${post.entry.digest} ${post.url} ${termText(post.category)}`).join('\n');
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
      prev: page.pageNumber > 1 ? page.pageUrls[page.pageNumber - 2]! : null,
      next: page.pageNumber < page.totalPages ? page.pageUrls[page.pageNumber]! : null,
      pages: pageWindow(page.pageNumber, page.totalPages).map((number, i, shown) => ({
        number,
        url: page.pageUrls[number - 1]!,
        current: number === page.pageNumber,
        gap_before: i > 0 && number - shown[i - 1]! > 1,
      })),
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

function canonical(url: string, config: ViewConfig): string {
  return config.url ? `${config.url}${url}` : url;
}

export function postPageView(page: PostPage, config: ViewConfig): PageView {
  const { post, article, title } = page.entry;
  const url = canonical(page.url, config);
  const description = post.excerpt ?? article.excerpt;
  const published = formatIso(post.date);
  return {
    kind: 'post',
    title,
    url: page.url,
    canonical: url,
    description,
    og_type: 'article',
    prev_url: null,
    next_url: null,
    feed_url: null,
    jsonld: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: title,
      description,
      datePublished: published,
      dateModified: published,
      url,
      mainEntityOfPage: url,
      inLanguage: config.lang,
      ...(article.byline ? { author: { '@type': 'Person', name: article.byline } } : {}),
      publisher: { '@type': 'Organization', name: article.source ?? config.title },
      ...(page.category ? { articleSection: page.category.name } : {}),
      ...(page.tags.length ? { keywords: page.tags.map((t) => t.name).join(',') } : {}),
    },
  };
}

export function listPageView(page: ListPage, config: ViewConfig): PageView {
  const name = page.term ? (page.kind === 'tag' ? `标签：${page.term.name}` : page.term.name) : config.title;
  const title = page.pageNumber > 1 ? `${name}（第 ${page.pageNumber} 页）` : name;
  const description = page.term ? `${config.title}：${page.term.name}，共 ${page.totalPosts} 篇` : config.description;
  return {
    kind: page.kind,
    title,
    url: page.url,
    canonical: canonical(page.url, config),
    description,
    og_type: 'website',
    prev_url: page.pageNumber > 1 ? page.pageUrls[page.pageNumber - 2]! : null,
    next_url: page.pageNumber < page.totalPages ? page.pageUrls[page.pageNumber]! : null,
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

import type { SiteConfig } from '../config/site-config.js';
import { formatIso } from '../content/post-date.js';
import type { PlannedFile } from '../plan/plan-pages.js';
import type { ArticleBodies } from '../render/article-bodies.js';
import { termsText } from '../render/views.js';
import type { PostPage, Site, Term } from '../site/site.js';
import { urlOf } from '../site/paths.js';
import { renderAtomFeed, type FeedEntry } from './atom-feed.js';
import { renderSitemaps, robotsTxtWithSitemap, type SitemapUrl } from './sitemap.js';

/** A generated file: where it goes in the output, and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

type FeedConfig = Pick<SiteConfig, 'title' | 'description' | 'lang' | 'url' | 'baseurl'>;

/** Entries per feed, as jekyll-feed. */
const feedSize = 20;

function entryOf(page: PostPage, config: FeedConfig, bodies: ArticleBodies): FeedEntry {
  const { post, article, title } = page.entry;
  const url = config.url + page.url;
  const published = formatIso(post.date);
  return {
    title,
    url,
    id: url,
    published,
    updated: published,
    author: article.byline,
    summary: post.excerpt ?? article.excerpt,
    contentHtml: bodies.get(post.sourcePath),
    categories: [...page.categories, ...page.tags].map((term) => ({ term: term.slug, label: term.name })),
  };
}

function feedOf(title: string, feedPath: string, pageUrl: string, posts: readonly PostPage[], config: FeedConfig, buildTime: string, bodies: ArticleBodies): PlannedFile<GeneratedFile> {
  const shown = posts.slice(0, feedSize);
  // What entryOf reads of each post, with the entry stood for by its digest; the build's time only
  // when there is no post to date the feed by.
  const head = JSON.stringify([title, pageUrl, shown.length ? '' : buildTime]);
  const inputs = head + shown.map((page) => `\n${page.entry.digest} ${page.url} ${termsText(page.categories)}${termsText(page.tags)}`).join('');
  return { outputPath: feedPath, inputs, make: () => ({ path: feedPath, content: feedText(title, feedPath, pageUrl, shown, config, buildTime, bodies) }) };
}

function feedText(title: string, feedPath: string, pageUrl: string, shown: readonly PostPage[], config: FeedConfig, buildTime: string, bodies: ArticleBodies): string {
  const entries = shown.map((page) => entryOf(page, config, bodies));
  return renderAtomFeed({
    title,
    subtitle: config.description,
    id: config.url + pageUrl,
    selfUrl: config.url + urlOf(feedPath, config.baseurl),
    homeUrl: config.url + pageUrl,
    updated: entries[0]?.updated ?? buildTime,
    lang: config.lang,
    author: config.title,
    entries,
  });
}

/**
 * Atom feeds of the latest 20 posts: the site's at `/feed.xml`, and one per category and tag at
 * `/category/<slug>/feed.xml` and `/tag/<slug>/feed.xml` — Chinese tag names included.
 * Needs the site's absolute `url` (Atom ids are absolute). Each is made only when planned to be.
 */
export function feedFiles(site: Site, config: FeedConfig, buildTime: string, bodies: ArticleBodies): PlannedFile<GeneratedFile>[] {
  const postsOf = new Map<Term, PostPage[]>();
  for (const page of site.posts) {
    for (const term of [...page.categories, ...page.tags]) {
      const list = postsOf.get(term) ?? [];
      if (list.length < feedSize) list.push(page);
      postsOf.set(term, list);
    }
  }
  const termFeeds = [...site.categories, ...site.tags].map((term) =>
    feedOf(`${term.kind === 'tag' ? `标签：${term.name}` : term.name} - ${config.title}`, `${term.kind}/${term.slug}/feed.xml`, term.url, postsOf.get(term) ?? [], config, buildTime, bodies),
  );
  return [feedOf(config.title, 'feed.xml', `${config.baseurl}/`, site.posts, config, buildTime, bodies), ...termFeeds];
}

/**
 * `/sitemap.xml` with every page and its `lastmod` (a sitemap index over numbered files past
 * 50,000 URLs), and `robots.txt` pointing at it.
 * @param robots the robots.txt the site or theme provides, if any
 */
export function sitemapFiles(site: Site, config: FeedConfig, robots: string | null): GeneratedFile[] {
  const urls: SitemapUrl[] = [];
  const newest = site.posts[0] ? formatIso(site.posts[0].entry.post.date) : undefined;
  for (const page of site.lists) {
    const lastmod = page.posts[0] ? formatIso(page.posts[0].entry.post.date) : newest;
    urls.push({ loc: config.url + page.url, lastmod });
  }
  for (const page of site.posts) urls.push({ loc: config.url + page.url, lastmod: formatIso(page.entry.post.date) });
  urls.push({ loc: `${config.url}${config.baseurl}/archive/`, lastmod: newest });
  const files = renderSitemaps(urls, { baseUrl: config.url + config.baseurl }).map((file) => ({ path: file.path, content: file.xml }));
  return [...files, { path: 'robots.txt', content: robotsTxtWithSitemap(robots, `${config.url}${urlOf('sitemap.xml', config.baseurl)}`) }];
}

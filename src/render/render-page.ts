import type { SiteConfig } from '../config/site-config.js';
import type { ListPage, PostPage, Site } from '../site/site.js';
import type { PostView, SiteView, TemplateContext } from './view.js';
import { archivePageView, archiveView, listPageView, listView, notFoundPageView, postPageView, postView, searchPageView } from './views.js';

type RenderConfig = Pick<SiteConfig, 'title' | 'description' | 'lang' | 'url' | 'baseurl'>;

/** A template failed: the template's file and line, and Nunjucks' message. Plain data, sent from workers. */
export interface TemplateFailure {
  readonly template: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Pulls the template path and line out of a Nunjucks error (`(file) [Line 3, Column 7]`). */
export function toTemplateFailure(template: string, caught: unknown): TemplateFailure {
  const text = caught instanceof Error ? caught.message : String(caught);
  const file = /^\(([^)]+)\)/.exec(text)?.[1] ?? template;
  const position = /\[Line (\d+), Column (\d+)\]/.exec(text);
  const message = text
    .replace(/^\([^)]*\)\s*/, '')
    .replace(/\[Line \d+, Column \d+\]\s*/, '')
    .replace(/^Template render error:\s*/i, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return { template: file, line: position ? Number(position[1]) : undefined, column: position ? Number(position[2]) : undefined, message };
}

/** A post page's context as sent to the thread that renders it, which makes its page view (see completeContext). */
export interface PostPageParts {
  readonly site: SiteView;
  readonly post: PostView;
}

/** What a page is rendered with, as sent to the thread that renders it. */
export type ContextParts = TemplateContext | PostPageParts;

/** What a post's layout is rendered with, less what the rendering thread makes. @param content the article's HTML */
export function postContext(page: PostPage, content: string, site: SiteView): PostPageParts {
  return { site, post: postView(page, content) };
}

/** The whole context, on the thread that renders: a post page's page view is made here. */
export function completeContext(parts: ContextParts, config: RenderConfig): TemplateContext {
  return 'page' in parts ? parts : { site: parts.site, page: postPageView(parts.post, config), post: parts.post };
}

/** What `list.njk` is rendered with for one page of the home, a category or a tag list. */
export function listContext(page: ListPage, site: SiteView, config: RenderConfig): TemplateContext {
  return { site, page: listPageView(page, config), list: listView(page) };
}

/** What `archive.njk` is rendered with: the date archive's index. */
export function archiveContext(site: Site, view: SiteView, config: RenderConfig): TemplateContext {
  return { site: view, page: archivePageView(config), archive: archiveView(site) };
}

/** What `404.njk` is rendered with. */
export function notFoundContext(site: SiteView, config: RenderConfig): TemplateContext {
  return { site, page: notFoundPageView(config) };
}

/** What `search.html` is rendered with. */
export function searchContext(site: SiteView, config: RenderConfig): TemplateContext {
  return { site, page: searchPageView(config) };
}

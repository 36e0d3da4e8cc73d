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

/** A frame Nunjucks names in an error's message: `(file)`, with `[Line 3, Column 7]` when it knows where. */
const framePattern = /(?:^|Template render error: )\((.+?)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?(?=\n|$)/g;

/**
 * Pulls the template's file, line and column out of a Nunjucks error. Each frame an error passes
 * through (a block of an extended template, an include) wraps it again and names itself in
 * front, often with its own position: the last frame named is where it went wrong. Nunjucks
 * counts the lines and columns of an error while rendering (`Error: Unable to call …`) from 0,
 * and those of a syntax error from 1.
 */
export function toTemplateFailure(template: string, caught: unknown): TemplateFailure {
  const text = caught instanceof Error ? caught.message : String(caught);
  const innermost = [...text.matchAll(framePattern)].at(-1);
  const file = innermost?.[1] ?? template;
  const whileRendering = innermost !== undefined && /^\s*[A-Za-z]*Error: /.test(text.slice(innermost.index + innermost[0].length));
  const fromZero = whileRendering ? 1 : 0;
  const position = innermost?.[2] !== undefined ? { line: Number(innermost[2]) + fromZero, column: innermost[3] !== undefined ? Number(innermost[3]) + fromZero : undefined } : null;
  // An error inside a block of an extended template comes wrapped once per frame, each wrapping
  // naming the file again: what is wrong is said once, after the last of them.
  const message = text
    .replace(framePattern, '')
    .replace(/Template render error:\s*/gi, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return { template: file, line: position?.line, column: position?.column, message };
}

/**
 * Where an unknown filter is used in a template's source. Nunjucks says which filter, but not
 * where: alone, no line at all; inside a block of an extended template, the lines of other frames.
 * Null when the message is about something else, or the filter is not in this source.
 */
export function unknownFilterPosition(message: string, source: string): { line: number; column: number } | null {
  const name = /filter not found: ([\w$]+)/.exec(message)?.[1];
  if (!name) return null;
  // `$` may be in a filter's name, and means something else in an expression.
  const use = new RegExp(`\\|\\s*${name.replaceAll('$', '\\$')}(?![\\w$])`);
  const lines = source.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const found = use.exec(line);
    // The column of the filter's name, as Nunjucks gives columns of what it names.
    if (found) return { line: index + 1, column: found.index + found[0].length - name.length + 1 };
  }
  return null;
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

import type nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/site-config.js';
import type { ListPage, PostPage } from '../site/site.js';
import type { SiteView, TemplateContext } from './view.js';
import { listPageView, listView, notFoundPageView, postPageView, postView } from './views.js';

type RenderConfig = Pick<SiteConfig, 'title' | 'description' | 'lang' | 'url' | 'baseurl'>;

/** A template failed: the template's file and line, and Nunjucks' message. */
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

function render(env: nunjucks.Environment, template: string, context: TemplateContext): string {
  try {
    return env.render(template, context);
  } catch (caught) {
    throw toTemplateError(template, caught);
  }
}

/** Pulls the template path and line out of a Nunjucks error (`(file) [Line 3, Column 7]`). */
export function toTemplateError(template: string, caught: unknown): TemplateError {
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
  return new TemplateError(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) : undefined, message);
}

/** Renders a post with its layout (`templates/<layout>.njk`). */
export function renderPostPage(env: nunjucks.Environment, page: PostPage, layout: string, site: SiteView, config: RenderConfig): string {
  return render(env, `${layout}.njk`, { site, page: postPageView(page, config), post: postView(page) });
}

/** Renders one page of the home, a category or a tag list with `templates/list.njk`. */
export function renderListPage(env: nunjucks.Environment, page: ListPage, site: SiteView, config: RenderConfig): string {
  return render(env, 'list.njk', { site, page: listPageView(page, config), list: listView(page) });
}

/** Renders `404.html` with `templates/404.njk`. */
export function renderNotFoundPage(env: nunjucks.Environment, site: SiteView, config: RenderConfig): string {
  return render(env, '404.njk', { site, page: notFoundPageView(config) });
}

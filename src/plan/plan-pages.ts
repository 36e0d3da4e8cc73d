import { createHash } from 'node:crypto';
import type { RenderJob } from '../parallel/render-job.js';
import type { TemplateKeys } from '../render/template-keys.js';
import type { SiteView, TemplateContext } from '../render/view.js';

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
  readonly inputs: () => string;
  /** Makes the context; called only for pages that are rendered. */
  readonly context: () => TemplateContext;
}

/**
 * The key of what every page shares: the site view, without the build's time unless a template
 * prints it (only then does the time make every page different).
 */
export function siteKey(site: SiteView, templates: TemplateKeys): string {
  const hashed = templates.usesBuildTime ? site : { ...site, time: '' };
  return createHash('sha1').update(JSON.stringify(hashed)).digest('base64url');
}

/**
 * A page's identity: the key of its template (with every template it pulls in), the site view's
 * key and the page's own inputs. Two builds that give a page the same key render the same bytes.
 */
export function pageKey(page: PageSource, templates: TemplateKeys, sharedKey: string): string {
  return createHash('sha1').update(templates.keyOf(page.template)).update('\0').update(sharedKey).update('\0').update(page.inputs()).digest('base64url');
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

/**
 * The incremental planner, shared by `build` and `dev`: every page of the laid-out site is keyed,
 * and only pages whose key differs from the last build's (or whose output is gone) are rendered.
 * A post edit thus renders the post, the neighbours and related posts that show its title, and the
 * list and archive pages it appears on; a template edit renders the pages that use the template.
 * The pages to render come back as sources: their contexts are made when they are rendered.
 *
 * @param unchanged whether the last build left this page with this key, intact
 */
export function planPages(
  pages: readonly PageSource[],
  site: SiteView,
  templates: TemplateKeys,
  unchanged: (outputPath: string, key: string) => boolean,
): FilePlan<PageSource> {
  const shared = siteKey(site, templates);
  const { todo, kept, keys } = sortByKey(pages, (page) => pageKey(page, templates, shared), unchanged);
  return { made: todo, kept, keys };
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

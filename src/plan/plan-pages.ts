import { createHash } from 'node:crypto';
import type { RenderJob } from '../parallel/render-job.js';
import type { TemplateKeys } from '../render/template-keys.js';
import type { TemplateContext } from '../render/view.js';

/** Which pages a build renders, and which it leaves as the last build made them. */
export interface PagePlan {
  /** Pages that are new, or whose template or context changed. */
  readonly render: readonly RenderJob[];
  /** Output paths of pages left as they are. */
  readonly kept: readonly string[];
  /** Every page's key, by output path: for the next build. */
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * A page's identity: the key of its template (with everything the template pulls in) and its whole
 * template context — with the post body stood for by its digest, which is cheaper to hash than the
 * body, and the build's time left out unless a template prints it. Two builds that give a page the
 * same key render it to the same bytes.
 */
export function pageKey(job: RenderJob, templates: TemplateKeys): string {
  return keyWith(job, templates, siteKeyOf(job.context.site, templates));
}

/** Every page of a build shares one site view: hashed once, not once per page. */
const siteKeys = new WeakMap<object, string>();
function siteKeyOf(site: TemplateContext['site'], templates: TemplateKeys): string {
  let key = siteKeys.get(site);
  if (key === undefined) {
    const hashed = templates.usesBuildTime ? site : { ...site, time: '' };
    key = createHash('sha1').update(JSON.stringify(hashed)).digest('base64url');
    siteKeys.set(site, key);
  }
  return key;
}

function keyWith(job: RenderJob, templates: TemplateKeys, siteKey: string): string {
  const { site: _site, ...context } = job.context;
  const own = context.post && job.bodyDigest !== undefined ? { ...context, post: { ...context.post, content: job.bodyDigest } } : context;
  return createHash('sha1').update(templates.keyOf(job.template)).update('\0').update(siteKey).update('\0').update(JSON.stringify(own)).digest('base64url');
}

/**
 * The incremental planner, shared by `build` and `dev`: every page of the laid-out site is keyed,
 * and only pages whose key differs from the last build's (or whose file is gone) are rendered.
 * A post edit thus renders the post, its neighbours and the related posts that show its title, and
 * the list and archive pages it appears on; a template edit renders the pages that use it.
 *
 * @param unchanged whether the last build left this page with this key, intact
 */
export function planPages(jobs: readonly RenderJob[], templates: TemplateKeys, unchanged: (outputPath: string, key: string) => boolean): PagePlan {
  const render: RenderJob[] = [];
  const kept: string[] = [];
  const keys = new Map<string, string>();
  for (const job of jobs) {
    const key = pageKey(job, templates);
    keys.set(job.outputPath, key);
    if (unchanged(job.outputPath, key)) kept.push(job.outputPath);
    else render.push(job);
  }
  return { render, kept, keys };
}

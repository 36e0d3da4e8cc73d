import nunjucks from 'nunjucks';
import { urlOf } from '../site/paths.js';
import { CachedTag } from './cached-tag.js';
import { installFrameSet } from './frame-set.js';
import { installLoopBindings } from './loop-bindings.js';
import { installMemberLookup } from './member-lookup.js';
import { installQuickEscape } from './quick-escape.js';

import { bundledTemplates } from '../package-files.js';

export interface TemplateSettings {
  /** The site's own `templates/` folder; its files override the bundled theme's. */
  readonly siteTemplates: string;
  readonly baseurl: string;
  readonly url: string;
  /** The config's, for the page views made where pages are rendered (see completeContext). */
  readonly title: string;
  readonly description: string;
  readonly lang: string;
  /**
   * Which build renders (see buildGeneration): a thread kept between the dev server's builds
   * makes its environment anew for each, so that no template is served from an earlier build's
   * cache — not even one read while it was being saved.
   */
  readonly generation: string;
}

/**
 * The Nunjucks environment: autoescape on, the site's templates first, the bundled theme as
 * fallback, and Jekyll's `relative_url` / `absolute_url` filters.
 */
export function createTemplateEnvironment(settings: TemplateSettings): nunjucks.Environment {
  installFrameSet();
  installLoopBindings();
  installMemberLookup();
  installQuickEscape();
  const loader = new nunjucks.FileSystemLoader([settings.siteTemplates, bundledTemplates], { noCache: false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  const relativeUrl = (value: unknown): string => {
    const text = String(value ?? '');
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(text)) return text;
    return urlOf(text, settings.baseurl).replace(/\/index\.html$/, '/');
  };
  env.addFilter('relative_url', relativeUrl);
  env.addFilter('absolute_url', (value: unknown) => {
    const relative = relativeUrl(value);
    return relative.startsWith('/') && !relative.startsWith('//') ? `${settings.url}${relative}` : relative;
  });
  env.addExtension('cached', new CachedTag());
  env.addFilter('jsonld', (value: unknown) => new nunjucks.runtime.SafeString(jsonForScript(value)));
  return env;
}

/**
 * JSON that is safe inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
 * escapes, so a `</script>` in a title cannot end the block; U+2028/2029 too, for old parsers.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  // Searched once, and replaced only when found: nearly every page's JSON-LD holds none of them.
  return scriptUnsafe.test(json) ? json.replace(scriptUnsafeAll, (char) => scriptEscapes[char]!) : json;
}

const scriptUnsafe = /[<>&\u2028\u2029]/;
const scriptUnsafeAll = /[<>&\u2028\u2029]/g;
const scriptEscapes: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

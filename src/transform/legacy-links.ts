import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { slugifyTerm, urlOf, type SlugMode } from '../site/paths.js';
import { hostOf } from './back-nav.js';
import { forEachElement } from './for-each-element.js';

/** What the rule needs to know of the site to point old links at its pages. */
export interface LegacyLinkSettings {
  /** Hosts of the old site (`legacy_hosts` in config). */
  readonly legacyHosts: readonly string[];
  readonly baseurl: string;
  readonly slugify: SlugMode;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Our page for a path on the old site. The old site was a Jekyll site with the permalinks we
 * keep, so a post's path stays the same; home, category and tag pages map to ours:
 * `/` → home, `/category/x.html` or `/x/` → category x, `/tag/y.html` → tag y.
 * @returns a site path without a leading slash (`''` for the home page)
 */
export function legacyPathToSitePath(oldPath: string, slugify: SlugMode): string {
  const path = decodePath(oldPath.replace(/[?#].*$/, '')).replace(/^\/+/, '');
  if (path === '' || path === 'index.html') return '';
  const term = /^(category|tag)\/([^/]+?)(?:\.html|\/)?$/.exec(path);
  if (term) return `${term[1]}/${slugifyTerm(term[2]!, slugify)}.html`;
  const folder = /^([^/.]+)\/$/.exec(path);
  if (folder) return `category/${slugifyTerm(folder[1]!, slugify)}.html`;
  return path;
}

/**
 * Rewrites links to the old site (the configured hosts, and those the post's own back-navigation
 * named) to our page for the same thing, so no link is left pointing at a dead host.
 * Changes the tree in place. @returns how many links were rewritten
 */
export function rewriteLegacyLinks(tree: Root, hosts: ReadonlySet<string>, settings: LegacyLinkSettings): number {
  if (hosts.size === 0) return 0;
  let rewritten = 0;
  forEachElement(tree, (node) => {
    if (node.tagName !== 'a') return;
    const href = node.properties.href;
    const host = hostOf(href);
    if (!host || !hosts.has(host) || typeof href !== 'string') return;
    const oldPath = href.trim().replace(/^(?:https?:)?\/\/[^/?#]+/i, '') || '/';
    const sitePath = legacyPathToSitePath(oldPath, settings.slugify);
    node.properties.href = sitePath === '' ? `${settings.baseurl}/` : urlOf(sitePath, settings.baseurl);
    rewritten++;
  });
  return rewritten;
}

export default function rehypeLegacyLinks(settings: LegacyLinkSettings) {
  return (tree: Root, file: VFile): void => {
    const hosts = new Set([...settings.legacyHosts, ...(file.data.backNavHosts ?? [])].map((h) => h.toLowerCase()));
    rewriteLegacyLinks(tree, hosts, settings);
  };
}

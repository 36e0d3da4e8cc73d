import type { Post } from '../content/post.js';
import type { GeneratedFile } from '../feeds/site-feeds.js';
import type { BuiltSite } from './build-site.js';
import type { ListPage, PostPage, SiteEntry } from './site.js';

/** A laid-out site kept by the dev server between builds, with what it was laid out from. */
export interface KeptLayout {
  /** The config the layout was made with (see layoutKey in build.ts). */
  readonly key: string;
  /** The templates' fingerprint its pages were rendered with: when it is unchanged, only pages showing changed posts can differ. */
  readonly templates: string;
  readonly built: BuiltSite;
  /** The entries laid out, by source path. */
  readonly entries: ReadonlyMap<string, SiteEntry>;
  /**
   * The sitemap made from this layout (URLs and dates only, so a patched layout has the same
   * one), with the robots.txt it was made with.
   */
  sitemap?: { readonly robots: string | null; readonly files: readonly GeneratedFile[] };
}

export function keepLayout(key: string, templates: string, built: BuiltSite, entries: readonly SiteEntry[]): KeptLayout {
  return { key, templates, built, entries: new Map(entries.map((entry) => [entry.post.sourcePath, entry])) };
}

/** The layout again, with the output paths of the pages whose entries changed. */
export interface PatchedLayout {
  readonly built: BuiltSite;
  /** Pages of posts that changed, and the list pages that show them. */
  readonly affected: ReadonlySet<string>;
}

const signatures = new WeakMap<Post, string>();

/**
 * Everything buildSite reads of an entry: two entries with the same signature take the same
 * place in every list, the same URL and the same links. Entries of one post file read once share
 * their Post object, so each is computed once per read.
 */
export function layoutSignature(entry: SiteEntry): string {
  const { post } = entry;
  let signature = signatures.get(post);
  if (signature === undefined) {
    signature = JSON.stringify([post.sourcePath, post.slug, post.date, post.categories, post.tags, post.permalink, entry.title, entry.article.backNavName]);
    signatures.set(post, signature);
  }
  return signature;
}

/**
 * The dev server's usual edit — a post's text changed, not its title, date, terms or address —
 * leaves the layout as it was: the kept layout is patched with the new entries instead of laid
 * out again, and only the changed posts' pages and the list pages showing them are named as
 * affected. Null when anything else changed: then the site is laid out from scratch.
 */
export function patchLayout(kept: KeptLayout, key: string, entries: readonly SiteEntry[]): PatchedLayout | null {
  if (key !== kept.key || entries.length !== kept.entries.size) return null;
  const changed = new Map<string, SiteEntry>();
  for (const entry of entries) {
    const before = kept.entries.get(entry.post.sourcePath);
    if (!before) return null;
    if (before.digest === entry.digest && before.post === entry.post) continue;
    if (layoutSignature(before) !== layoutSignature(entry)) return null;
    changed.set(entry.post.sourcePath, entry);
  }
  if (changed.size === 0) return { built: kept.built, affected: new Set() };

  const affected = new Set<string>();
  // Matched by source path: a list may hold its own copy of a post's page.
  const patch = (page: PostPage): PostPage => {
    const entry = changed.get(page.entry.post.sourcePath);
    return entry ? { ...page, entry } : page;
  };
  const posts = kept.built.site.posts.map((page) => {
    const patched = patch(page);
    if (patched !== page) affected.add(page.outputPath);
    return patched;
  });
  const lists = kept.built.site.lists.map((list): ListPage => {
    if (!list.posts.some((page) => changed.has(page.entry.post.sourcePath))) return list;
    affected.add(list.outputPath);
    return { ...list, posts: list.posts.map(patch) };
  });
  return { built: { ...kept.built, site: { ...kept.built.site, posts, lists } }, affected };
}

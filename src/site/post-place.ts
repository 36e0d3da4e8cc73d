import { outputFileOf, type SlugMode, unsafePathReason, urlOf } from './paths.js';
import { expandPermalink, type PermalinkInput } from './permalink.js';

/**
 * Where a post's page goes, as far as the post alone says: worked out on the thread that reads
 * the post, and kept with it in the post cache. The layout only settles which of two posts on one
 * path keeps it: at 10,000 posts, expanding permalinks and checking paths there had been a third
 * of the time the layout held every other thread idle.
 */
export interface PostPlace {
  /** Site path the permalink expands to, e.g. `mindongribao/2022/02/25/x.html`. */
  readonly path: string;
  /** Why that path may not be written (see unsafePathReason), or null; then the rest are empty. */
  readonly unsafe: string | null;
  /** File written, relative to the destination. */
  readonly outputPath: string;
  /**
   * The output path as a file system that folds Unicode spellings and case compares it (NFC,
   * lower case), when that differs from the path itself: two posts with one key share a file.
   */
  readonly foldedPath?: string;
  readonly url: string;
}

/** The site's settings a place depends on. */
export interface PlaceSettings {
  /** The site's permalink pattern or style name, for posts without one of their own. */
  readonly permalink: string;
  readonly slugify: SlugMode;
  readonly baseurl: string;
}

export function placeOf(post: PermalinkInput & { readonly permalink: string | null }, settings: PlaceSettings): PostPlace {
  const path = expandPermalink(post.permalink ?? settings.permalink, post, settings.slugify);
  const unsafe = unsafePathReason(path);
  if (unsafe) return { path, unsafe, outputPath: '', url: '' };
  const outputPath = outputFileOf(path);
  const folded = foldPath(outputPath);
  const place = { path, unsafe, outputPath, url: urlOf(path, settings.baseurl) };
  return folded === outputPath ? place : { ...place, foldedPath: folded };
}

/** An output path as file systems that fold Unicode spellings (NFC vs NFD) and letter case compare it. */
export function foldPath(outputPath: string): string {
  return outputPath.normalize('NFC').toLowerCase();
}

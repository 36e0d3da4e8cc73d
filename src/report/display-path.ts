import path from 'node:path';
import { isInside } from '../content/find-posts.js';

/**
 * A path as messages show it: relative to the site root, with forward slashes, when it lies
 * inside the site; as given otherwise (a destination or config elsewhere, the bundled theme).
 */
export function displayPath(siteRoot: string, file: string): string {
  if (!isInside(siteRoot, file)) return file;
  const relative = sitePath(siteRoot, file);
  return relative === '' ? file : relative;
}

/**
 * A file's path relative to the site root, with forward slashes, as the watchers report changes
 * and classifyChange takes them (`../` first for a file outside the site, such as a --config).
 */
export function sitePath(siteRoot: string, file: string): string {
  return path.relative(siteRoot, file).split(path.sep).join('/');
}

import path from 'node:path';
import { isInside } from '../content/find-posts.js';

/**
 * A path as messages show it: relative to the site root, with forward slashes, when it lies
 * inside the site; as given otherwise (a destination or config elsewhere, the bundled theme).
 */
export function displayPath(siteRoot: string, file: string): string {
  if (!isInside(siteRoot, file)) return file;
  const relative = path.relative(siteRoot, file);
  return relative === '' ? file : relative.split(path.sep).join('/');
}

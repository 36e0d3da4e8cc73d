import path from 'node:path';

/**
 * A path as messages show it: relative to the site root, with forward slashes, when it lies
 * inside the site; as given otherwise (a destination or config elsewhere, the bundled theme).
 */
export function displayPath(siteRoot: string, file: string): string {
  const relative = path.relative(siteRoot, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

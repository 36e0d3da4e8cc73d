import path from 'node:path';

/**
 * A path as messages show it: relative to the site root, with forward slashes, when it lies
 * inside the site; as given otherwise (a destination or config elsewhere, the bundled theme).
 */
export function displayPath(siteRoot: string, file: string): string {
  const relative = path.relative(siteRoot, file);
  // `..` and what is under it are outside; a name such as `...` or `..x` is inside.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' || outside ? file : relative.split(path.sep).join('/');
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder baoku is installed in: the nearest one above this module holding baoku's
 * package.json. Found, not written as `../..`: in the bundle this module's code sits in a chunk,
 * and under test it runs from src/, at other depths.
 */
function findPackageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'baoku') return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`baoku's package.json not found above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

export const packageRoot = findPackageRoot();

/** The default theme's templates, shipped with baoku. */
export const bundledTemplates = path.join(packageRoot, 'templates');

/** The default theme's static files. */
export const bundledPublic = path.join(packageRoot, 'public');

/**
 * A worker thread's entry in the built bundle (`npm run compile`). Tests run the sources, and
 * their threads this bundle too: `npm test` builds it first.
 * @param entry the entry's source path under src/, without extension: `parallel/worker`
 */
export function builtWorker(entry: string): string {
  return path.join(packageRoot, 'dist', `${entry}.js`);
}

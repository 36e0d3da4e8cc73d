import path from 'node:path';
import { isInside } from '../content/find-posts.js';

/** Folders of a site that a build reads and must never write into or delete. */
const sourceFolders = ['posts', '_posts', '_drafts', 'templates', 'public'];

/**
 * Why a destination may not be used for a site, or null when it may. Refused: the site root
 * itself, any folder that contains it, and any folder inside the site's sources.
 * Both paths must be absolute and resolved (real paths).
 */
export function destinationProblem(siteRoot: string, destination: string): string | null {
  if (destination === siteRoot) return 'it is the site root: building would delete your sources';
  if (isInside(destination, siteRoot)) return 'it contains the site root: building would delete your sources';
  for (const folder of sourceFolders) {
    const sourceFolder = path.join(siteRoot, folder);
    if (isInside(sourceFolder, destination)) return `it is inside ${folder}/, which the build reads`;
  }
  return null;
}

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isInside } from '../content/find-posts.js';

/** A static file to copy as it is: where it comes from and where it goes in the output. */
export interface PublicFile {
  readonly absolutePath: string;
  /** Relative to the output root, forward slashes. */
  readonly outputPath: string;
}

/**
 * Lists static files: the bundled theme's `public/` first, then the site's, whose files
 * replace the theme's at the same path. Symbolic links leading outside their folder are skipped.
 */
export async function listPublicFiles(folders: readonly string[]): Promise<PublicFile[]> {
  const byOutput = new Map<string, PublicFile>();
  for (const folder of folders) {
    const root = await fs.realpath(folder).catch(() => null);
    if (!root) continue;
    const walk = async (dir: string, relative: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      for (const entry of entries) {
        const absolutePath = path.join(dir, entry.name);
        const outputPath = relative ? `${relative}/${entry.name}` : entry.name;
        const real = await fs.realpath(absolutePath).catch(() => null);
        if (!real || !isInside(root, real)) continue;
        const stat = await fs.stat(real);
        if (stat.isDirectory()) await walk(absolutePath, outputPath);
        else if (stat.isFile()) byOutput.set(outputPath, { absolutePath: real, outputPath });
      }
    };
    await walk(root, '');
  }
  return [...byOutput.values()].sort((a, b) => (a.outputPath < b.outputPath ? -1 : 1));
}

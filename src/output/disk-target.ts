import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isInside } from '../content/find-posts.js';
import { unsafePathReason } from '../site/paths.js';
import type { OutputTarget } from './output-target.js';

let temporaryCounter = 0;

/**
 * Writes into a destination folder and nowhere else: each path is checked, each parent folder's
 * real path must lie inside the destination (no writing through symlinks), files are written
 * to a temporary name and renamed (never half-written), and unchanged files are left alone.
 */
export async function createDiskTarget(destination: string): Promise<OutputTarget> {
  await fs.mkdir(destination, { recursive: true });
  const root = await fs.realpath(destination);
  const checkedFolders = new Map<string, Promise<void>>();

  function checkFolder(folder: string): Promise<void> {
    let checked = checkedFolders.get(folder);
    if (!checked) {
      checked = (async () => {
        await fs.mkdir(folder, { recursive: true });
        const real = await fs.realpath(folder);
        if (!isInside(root, real)) throw new Error(`refusing to write through ${folder}: it leads outside the destination`);
      })();
      checkedFolders.set(folder, checked);
    }
    return checked;
  }

  return {
    async write(relativePath, content) {
      const unsafe = unsafePathReason(relativePath);
      if (unsafe) throw new Error(`refusing to write ${JSON.stringify(relativePath)}: ${unsafe}`);
      const file = path.join(root, ...relativePath.split('/'));
      if (!isInside(root, file) || file === root) throw new Error(`refusing to write ${relativePath}: outside the destination`);
      await checkFolder(path.dirname(file));
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const existing = await fs.readFile(file).catch(() => null);
      if (existing && Buffer.compare(existing, bytes) === 0) return 'unchanged';
      const temporary = path.join(path.dirname(file), `.${path.basename(file).slice(0, 80)}.${process.pid}.${temporaryCounter++}.baoku-tmp`);
      try {
        await fs.writeFile(temporary, bytes);
        await fs.rename(temporary, file);
      } catch (caught) {
        await fs.rm(temporary, { force: true });
        throw caught;
      }
      return 'written';
    },

    async removeStale(produced) {
      const keep = new Set([...produced].map((p) => p.normalize('NFC')));
      let removed = 0;
      async function sweep(folder: string, relative: string): Promise<boolean> {
        const entries = await fs.readdir(folder, { withFileTypes: true });
        let empty = true;
        for (const entry of entries) {
          const rel = relative ? `${relative}/${entry.name}` : entry.name;
          const full = path.join(folder, entry.name);
          // Like Jekyll's keep_files: .git, .nojekyll and other dot entries at the top are the user's.
          if (!relative && entry.name.startsWith('.') && !entry.name.endsWith('.baoku-tmp')) {
            empty = false;
            continue;
          }
          if (entry.isDirectory()) {
            const nowEmpty = await sweep(full, rel);
            if (nowEmpty) await fs.rmdir(full).catch(() => undefined);
            else empty = false;
          } else if (keep.has(rel.normalize('NFC'))) {
            empty = false;
          } else {
            // unlink removes a symlink itself, never what it points at.
            await fs.unlink(full);
            removed++;
          }
        }
        return empty;
      }
      await sweep(root, '');
      return removed;
    },
  };
}

import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { warning, type Problem } from '../report/problem.js';

/** A post file found on disk. */
export interface PostFile {
  /** Absolute path. */
  readonly absolutePath: string;
  /** Relative to the site root, forward slashes. */
  readonly sourcePath: string;
  readonly draft: boolean;
  /** A link to a post file elsewhere in the site: its target changes under another name (see CarriedStamps). */
  readonly linked?: true;
}

export interface FoundPosts {
  readonly files: readonly PostFile[];
  readonly problems: readonly Problem[];
}

const postExtension = /\.(md|markdown|html)$/i;

/**
 * Lists the post files of a site: `posts/` and `_posts/` recursively, and with `drafts`
 * also `_drafts/` and `posts/_drafts/`. Symbolic links are followed only while they stay
 * inside the site root, and each real folder is visited once (no loops).
 */
export async function findPosts(siteRoot: string, options: { drafts: boolean }): Promise<FoundPosts> {
  const root = await fs.realpath(siteRoot);
  const files: PostFile[] = [];
  const problems: Problem[] = [];
  const visited = new Set<string>();

  /** @param relative the folder's path from the site root, forward slashes */
  async function walk(dir: string, relative: string, draft: boolean): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Hidden files, and editors' scratch files (`#x.md#`, `~x.md`), as Jekyll leaves them out.
      if (entry.name.startsWith('.') || entry.name.startsWith('#') || entry.name.startsWith('~')) continue;
      // Joined by hand: path.join and path.relative, once per post, took 25 ms of a build at 10,000 posts.
      const absolutePath = `${dir}${path.sep}${entry.name}`;
      const sourcePath = `${relative}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.realpath(absolutePath).catch(() => null);
        if (!target || !isInside(root, target)) {
          problems.push(
            warning(sourcePath, 'content/symlink', 'symbolic link points outside the site (or nowhere); skipped', 'copy the file into the site instead of linking it'),
          );
          continue;
        }
        const stat = await fs.stat(target);
        // A link up to a folder holding this one (`posts/up -> ..`) would walk the whole site
        // again, the build's own output in `_site/` included.
        if (stat.isDirectory() && isInside(target, real)) {
          problems.push(warning(sourcePath, 'content/symlink', 'symbolic link leads back up to a folder that contains it; skipped', 'remove the link'));
          continue;
        }
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      }
      if (isDirectory) {
        if (entry.name === '_drafts') {
          if (options.drafts) await walk(absolutePath, sourcePath, true);
        } else {
          await walk(absolutePath, sourcePath, draft);
        }
      } else if (isFile && postExtension.test(entry.name)) {
        files.push(entry.isSymbolicLink() ? { absolutePath, sourcePath, draft, linked: true } : { absolutePath, sourcePath, draft });
      }
    }
  }

  await walk(path.join(siteRoot, 'posts'), 'posts', false);
  await walk(path.join(siteRoot, '_posts'), '_posts', false);
  if (options.drafts) await walk(path.join(siteRoot, '_drafts'), '_drafts', true);
  return { files, problems };
}

/**
 * The post files directly in `posts/` and `_posts/`, counted without looking into subfolders or
 * following links: a lower bound on what findPosts finds, cheap enough to ask before a build.
 */
export function countPostsAtTop(siteRoot: string): number {
  let count = 0;
  for (const folder of ['posts', '_posts']) {
    try {
      for (const name of readdirSync(path.join(siteRoot, folder))) if (postExtension.test(name)) count++;
    } catch {
      // No such folder.
    }
  }
  return count;
}

/** Whether `target` is `root` or inside it. Both must be absolute and resolved. */
export function isInside(root: string, target: string): boolean {
  // Plainly below the root, with no `.` or `..` segment: inside, without path.relative's cost
  // (the disk target asks this for every file it writes).
  if (target.startsWith(root) && target[root.length] === path.sep && !/[\\/]\.\.?(?:[\\/]|$)/.test(target.slice(root.length))) return true;
  const relative = path.relative(root, target);
  // `..` and what is under it are outside; a name such as `...` or `..x` is not.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Dirent } from 'node:fs';
import path from 'node:path';

/**
 * Every entry under a folder, without following symbolic links: relative path (forward slashes)
 * → what it is (`dir`, `link -> target`, or the sha256 of a file's bytes). Two listings are
 * equal exactly when nothing under the folder was added, removed, changed or re-pointed.
 * @param skip relative paths whose subtree is not listed (e.g. the build's destination)
 */
export function snapshotTree(root: string, skip: readonly string[] = []): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string, relative: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      if (skip.includes(rel)) continue;
      const full = path.join(folder, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) entries.set(rel, `link -> ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        entries.set(rel, 'dir');
        walk(full, rel);
      } else if (stat.isFile()) entries.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
      else entries.set(rel, 'special');
    }
  };
  walk(root, '');
  return entries;
}

/** Relative paths (forward slashes) of the regular files under a folder, following no links. */
export function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

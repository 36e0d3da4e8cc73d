import { lstatSync, mkdirSync, promises as fs, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { isInside } from '../content/find-posts.js';
import { createScratch } from '../scratch-buffer.js';
import { unsafePathReason } from '../site/paths.js';
import type { OutputTarget, WrittenFile } from './output-target.js';

let temporaryCounter = 0;

/**
 * Where a page's text is encoded before it is written, as every write is done before the next
 * begins. Buffer.from measures the text, then encodes it, two passes over a page; encoding into
 * room made beforehand is one, and at 10,000 posts a tenth of the pages' cost.
 */
const encodingRoom = createScratch(256 * 1024, 3 * 1024 * 1024);
/** Texts longer than this, in UTF-16 units, are encoded by Buffer.from, into a buffer of their own. */
const scratchUnitsAtMost = 1024 * 1024;

/** A text's UTF-8 bytes: in the scratch buffer, good until the next call. */
function utf8Of(text: string): Buffer {
  if (text.length > scratchUnitsAtMost) return Buffer.from(text);
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a pair of surrogates, 4 for 2).
  const room = encodingRoom(text.length * 3);
  return room.subarray(0, room.write(text));
}

/**
 * Writes into a destination folder and nowhere else: each path is checked, each parent folder's
 * real path must lie inside the destination (no writing through symlinks), files are written
 * to a temporary name and renamed when they replace one (never half-written; a new file in a
 * folder made by this build is written in place), and unchanged files are left alone.
 * @param options.cleans whether this target is asked to remove what is stale (the build's own; a
 *   worker thread's writes only)
 * @param options.holds what the destination is known to hold, besides the user's dot entries: the
 *   files the last build of this process produced there (`build --watch`). What is stale is then
 *   found among them and this build's writes, without a sweep of the folder.
 */
export async function createDiskTarget(destination: string, options: { readonly cleans?: boolean; readonly holds?: Iterable<string> } = {}): Promise<OutputTarget> {
  const made = await fs.mkdir(destination, { recursive: true });
  const root = await fs.realpath(destination);
  /**
   * What this target wrote, while the destination holds nothing else: made now, or found with
   * nothing but the user's dot entries at the top (which the sweep keeps too). Then what is stale is
   * only what was written and not produced, and the folders need no sweep (60 ms at 10,000 posts).
   * Null once anything else may be there: a write that failed part way, here or on a thread.
   */
  let writtenHere: string[] | null = !(options.cleans ?? true)
    ? null
    : options.holds
      ? [...options.holds]
      : made !== undefined || (await fs.readdir(root)).every(isUsersTopEntry)
        ? []
        : null;
  /** Folders known to be inside the destination: real folders, or links that lead inside it. */
  const checkedFolders = new Set<string>([root]);
  /** Folders this target made: nothing was in them before, so a file in one is new. */
  const madeFolders = new Set<string>();

  // Synchronous file calls: on one thread that only writes, they cost a fraction of the
  // promise round trips through libuv's pool (a 10,000-post build writes 11,000 files).
  // A folder is checked after its parent, one level at a time, so no folder is ever created
  // through a link that leads outside. A folder this call creates inside a checked one is inside
  // too, and costs one call: a site of dated posts has nearly a folder per post.
  function checkFolder(folder: string): void {
    if (checkedFolders.has(folder)) return;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`refusing to write outside the destination (${folder})`);
    checkFolder(parent);
    try {
      mkdirSync(folder);
      madeFolders.add(folder);
    } catch (caught) {
      if ((caught as NodeJS.ErrnoException).code !== 'EEXIST') throw caught;
      if (lstatSync(folder).isSymbolicLink()) {
        const real = realPathOrNull(folder);
        if (!real || !isInside(root, real)) throw new Error(`refusing to write through ${folder}: it leads outside the destination`);
      }
    }
    checkedFolders.add(folder);
  }

  return {
    async write(relativePath, content) {
      try {
        const written = writeFile(relativePath, content);
        writtenHere?.push(relativePath);
        return written;
      } catch (caught) {
        writtenHere = null;
        throw caught;
      }
    },

    async removeStale(produced) {
      if (writtenHere) {
        const stale = writtenHere.filter((file) => !produced.has(file) && !produced.has(file.normalize('NFC')));
        for (const file of stale) {
          const full = fileIn(root, file);
          // As the sweep, never through a folder that has become a link leading out.
          const real = realPathOrNull(path.dirname(full));
          if (!real || !isInside(root, real)) continue;
          rmSync(full, { force: true });
          // Its folders go with it once empty, as the sweep leaves none.
          for (let folder = path.dirname(full); folder !== root && isInside(root, folder); folder = path.dirname(folder)) {
            try {
              rmdirSync(folder);
            } catch {
              break;
            }
          }
        }
        writtenHere = [];
        return stale.length;
      }
      return sweepStale(produced);
    },

    failedElsewhere() {
      writtenHere = null;
    },
  };

  function writeFile(relativePath: string, content: string | Uint8Array): WrittenFile {
    const unsafe = unsafePathReason(relativePath);
    if (unsafe) throw new Error(`refusing to write ${JSON.stringify(relativePath)}: ${unsafe}`);
    const file = fileIn(root, relativePath);
    if (!isInside(root, file) || file === root) throw new Error(`refusing to write ${relativePath}: outside the destination`);
    const folder = path.dirname(file);
    checkFolder(folder);
    const bytes = typeof content === 'string' ? utf8Of(content) : content;
    const size = bytes.length;
    // In a folder this target made, the file is new: written in place, exclusively ('wx' fails on
    // anything already there), without looking first or renaming, two calls of five. A write cut
    // short leaves no older version to lose, and the page is not recorded, so the next build
    // writes it again. Most pages of a first build are alone in a folder of their own.
    if (madeFolders.has(folder)) {
      try {
        writeFileSync(file, bytes, { flag: 'wx' });
        return { outcome: 'written', size };
      } catch (caught) {
        if ((caught as NodeJS.ErrnoException).code !== 'EEXIST') {
          rmSync(file, { force: true });
          throw caught;
        }
      }
    }
    const existing = lstatSync(file, { throwIfNoEntry: false });
    if (existing?.isFile() && existing.size === bytes.length && Buffer.compare(readFileSync(file), bytes) === 0) return { outcome: 'unchanged', size };
    // Not named after the file: a page's own name may already fill the 255 bytes a name can have.
    // The thread's id too: the worker threads of a build write pages side by side.
    const temporary = `${folder}${path.sep}.${process.pid}.${threadId}.${temporaryCounter++}.baoku-tmp`;
    try {
      writeFileSync(temporary, bytes);
      renameSync(temporary, file);
    } catch (caught) {
      rmSync(temporary, { force: true });
      throw caught;
    }
    return { outcome: 'written', size };
  }

  function sweepStale(produced: ReadonlySet<string>): number {
    const keep = new Set([...produced].map((p) => p.normalize('NFC')));
    let removed = 0;
    function sweep(folder: string, relative: string): boolean {
      const entries = readdirSync(folder, { withFileTypes: true });
      let empty = true;
      for (const entry of entries) {
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        const full = `${folder}${path.sep}${entry.name}`;
        if (!relative && isUsersTopEntry(entry.name)) {
          empty = false;
          continue;
        }
        if (entry.isDirectory()) {
          const nowEmpty = sweep(full, rel);
          if (nowEmpty) {
            try {
              rmdirSync(full);
            } catch {
              empty = false;
            }
          }
          else empty = false;
        } else if (keep.has(rel) || keep.has(rel.normalize('NFC'))) {
          empty = false;
        } else {
          // unlink removes a symlink itself, never what it points at.
          unlinkSync(full);
          removed++;
        }
      }
      return empty;
    }
    sweep(root, '');
    return removed;
  }
}

/**
 * A checked output path's file in a folder. Joined by hand when it needs no normalizing: path.join
 * and the path.relative of isInside cost 10 µs a file, at 10,000 posts a tenth of a second.
 */
export function fileIn(folder: string, relativePath: string): string {
  return path.sep === '/' && !relativePath.includes('//') && !relativePath.endsWith('/') ? `${folder}/${relativePath}` : path.join(folder, ...relativePath.split('/'));
}

/**
 * Like Jekyll's keep_files: .git, .nojekyll and other dot entries at the top of the destination are
 * the user's, never stale (a temporary file of ours left there is not).
 */
export function isUsersTopEntry(name: string): boolean {
  return name.startsWith('.') && !name.endsWith('.baoku-tmp');
}

/** The real path of a file or folder, or null when it cannot be resolved (a dangling link). */
function realPathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

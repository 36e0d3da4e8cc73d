import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createScratch } from '../scratch-buffer.js';

/** Where a file stood when a build looked at it: a file whose size and time are unchanged is taken as unchanged. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** A file's stamp, undefined for a file that is not there. */
export type StampOf = (absolutePath: string) => FileStamp | undefined;

/** The build's stamps: each file's taken once, by a stat or from whoever read the file. */
export interface FileStamps extends StampOf {
  /** Takes this as the file's stamp, if none was taken yet: where a thread stood it when it read it. */
  remember(absolutePath: string, stamp: FileStamp): void;
  /** Every stamp taken so far, by absolute path: for the next build of a watched site (see CarriedStamps). */
  taken(): ReadonlyMap<string, FileStamp | undefined>;
}

/**
 * The last build's stamps, carried into the next by a process that watches the site (`dev`,
 * `build --watch`), with the names of the files the watcher saw change since: every other file
 * keeps its stamp, so a rebuild after one edit stats one file rather than every post (10,000
 * stats, 40-60 ms of it). Matched by file name, not path: the watcher and the build may reach
 * one folder by different paths (a link), and a name changed under either is stamped anew.
 */
export interface CarriedStamps {
  readonly stamps: ReadonlyMap<string, FileStamp | undefined>;
  /** File names (the last part of a path) changed since those stamps were taken. */
  readonly changedNames: ReadonlySet<string>;
}

/**
 * Stamps that stat each file once: a build asks twice of every post (comparing its inputs with the
 * last build's, then looking it up in the post cache), and at 10,000 posts each pass costs 35 ms.
 * A post read without a cached entry is stamped by the thread that read it (see readStamped).
 * @param linked files that are links to files (see PostFile.linked): their stamps are never carried
 */
export function createFileStamps(carried?: CarriedStamps, linked: readonly string[] = []): FileStamps {
  const stamps = new Map<string, FileStamp | undefined>(carried?.stamps);
  // The carried stamps of files named as changed go, whatever folder the path goes through; and
  // those of links to files, whose targets change under their own names.
  for (const name of carried?.changedNames ?? []) {
    for (const absolutePath of stamps.keys()) if (absolutePath.endsWith(name) && nameOf(absolutePath) === name) stamps.delete(absolutePath);
  }
  for (const absolutePath of linked) stamps.delete(absolutePath);
  const stampOf = (absolutePath: string): FileStamp | undefined => {
    if (!stamps.has(absolutePath)) stamps.set(absolutePath, stampNow(absolutePath));
    return stamps.get(absolutePath);
  };
  return Object.assign(stampOf, {
    remember(absolutePath: string, stamp: FileStamp) {
      if (!stamps.has(absolutePath)) stamps.set(absolutePath, stamp);
    },
    taken: () => stamps,
  });
}

/** A file's stamp taken now, by a stat; undefined for a file that is not there. */
function stampNow(absolutePath: string): FileStamp | undefined {
  const stat = statSync(absolutePath, { throwIfNoEntry: false });
  return stat ? stampOfStat(stat) : undefined;
}

function stampOfStat(stat: { readonly size: number; readonly mtimeMs: number }): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/** These files' stamps, each taken now (undefined for a file that is not there). */
export function stampsNow(absolutePaths: Iterable<string>): Map<string, FileStamp | undefined> {
  const stamps = new Map<string, FileStamp | undefined>();
  for (const absolutePath of absolutePaths) stamps.set(absolutePath, stampNow(absolutePath));
  return stamps;
}

/** The last part of a path, with either separator. */
export function nameOf(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
}

/**
 * Where files are read into, as each file read is done with before the next (its text decoded,
 * its digest taken): with a buffer made for each read and for each digest, 3 µs more a post.
 */
const readingRoom = createScratch(64 * 1024, 1024 * 1024);

/**
 * A file's bytes and its stamp as they were when read: the stamp is taken from the open file
 * before its bytes are read, so a file changed meanwhile is stamped older than its bytes and read
 * again next time, never the other way round. The calls of a plain read (open, fstat, read, close),
 * and like it, read to the size taken. The bytes are good until the next call on this thread.
 */
export function readStamped(absolutePath: string): { readonly bytes: Buffer; readonly stamp: FileStamp } {
  const fd = openSync(absolutePath, 'r');
  try {
    const stat = fstatSync(fd);
    const stamp = stampOfStat(stat);
    // A size of 0 may be a file that does not know its size: read to its end.
    if (stat.size === 0) return { bytes: readFileSync(fd), stamp };
    const bytes = readingRoom(stat.size);
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: length < bytes.length ? bytes.subarray(0, length) : bytes, stamp };
  } finally {
    closeSync(fd);
  }
}

/** Whether a file still stands where a stamp says it stood. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

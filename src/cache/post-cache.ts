import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writevSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PostFile } from '../content/find-posts.js';
import { createFileStamps, sameStamp, type FileStamp, type StampOf } from '../content/file-stamps.js';
import type { PostSettings } from '../parallel/post-settings.js';
import type { ProcessedPost } from '../parallel/process-post.js';

/**
 * Bump when reading or transforming a post changes in a way that makes old results wrong, or how
 * its place is worked out (src/site/post-place.ts, permalink.ts, paths.ts): a cache written by
 * another format or pipeline is then ignored, never served.
 */
export const pipelineVersion = 10;

/** The cache file's first frame; the entries follow in frames of up to `framePosts`. */
interface CacheHeader {
  readonly version: number;
  readonly key: string;
}

type CacheEntry = readonly [sourcePath: string, stamp: FileStamp, processed: ProcessedPost];

/**
 * After the header, a frame holds entries, or the posts no longer there. A build that changed a
 * few posts appends their entries (later frames win over earlier ones) instead of writing the
 * whole cache again: at 10,000 posts, 90 ms for one edited post.
 */
type CacheFrame = CacheEntry[] | { readonly removed: readonly string[] };

/**
 * Posts per frame of the cache file: serializing 100,000 posts in one piece would need a buffer
 * the size of the whole cache on top of the posts themselves.
 */
const framePosts = 1000;

/** Frames: a 4-byte length, then that many bytes of v8-serialized data. */
function* readFrames(bytes: Buffer): Generator<unknown> {
  let at = 0;
  while (at < bytes.length) {
    // A write cut short, even inside a frame's length, makes the whole file unreadable: a frame
    // appended after it would be read from the wrong place.
    if (at + 4 > bytes.length) throw new Error('truncated cache frame');
    const length = bytes.readUInt32LE(at);
    at += 4;
    if (at + length > bytes.length) throw new Error('truncated cache frame');
    yield deserialize(bytes.subarray(at, at + length));
    at += length;
  }
}

/** Which file a cache was read from: an append goes only onto that same file, as long as it was. */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
}

/**
 * A frame's pieces, its length first, written with one writev: an appended frame is never
 * interleaved, and the frame is not copied into one buffer first (50 MB at 10,000 posts).
 */
function framePieces(value: unknown): Buffer[] {
  const data = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(data.length);
  return [length, data];
}

/** A post the cache keeps, as its map of them holds it. */
type KeptEntry = readonly [sourcePath: string, { readonly stamp: FileStamp; readonly processed: ProcessedPost }];

/** Writes entries as frames of up to `framePosts`. */
function writeFramesOf(entries: readonly KeptEntry[], fd: number): void {
  for (let at = 0; at < entries.length; at += framePosts) {
    writevSync(fd, framePieces(entries.slice(at, at + framePosts).map(([sourcePath, { stamp, processed }]): CacheEntry => [sourcePath, stamp, processed])));
  }
}

/** Posts read and transformed by an earlier build, by source path. */
export interface PostCache {
  /**
   * The earlier result for a file, when it and the settings are unchanged.
   * @param stampOf the build's stamps (see createFileStamps); default, a stat of its own
   */
  lookup(file: PostFile, stampOf?: StampOf): ProcessedPost | undefined;
  /**
   * Records a fresh result, to be saved. A cache on disk that was empty (a first build) writes
   * fresh results out as they come, a frame at a time, while the threads read on. A result is
   * kept under the stamp it was read with (see readStamped), else under the file's stamp now.
   * @param stampOf the build's stamps, as for lookup
   */
  store(file: PostFile, processed: ProcessedPost, stampOf?: StampOf): void;
  /**
   * Ends a build's use of the cache: keeps the results of exactly these files for the next build,
   * and writes them to disk (atomically) when anything changed. A cache in memory only (the dev
   * server's) serves the next build itself; one on disk lets go of the posts once written, and the
   * next build reads them back, unless it is reused (`build --watch`): then it serves the next build too.
   */
  save(files: readonly PostFile[], stampOf?: StampOf): void;
  /** How many lookups were served. */
  readonly hits: () => number;
  /** Ends a build that stopped before save: what was written early is removed. */
  abandon(): void;
}

/** Where a site's post cache is kept. */
export function postCacheFile(siteRoot: string): string {
  return path.join(siteRoot, '.baoku-cache', 'posts.v8');
}

/** The cache's identity: baoku's pipeline version and every setting a post's result depends on. */
export function cacheKey(settings: PostSettings): string {
  return createHash('sha256').update(JSON.stringify({ pipelineVersion, settings })).digest('hex').slice(0, 16);
}

/**
 * Opens `.baoku-cache/` in the site root. A missing, corrupt or stale cache (another version or
 * other settings) is treated as empty: it can cost time, never correctness.
 * @param options.persist write the cache to disk on save (default); false keeps it in memory only (the dev server's)
 * @param options.reuse the cache serves more builds after this one (`build --watch`): a save on
 *   disk keeps the posts in memory too, so the next build neither reads the file back nor writes it anew
 */
export function openPostCache(siteRoot: string, settings: PostSettings, options: { readonly persist?: boolean; readonly reuse?: boolean } = {}): PostCache {
  const persist = options.persist ?? true;
  const keepInMemory = !persist || options.reuse === true;
  const file = postCacheFile(siteRoot);
  const folder = path.dirname(file);
  const key = cacheKey(settings);
  let earlier = new Map<string, { stamp: FileStamp; processed: ProcessedPost }>();
  /** Entries in the file that later frames replaced or removed: past a quarter of the live ones, the file is written anew. */
  let superseded = 0;
  /** The file read, when its header matched: another build may have written another since. */
  let readFrom: FileIdentity | null = null;
  try {
    const bytes = readFileSync(file);
    const frames = readFrames(bytes);
    const header = frames.next().value as CacheHeader | undefined;
    if (header?.version === pipelineVersion && header.key === key) {
      for (const frame of frames as Generator<CacheFrame>) {
        if (Array.isArray(frame)) {
          for (const [sourcePath, stamp, processed] of frame) {
            if (earlier.has(sourcePath)) superseded++;
            earlier.set(sourcePath, { stamp, processed });
          }
        } else {
          for (const sourcePath of frame.removed) if (earlier.delete(sourcePath)) superseded++;
        }
      }
      readFrom = { ino: statSync(file).ino, size: bytes.length };
    }
  } catch {
    // No cache yet, or one we cannot read: start empty.
    earlier.clear();
  }
  // One build's stamps, when the build gives none: a file is stamped when it is looked up, before
  // it is read, so that an edit made while it is read shows in the next build's stamp.
  let stamps = createFileStamps();
  let fresh = new Map<string, ProcessedPost>();
  let hits = 0;
  const temporary = `${file}.${process.pid}.tmp`;
  if (persist) removeAbandoned(folder);
  /**
   * The file being written while results come, when the cache was empty: it will be written anew
   * whole, and its frames are made while this thread would otherwise wait for the threads. Null
   * when not written early, or once that failed.
   */
  let early: { fd: number | null; written: CacheEntry[]; pending: CacheEntry[] } | null = persist && earlier.size === 0 ? { fd: null, written: [], pending: [] } : null;
  function dropEarly(): void {
    if (early?.fd != null) closeSync(early.fd);
    early = null;
    rmSync(temporary, { force: true });
  }
  /** Opens the temporary file a cache is written anew into, its header written. */
  function startAnew(): number {
    mkdirSync(folder, { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      writevSync(fd, framePieces({ version: pipelineVersion, key } satisfies CacheHeader));
    } catch (caught) {
      closeSync(fd);
      throw caught;
    }
    return fd;
  }
  /**
   * Writes the last entries into the file begun by startAnew, closes it and puts it in place; a
   * cache that cannot be written is only a slower next build, so on failure it is removed.
   * @returns whether it is in place
   */
  function finishAnew(fd: number, entries: readonly KeptEntry[]): boolean {
    let written = false;
    try {
      writeFramesOf(entries, fd);
      written = true;
    } catch {
      // Removed below.
    }
    try {
      const { ino, size } = fstatSync(fd);
      closeSync(fd);
      if (written) {
        renameSync(temporary, file);
        readFrom = { ino, size };
        superseded = 0;
        return true;
      }
    } catch {
      // As above.
    }
    rmSync(temporary, { force: true });
    return false;
  }
  return {
    lookup(post, stampOf = stamps) {
      const entry = earlier.get(post.sourcePath);
      // A post without an entry is left unstamped: the thread that reads it stamps it (see readStamped).
      if (!entry) return undefined;
      const now = stampOf(post.absolutePath);
      if (!now || !sameStamp(entry.stamp, now)) return undefined;
      hits++;
      return entry.processed;
    },
    store(post, processed, stampOf = stamps) {
      fresh.set(post.sourcePath, processed);
      const stamp = early && (processed.stamp ?? stampOf(post.absolutePath));
      if (!early || !stamp) return;
      early.pending.push([post.sourcePath, stamp, processed]);
      if (early.pending.length < framePosts) return;
      try {
        // Opened with the first full frame: a small site's cache is written whole, at the end.
        early.fd ??= startAnew();
        writevSync(early.fd, framePieces(early.pending));
        early.written.push(...early.pending);
        early.pending = [];
      } catch {
        dropEarly();
      }
    },
    save(files, stampOf = stamps) {
      const kept = new Map<string, { stamp: FileStamp; processed: ProcessedPost }>();
      const added: CacheEntry[] = [];
      /** Entries of the file that the added ones replace. */
      let replaced = 0;
      for (const post of files) {
        const renewed = fresh.get(post.sourcePath);
        const before = earlier.get(post.sourcePath);
        // A post read anew stands where it stood when it was read (see readStamped).
        const now = renewed?.stamp ?? stampOf(post.absolutePath);
        const processed = renewed ?? before?.processed;
        if (!processed || !now) continue;
        kept.set(post.sourcePath, { stamp: now, processed });
        if (renewed || !before || !sameStamp(before.stamp, now)) {
          added.push([post.sourcePath, now, processed]);
          if (before) replaced++;
        }
      }
      const removed = [...earlier.keys()].filter((sourcePath) => !kept.has(sourcePath));
      const appendable = earlier.size > 0 && superseded + added.length + removed.length <= kept.size / 4;
      const unchanged = added.length === 0 && removed.length === 0 && earlier.size > 0;
      earlier = keepInMemory ? kept : new Map();
      fresh = new Map();
      stamps = createFileStamps();
      // Taken once: its descriptor is closed below, and a reused cache's next save must not
      // close that number again (by then another file's, such as the watcher's).
      const writing = early;
      early = null;
      if (writing?.fd != null) {
        // The early frames hold what the whole file would when each entry written is kept, as
        // stored; else the file is written anew below, from the start.
        const intact = writing.written.every(([sourcePath, at, processed]) => {
          const now = kept.get(sourcePath);
          return now?.processed === processed && sameStamp(now.stamp, at);
        });
        if (!intact) {
          closeSync(writing.fd);
          rmSync(temporary, { force: true });
        } else {
          const done = new Set(writing.written.map(([sourcePath]) => sourcePath));
          if (finishAnew(writing.fd, [...kept].filter(([sourcePath]) => !done.has(sourcePath)))) return;
        }
      }
      if (!persist || unchanged) return;
      try {
        if (appendable && readFrom) {
          const frames: CacheFrame[] = [];
          if (removed.length) frames.push({ removed });
          for (let at = 0; at < added.length; at += framePosts) frames.push(added.slice(at, at + framePosts));
          const fd = openSync(file, 'a');
          try {
            // Appended only onto the file this cache read, as it was: a build with other
            // settings may have written its own since, and its entries must not be mixed with ours.
            const now = fstatSync(fd);
            if (now.ino === readFrom.ino && now.size === readFrom.size) {
              writevSync(fd, frames.flatMap(framePieces));
              // The next save of a reused cache appends onto the file as it is now.
              readFrom = { ino: now.ino, size: fstatSync(fd).size };
              superseded += replaced + removed.length;
              return;
            }
          } finally {
            closeSync(fd);
          }
        }
      } catch {
        // Written anew below.
      }
      try {
        finishAnew(startAnew(), [...kept]);
      } catch {
        // Not even begun (see finishAnew).
        rmSync(temporary, { force: true });
      }
    },
    hits: () => hits,
    abandon: () => dropEarly(),
  };
}

/**
 * Removes the cache files a build wrote early and never finished (it was stopped, or it
 * crashed): named after their process, which is no longer running.
 */
function removeAbandoned(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^posts\.v8\.(\d+)\.tmp$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(path.join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (caught) {
    // EPERM: running, as another user.
    return (caught as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PostFile } from '../content/find-posts.js';
import type { PostSettings } from '../parallel/post-settings.js';
import type { ProcessedPost } from '../parallel/process-post.js';

/**
 * Bump when reading or transforming a post changes in a way that makes old results wrong: a
 * cache written by another format or pipeline is then ignored, never served.
 */
export const pipelineVersion = 7;

/** Where a post file stood when it was read: a file whose size and time are unchanged is not read again. */
interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** The cache file's first frame; the entries follow in frames of up to `framePosts`. */
interface CacheHeader {
  readonly version: number;
  readonly key: string;
}

type CacheEntry = readonly [sourcePath: string, stamp: FileStamp, processed: ProcessedPost];

/**
 * Posts per frame of the cache file: serializing 100,000 posts in one piece would need a buffer
 * the size of the whole cache on top of the posts themselves.
 */
const framePosts = 1000;

/** Frames: a 4-byte length, then that many bytes of v8-serialized data. */
function* readFrames(bytes: Buffer): Generator<unknown> {
  let at = 0;
  while (at + 4 <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    at += 4;
    if (at + length > bytes.length) throw new Error('truncated cache frame');
    yield deserialize(bytes.subarray(at, at + length));
    at += length;
  }
}

function writeFrame(fd: number, value: unknown): void {
  const data = serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(data.length);
  writeSync(fd, length);
  writeSync(fd, data);
}

/** Posts read and transformed by an earlier build, by source path. */
export interface PostCache {
  /** The earlier result for a file, when it and the settings are unchanged. */
  lookup(file: PostFile): ProcessedPost | undefined;
  /** Records a fresh result, to be saved. */
  store(file: PostFile, processed: ProcessedPost): void;
  /**
   * Ends a build's use of the cache: keeps the results of exactly these files for the next build,
   * and writes them to disk (atomically) when anything changed. A cache in memory only (the dev
   * server's) serves the next build itself; one on disk lets go of the posts once written, and the
   * next build reads them back.
   */
  save(files: readonly PostFile[]): void;
  /** How many lookups were served. */
  readonly hits: () => number;
}

/** The cache's identity: baoku's pipeline version and every setting a post's result depends on. */
export function cacheKey(settings: PostSettings): string {
  return createHash('sha256').update(JSON.stringify({ pipelineVersion, settings })).digest('hex').slice(0, 16);
}

function stampOf(file: PostFile): FileStamp | undefined {
  const stat = statSync(file.absolutePath, { throwIfNoEntry: false });
  return stat ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
}

/**
 * Opens `.baoku-cache/` in the site root. A missing, corrupt or stale cache (another version or
 * other settings) is treated as empty: it can cost time, never correctness.
 */
export function openPostCache(siteRoot: string, settings: PostSettings, options: { readonly persist?: boolean } = {}): PostCache {
  const persist = options.persist ?? true;
  const folder = path.join(siteRoot, '.baoku-cache');
  const file = path.join(folder, 'posts.v8');
  const key = cacheKey(settings);
  let earlier = new Map<string, { stamp: FileStamp; processed: ProcessedPost }>();
  try {
    const frames = readFrames(readFileSync(file));
    const header = frames.next().value as CacheHeader | undefined;
    if (header?.version === pipelineVersion && header.key === key) {
      for (const frame of frames) {
        for (const [sourcePath, stamp, processed] of frame as CacheEntry[]) earlier.set(sourcePath, { stamp, processed });
      }
    }
  } catch {
    // No cache yet, or one we cannot read: start empty.
    earlier.clear();
  }
  let stamps = new Map<string, FileStamp | undefined>();
  let fresh = new Map<string, ProcessedPost>();
  let hits = 0;
  const stamp = (post: PostFile): FileStamp | undefined => {
    if (!stamps.has(post.sourcePath)) stamps.set(post.sourcePath, stampOf(post));
    return stamps.get(post.sourcePath);
  };
  return {
    lookup(post) {
      const entry = earlier.get(post.sourcePath);
      const now = stamp(post);
      if (!entry || !now || entry.stamp.size !== now.size || entry.stamp.mtimeMs !== now.mtimeMs) return undefined;
      hits++;
      return entry.processed;
    },
    store(post, processed) {
      fresh.set(post.sourcePath, processed);
    },
    save(files) {
      const changed = fresh.size > 0 || files.length !== earlier.size || files.some((post) => !earlier.has(post.sourcePath));
      const kept = new Map<string, { stamp: FileStamp; processed: ProcessedPost }>();
      for (const post of files) {
        const processed = fresh.get(post.sourcePath) ?? earlier.get(post.sourcePath)?.processed;
        const now = stamp(post);
        if (processed && now) kept.set(post.sourcePath, { stamp: now, processed });
      }
      earlier = persist ? new Map() : kept;
      fresh = new Map();
      stamps = new Map();
      if (!persist || !changed) return;
      mkdirSync(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        const fd = openSync(temporary, 'w');
        try {
          writeFrame(fd, { version: pipelineVersion, key } satisfies CacheHeader);
          let frame: CacheEntry[] = [];
          for (const [sourcePath, { stamp: at, processed }] of kept) {
            frame.push([sourcePath, at, processed]);
            if (frame.length === framePosts) {
              writeFrame(fd, frame);
              frame = [];
            }
          }
          if (frame.length > 0) writeFrame(fd, frame);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, file);
      } catch {
        // A cache that cannot be written is only a slower next build.
        rmSync(temporary, { force: true });
      }
    },
    hits: () => hits,
  };
}

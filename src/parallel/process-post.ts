import { hash } from 'node:crypto';
import { decodePost } from '../content/decode-post.js';
import { readStamped, type FileStamp } from '../content/file-stamps.js';
import { createScratch } from '../scratch-buffer.js';
import type { PostFile } from '../content/find-posts.js';
import { parsePost } from '../content/parse-post.js';
import type { Post } from '../content/post.js';
import { error, warning, type Problem } from '../report/problem.js';
import { placeOf, type PostPlace } from '../site/post-place.js';
import type { Article } from '../transform/article.js';
import { cutText } from '../transform/summary.js';
import { loadSlowReaders, SlowReadersNeeded } from '../transform/slow-path.js';
import { createBodyTransformer } from '../transform/transform-body.js';
import type { PostSettings } from './post-settings.js';

/** One post file after reading and transforming. `post` keeps no body: the article replaces it. */
export interface ProcessedPost {
  readonly post: Post | null;
  readonly article: Article | null;
  /** Front matter title, or the fallback when that was empty. */
  readonly title: string;
  /**
   * Stands for post, article and title together in page keys (see planPages): a digest of what
   * they are made from, the file's bytes, path and settings (and a draft's time, its date).
   */
  readonly digest: string;
  readonly problems: readonly Problem[];
  /** The file's size and time when it was read (see readStamped); null when it could not be read. */
  readonly stamp: FileStamp | null;
  /** Where the post's page goes, with these settings; absent without a post, and with pinyin slugs (the layout works it out). */
  readonly place?: PostPlace;
}

/** Where a digest's input is put together, as the bytes of a post are read (see readStamped). */
const digestRoom = createScratch(64 * 1024, 1024 * 1024);

/**
 * The digest of a text and the bytes after it. One call over one buffer: a Hash object fed in six
 * pieces cost more than hashing the bytes.
 */
function digestOf(head: string, bytes: Uint8Array): string {
  // A UTF-16 unit takes at most 3 bytes in UTF-8.
  const room = digestRoom(head.length * 3 + bytes.length);
  const at = room.write(head);
  room.set(bytes, at);
  return hash('sha1', room.subarray(0, at + bytes.length), 'base64url');
}

/** Reads, parses and transforms post files; one per thread, reused across files. */
export function createPostProcessor(settings: PostSettings): (file: PostFile) => ProcessedPost {
  const transform = createBodyTransformer(new Set(settings.disabledTransforms), settings);
  const settingsKey = JSON.stringify(settings);
  return (file) => {
    try {
      return processOne(file);
    } catch (caught) {
      if (caught instanceof SlowReadersNeeded) throw caught;
      // One post must never end the whole build: it is skipped and named, the rest builds.
      const reason = caught instanceof RangeError ? 'it is nested too deeply to read' : `reading it failed (${caught instanceof Error ? caught.message : String(caught)})`;
      return {
        post: null,
        article: null,
        title: '',
        digest: '',
        stamp: null,
        problems: [error(file.sourcePath, 'content/unreadable', `post skipped: ${reason}`, 'simplify the post’s markup; if it looks ordinary, report it as a baoku bug', 1)],
      };
    }
  };

  function processOne(file: PostFile): ProcessedPost {
    const problems: Problem[] = [];
    const { bytes, stamp } = readStamped(file.absolutePath);
    const decoded = decodePost(file.sourcePath, bytes);
    if (decoded.problem) return { post: null, article: null, title: '', digest: '', problems: [decoded.problem], stamp };
    const modifiedMs = file.draft ? stamp.mtimeMs : undefined;
    const parsed = parsePost(file.sourcePath, decoded.text, { timezone: settings.timezone, draft: file.draft, modifiedMs });
    problems.push(...parsed.problems);
    const post = parsed.post;
    if (!post) return { post: null, article: null, title: '', digest: '', problems, stamp };
    const result = transform({ sourcePath: post.sourcePath, format: post.format, body: post.body, bodyLine: post.bodyLine, title: post.title });
    problems.push(...result.problems);
    let title = post.title;
    if (!title) {
      title = result.article.firstHeading || cutText(result.article.excerpt.replace(/…$/, ''), 30) || post.slug;
      problems.push(warning(post.sourcePath, 'front-matter/title', `post has no title; using "${title}"`, 'add a title to the front matter', 1));
    }
    // Of the source rather than of the result: hashing the result's JSON cost a seventh of the time
    // a post takes to read, and the same source with the same settings gives the same result.
    const digest = digestOf(`${settingsKey}\0${file.sourcePath}\0${modifiedMs ?? ''}\0`, bytes);
    // Pinyin slugs would load pinyin-pro's dictionary on every thread: the layout works those out.
    const place = settings.slugify === 'pinyin' ? undefined : placeOf(post, settings);
    return { post: { ...post, body: '' }, article: result.article, title, digest, problems, stamp, place };
  }
}

/**
 * Runs a post processor over files, loading the slow readers when a post first needs them and
 * reading that post again: a post's reading is pure but for reading its file.
 */
export async function processPostFiles(run: (file: PostFile) => ProcessedPost, files: readonly PostFile[]): Promise<ProcessedPost[]> {
  const results: ProcessedPost[] = [];
  for (const file of files) {
    try {
      results.push(run(file));
    } catch (caught) {
      if (!(caught instanceof SlowReadersNeeded)) throw caught;
      await loadSlowReaders();
      results.push(run(file));
    }
  }
  return results;
}

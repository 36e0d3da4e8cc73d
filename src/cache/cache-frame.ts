import { deserialize, serialize } from 'node:v8';
import type { FileStamp } from '../content/file-stamps.js';
import type { PostFile } from '../content/find-posts.js';
import type { ProcessedPost } from '../parallel/process-post.js';

/** A post the cache file holds: its result, under the stamp its file had when it was read. */
export type CacheEntry = readonly [sourcePath: string, stamp: FileStamp, processed: ProcessedPost];

/**
 * A batch of posts as the thread that read them sends them: the entries of a cache frame, where
 * a post that could not be read has no stamp (it is stamped, or left out, by the cache).
 */
type ReadEntry = readonly [sourcePath: string, stamp: FileStamp | null, processed: ProcessedPost];

/**
 * Frames: a 4-byte length, then that many bytes of v8-serialized data. A frame's pieces, its
 * length first, are written with one writev: an appended frame is never interleaved, and the frame
 * is not copied into one buffer first.
 */
export function framePieces(value: unknown): Uint8Array[] {
  return framed(serialize(value));
}

/** Serialized data as a frame's pieces, its length first. */
export function framed(data: Uint8Array): Uint8Array[] {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(data.length);
  return [length, data];
}

/** The frames of a cache file, each deserialized. */
export function* readFrames(bytes: Buffer): Generator<unknown> {
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

/**
 * A batch of posts read on a thread, serialized once as the data of a cache frame, to be sent as
 * it is: the thread that started the build reads the results from it and, writing a cache anew,
 * writes it as it came, rather than serializing every post a second time (120 ms at 10,000 posts).
 */
export function readBatchData(files: readonly PostFile[], results: readonly ProcessedPost[]): Uint8Array {
  return serialize(files.map((file, index): ReadEntry => [file.sourcePath, results[index]!.stamp, results[index]!]));
}

/** The results of a batch that readBatchData serialized, in the order of its files. */
export function resultsOfReadBatch(data: Uint8Array): ProcessedPost[] {
  return (deserialize(data) as ReadEntry[]).map(([, , processed]) => processed);
}

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeCacheFile } from '../cache/cache-file.js';

/** A page of a shard as it was indexed: URL, output path, and its file's size and time then. */
export type IndexedPage = readonly [url: string, outputPath: string, size: number, mtimeMs: number];

/** A file of the index as written, relative to the output root, with its size. */
export type IndexFile = readonly [path: string, size: number];

/** What one shard was indexed from and what it wrote: a build that finds all of it unchanged keeps the shard. */
export interface IndexedShard {
  readonly name: string;
  readonly pages: readonly IndexedPage[];
  /** The bundle's index data (not Pagefind's scripts). */
  readonly files: readonly IndexFile[];
  readonly indexed: number;
  /** URLs of its pages left out for having no `data-pagefind-body` element. */
  readonly skipped: readonly string[];
}

/** The search index of the last build into a destination, shard by shard. */
export interface SearchRecord {
  /** Language, baseurl and Pagefind's version: any other makes every shard stale. */
  readonly key: string;
  readonly shards: readonly IndexedShard[];
  /** Pagefind's scripts and WebAssembly, written into the first bundle's folder. */
  readonly scripts: { readonly shard: string; readonly files: readonly IndexFile[] } | null;
}

const recordFile = (siteRoot: string): string => path.join(siteRoot, '.baoku-cache', 'search.json');
const format = 'search-1';

/** The record of the last build into this destination; null when there is none, or none readable. */
export function readSearchRecord(siteRoot: string, destination: string): SearchRecord | null {
  try {
    const stored = JSON.parse(readFileSync(recordFile(siteRoot), 'utf8')) as { format: string; destination: string; record: SearchRecord };
    return stored.format === format && stored.destination === destination && Array.isArray(stored.record?.shards) ? stored.record : null;
  } catch {
    return null;
  }
}

/**
 * Removed before a build indexes, written once it is done: an index stopped halfway may have
 * rewritten part of a shard, and must leave no record that would keep it.
 */
export function removeSearchRecord(siteRoot: string): void {
  rmSync(recordFile(siteRoot), { force: true });
}

export function writeSearchRecord(siteRoot: string, destination: string, record: SearchRecord): void {
  // Without a record, the next build indexes every shard: slower, never wrong.
  writeCacheFile(recordFile(siteRoot), JSON.stringify({ format, destination, record }));
}

let version: string | null | undefined;

/**
 * The installed Pagefind's version, or null when it cannot be found. Its package.json is not
 * among its exports, so it is looked for where Node would look for the package.
 */
export function pagefindVersion(): string | null {
  if (version !== undefined) return version;
  version = null;
  for (const folder of createRequire(import.meta.url).resolve.paths('pagefind') ?? []) {
    const manifest = path.join(folder, 'pagefind', 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? null;
    } catch {
      // Unreadable: no version, so no shard is kept.
    }
    break;
  }
  return version;
}

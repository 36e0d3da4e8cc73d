import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyedPage } from '../plan/plan-pages.js';
import type { VolatileRead } from '../render/volatile-reads.js';
import { fileIn } from '../output/disk-target.js';
import { writeCacheFile } from './cache-file.js';
import { pipelineVersion } from './post-cache.js';

/**
 * The pages of the last build, by output path, with their keys (see planPages): a page whose key
 * is unchanged and whose output is intact is neither rendered nor written again.
 */
export interface PageCache {
  /**
   * Whether the last build left this page with this key, and its output is still there as written;
   * a page found unchanged is kept for the next build.
   */
  unchanged(outputPath: string, key: string): boolean;
  /**
   * Keeps a page of the last build without asking for its key (its inputs are known to be the
   * same): true when the last build had it and its output is intact.
   */
  keep(outputPath: string): boolean;
  /** The volatile values the last build's render of this page read (see VolatileRead); undefined for a page it did not have. */
  readsOf(outputPath: string): readonly VolatileRead[] | undefined;
  /** The size of a page this build kept or recorded, as checked or written; undefined for any other. */
  sizeOf(outputPath: string): number | undefined;
  /** Records a page this build rendered and wrote, with what its render read. */
  record(outputPath: string, key: string, reads: readonly VolatileRead[], size: number): void;
  /** The pages of this build, for the next one. */
  save(): void;
}

interface StoredPage {
  readonly key: string;
  readonly size: number;
  /** Left out when the render read none. */
  readonly reads?: readonly VolatileRead[];
}

const noReads: readonly VolatileRead[] = [];

const format = `pages-${pipelineVersion}`;

/**
 * The page cache of a build into a folder: `.baoku-cache/pages.json` in the site root.
 * @param options.reuse the cache serves the builds of one process (`build --watch`) one after
 *   another: each save makes the pages saved the next build's earlier ones, without reading them back
 */
export function openPageCache(siteRoot: string, destination: string, options: { readonly reuse?: boolean } = {}): PageCache {
  const file = path.join(siteRoot, '.baoku-cache', 'pages.json');
  let earlier = new Map<string, StoredPage>();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format: string; destination: string; pages: Record<string, StoredPage> };
    if (data.format === format && data.destination === destination) earlier = new Map(Object.entries(data.pages));
  } catch {
    // No page cache yet, or an unreadable one: every page is rendered.
  }
  let now = new Map<string, StoredPage>();
  /** Whether the earlier pages are those this process saved last (see options.reuse), not read from the file. */
  let savedHere = false;
  return {
    unchanged(outputPath, key) {
      const stored = earlier.get(outputPath);
      if (stored?.key !== key) return false;
      // The file must still be there as written: a page deleted or edited by hand is rendered again.
      // Pages this process wrote are taken as it left them (see FolderBuilds: a destination
      // removed or replaced as a whole is noticed there), which at 10,000 posts saves 30 ms a build.
      if (!savedHere) {
        const stat = lstatSync(fileIn(destination, outputPath), { throwIfNoEntry: false });
        if (!stat?.isFile() || stat.size !== stored.size) return false;
      }
      now.set(outputPath, stored);
      return true;
    },
    keep(outputPath) {
      const stored = earlier.get(outputPath);
      return stored !== undefined && this.unchanged(outputPath, stored.key);
    },
    readsOf: (outputPath) => {
      const stored = earlier.get(outputPath);
      return stored ? (stored.reads ?? noReads) : undefined;
    },
    sizeOf: (outputPath) => now.get(outputPath)?.size,
    record(outputPath, key, reads, size) {
      now.set(outputPath, reads.length ? { key, size, reads } : { key, size });
    },
    save() {
      writeCacheFile(file, JSON.stringify({ format, destination, pages: Object.fromEntries(now) }));
      if (options.reuse) {
        earlier = now;
        now = new Map();
        savedHere = true;
      }
    },
  };
}

/**
 * The page cache of the dev server, in memory: the keys of the pages it serves. A page is
 * unchanged when its key is, and the served files still hold it.
 */
export function memoryPageCache(earlier: ReadonlyMap<string, KeyedPage>, served: ReadonlyMap<string, Uint8Array>): PageCache & { readonly keys: ReadonlyMap<string, KeyedPage> } {
  const keys = new Map<string, KeyedPage>();
  return {
    keys,
    unchanged(outputPath, key) {
      const stored = earlier.get(outputPath);
      if (stored?.key !== key || !served.has(outputPath)) return false;
      keys.set(outputPath, stored);
      return true;
    },
    keep(outputPath) {
      const stored = earlier.get(outputPath);
      return stored !== undefined && this.unchanged(outputPath, stored.key);
    },
    readsOf: (outputPath) => earlier.get(outputPath)?.reads,
    // The dev server keeps no build record, which is what sizes are for.
    sizeOf: () => undefined,
    record: (outputPath, key, reads) => void keys.set(outputPath, { key, reads }),
    save: () => undefined,
  };
}

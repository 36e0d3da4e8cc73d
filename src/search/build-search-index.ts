import os from 'node:os';
import path from 'node:path';
import { builtWorker } from '../package-files.js';
import { Piscina } from 'piscina';
import { mapWithLimit } from '../map-with-limit.js';
import type { OutputTarget } from '../output/output-target.js';
import { urlOf } from '../site/paths.js';
import { indexShard, type BundleFile, type ShardOutput, type ShardTask } from './index-shard.js';
import { defaultShardBudget, planShards, type ShardBudget } from './plan-shards.js';

/** A written post page to index. */
export interface SearchPage {
  /** The page's file, relative to the output folder. */
  readonly outputPath: string;
  /** Site-absolute URL, baseurl included: what a search result links to. */
  readonly url: string;
  /** The post's date, in milliseconds since 1970: a shard holds posts of consecutive dates. */
  readonly time: number;
  /** The post's year in the site's zone, for the shard's name. */
  readonly year: number;
  /** Characters of article text, for the shard budget. */
  readonly chars: number;
}

export interface SearchIndexOptions {
  /** The output folder the pages were written to; they are read back from it shard by shard. */
  readonly root: string;
  readonly baseurl: string;
  /** The site's language (`zh-CN`); every page is indexed as its primary subtag (`zh`). */
  readonly lang: string;
  readonly budget?: ShardBudget;
  /** Shards indexed at once, each by its own Pagefind process. Default: 2 on two or more cores for a large site, else 1. */
  readonly concurrency?: number;
  /** Called as shards finish, with the posts indexed so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SearchShard {
  /** Folder under `pagefind/`, after the years of its posts: `2024`, `2015-2016` or `2024.2`. */
  readonly name: string;
  /** Site-absolute URL of the bundle, ending in `/`: what `mergeIndex` is given. */
  readonly url: string;
  readonly posts: number;
}

export interface SearchIndexResult {
  /** The shards written, newest first; the first holds Pagefind's scripts. A shard that failed or had no page to index is left out. */
  readonly shards: readonly SearchShard[];
  /** Pages in the written indexes. */
  readonly indexed: number;
  /** Every file of the index, relative to the output root. */
  readonly files: readonly string[];
  /** URLs of pages left out for having no `data-pagefind-body` element. */
  readonly skipped: readonly string[];
  readonly written: number;
  readonly unchanged: number;
  /** What went wrong, one line each. */
  readonly errors: readonly string[];
}

/** The list of bundles the search page merges, relative to the output root. */
export const shardListPath = 'pagefind/shards.json';

/** Below this many posts, two Pagefind processes save less time than a worker thread costs to start. */
const parallelFrom = 1000;
/** Two processes keep both cores of a small machine busy; more would multiply the memory. */
const maxConcurrency = 2;
/** Old-generation heap of each shard worker thread. */
const shardWorkerHeapMb = 384;

/**
 * Builds the full-text search index in bounded memory: the posts are split into shards of
 * consecutive dates ({@link planShards}), each shard is indexed by a fresh Pagefind process (at most two at once),
 * and its bundle is written to `pagefind/<shard>/` through `write` as soon as it is done.
 * `pagefind/shards.json` lists the bundles newest first; the search page loads the first and
 * merges the others with Pagefind's `mergeIndex`.
 * @param write the build's writer, which keeps every file inside the output folder
 */
export async function buildSearchIndex(pages: readonly SearchPage[], write: OutputTarget['write'], options: SearchIndexOptions): Promise<SearchIndexResult> {
  const plan = planShards(pages, options.budget ?? defaultShardBudget);
  const language = options.lang.split(/[-_]/)[0]!.toLowerCase() || 'zh';
  const concurrency = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency(pages.length), plan.length));
  const run = concurrency > 1 ? shardRunner(concurrency) : { run: indexShard, close: async () => undefined };

  const files: string[] = [];
  const skipped: string[] = [];
  const errors: string[] = [];
  const done = new Map<string, SearchShard>();
  // Pagefind's scripts and WebAssembly, the same in every bundle: kept once, for the first bundle.
  let scripts = null as readonly BundleFile[] | null;
  let written = 0;
  let unchanged = 0;
  let postsDone = 0;
  const writeFile = async (path: string, content: string | Uint8Array): Promise<void> => {
    if ((await write(path, content)).outcome === 'written') written++;
    else unchanged++;
    files.push(path);
  };

  try {
    await mapWithLimit(plan, concurrency, async (shard) => {
      const task: ShardTask = {
        language,
        pages: shard.members.map((i) => ({ url: pages[i]!.url, file: path.join(options.root, ...pages[i]!.outputPath.split('/')) })),
      };
      let output: ShardOutput;
      try {
        output = await run.run(task);
      } catch (caught) {
        errors.push(`shard ${shard.name}: indexing failed: ${caught instanceof Error ? caught.message : String(caught)}`);
        return;
      }
      errors.push(...output.errors.map((message) => `shard ${shard.name}: ${message}`));
      skipped.push(...output.skipped);
      // A bundle without pages has no language index, and merging it would break the search page.
      if (output.indexed === 0) return;
      // Merged bundles are searched with the first bundle's scripts and WebAssembly: the others need only their index.
      scripts ??= output.files.filter((file) => !isIndexData(file));
      for (const file of output.files) if (isIndexData(file)) await writeFile(`pagefind/${shard.name}/${file.path}`, file.content);
      done.set(shard.name, { name: shard.name, url: urlOf(`pagefind/${shard.name}/`, options.baseurl), posts: output.indexed });
      postsDone += shard.members.length;
      options.onProgress?.(postsDone, pages.length);
    });
  } finally {
    await run.close();
  }

  const shards = plan.flatMap((shard) => done.get(shard.name) ?? []);
  if (shards.length > 0 && scripts) for (const file of scripts) await writeFile(`pagefind/${shards[0]!.name}/${file.path}`, file.content);
  const list = { version: 1, bundles: shards.map((shard) => shard.url), posts: shards.reduce((sum, shard) => sum + shard.posts, 0) };
  await writeFile(shardListPath, `${JSON.stringify(list, null, 2)}\n`);
  return { shards, indexed: shards.reduce((sum, shard) => sum + shard.posts, 0), files, skipped, written, unchanged, errors };
}

/** The files a merged bundle is searched with: its entry, metadata, word index, filters and fragments. */
function isIndexData(file: BundleFile): boolean {
  return file.path === 'pagefind-entry.json' || file.path.endsWith('.pf_meta') || /^(?:index|fragment|filter)\//.test(file.path);
}

function defaultConcurrency(posts: number): number {
  if (posts < parallelFrom) return 1;
  // BAOKU_THREADS caps the threads, as it does for the rest of the build (1 keeps all work on this thread).
  return Math.min(maxConcurrency, Number(process.env.BAOKU_THREADS) || os.availableParallelism());
}

/** Worker threads, each with its own copy of Pagefind's Node API and so its own Pagefind process. */
function shardRunner(threads: number): { run: (task: ShardTask) => Promise<ShardOutput>; close: () => Promise<void> } {
  // A shard's pages and bundle need tens of MB: a capped heap collects its garbage instead of
  // growing toward V8's default limit while the Pagefind processes beside it grow too.
  const piscina = new Piscina({ filename: builtWorker('search/shard-worker'), minThreads: threads, maxThreads: threads, idleTimeout: 1000, resourceLimits: { maxOldGenerationSizeMb: shardWorkerHeapMb } });
  return { run: (task) => piscina.run(task) as Promise<ShardOutput>, close: () => piscina.destroy() };
}


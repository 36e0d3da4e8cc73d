import { lstatSync } from 'node:fs';
import os from 'node:os';
import { builtWorker } from '../package-files.js';
import { Piscina } from 'piscina';
import { mapWithLimit } from '../map-with-limit.js';
import { fileIn } from '../output/disk-target.js';
import type { OutputTarget } from '../output/output-target.js';
import { urlOf } from '../site/paths.js';
import { indexShard, type BundleFile, type ShardOutput, type ShardTask } from './index-shard.js';
import { defaultShardBudget, planShards, type ShardBudget } from './plan-shards.js';
import { pagefindVersion, type IndexedPage, type IndexedShard, type IndexFile, type SearchRecord } from './search-record.js';

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
  /** The last build's index of this output folder: a shard whose pages and files are all as it left them is kept, not indexed again. */
  readonly previous?: SearchRecord | null;
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
  /** Shards indexed again; the others were kept as the last build left them. */
  readonly shardsIndexed: number;
  /** For the next build's `previous`. */
  readonly record: SearchRecord;
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
  const version = pagefindVersion();
  const key = JSON.stringify([language, options.baseurl, version]);
  const previous = version !== null && options.previous?.key === key ? options.previous : null;

  // Each page's file as it is now, taken before any is read: an edit while indexing shows next time.
  const stamped = new Map(plan.map((shard) => [shard, shard.members.map((i): IndexedPage => {
    const page = pages[i]!;
    const stat = lstatSync(fileIn(options.root, page.outputPath), { throwIfNoEntry: false });
    return [page.url, page.outputPath, stat?.size ?? -1, stat?.mtimeMs ?? -1];
  })]));
  const intact = (files: readonly IndexFile[]): boolean => files.every(([file, size]) => lstatSync(fileIn(options.root, file), { throwIfNoEntry: false })?.size === size);
  const kept = new Map<string, IndexedShard>();
  const scriptsKept = previous?.scripts && plan[0]?.name === previous.scripts.shard && intact(previous.scripts.files) ? previous.scripts : null;
  for (const before of previous?.shards ?? []) {
    const shard = plan.find((planned) => planned.name === before.name);
    // The first bundle holds the scripts too: kept only with them.
    if (!shard || (shard === plan[0] && !scriptsKept)) continue;
    if (samePages(before.pages, stamped.get(shard)!) && intact(before.files)) kept.set(shard.name, before);
  }
  const toIndex = plan.filter((shard) => !kept.has(shard.name));
  const postsToIndex = toIndex.reduce((sum, shard) => sum + shard.members.length, 0);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency(postsToIndex), toIndex.length));
  const run = concurrency > 1 ? shardRunner(concurrency) : { run: indexShard, close: async () => undefined };

  const files: string[] = [];
  const skipped: string[] = [];
  const errors: string[] = [];
  const done = new Map<string, SearchShard>();
  const recorded = new Map<string, IndexedShard>(kept);
  // Pagefind's scripts and WebAssembly, the same in every bundle: kept once, for the first bundle.
  let scripts = null as readonly BundleFile[] | null;
  let written = 0;
  let unchanged = 0;
  let postsDone = 0;
  const writeFile = async (path: string, content: string | Uint8Array): Promise<IndexFile> => {
    const { outcome, size } = await write(path, content);
    if (outcome === 'written') written++;
    else unchanged++;
    files.push(path);
    return [path, size];
  };
  /** Files the last build wrote and this one keeps as they are. */
  const keepFiles = (unchangedFiles: readonly IndexFile[]): void => {
    for (const [file] of unchangedFiles) files.push(file);
    unchanged += unchangedFiles.length;
  };
  for (const [name, shard] of kept) {
    keepFiles(shard.files);
    skipped.push(...shard.skipped);
    done.set(name, { name, url: urlOf(`pagefind/${name}/`, options.baseurl), posts: shard.indexed });
    postsDone += shard.pages.length;
  }
  if (kept.size > 0) options.onProgress?.(postsDone, pages.length);

  try {
    await mapWithLimit(toIndex, concurrency, async (shard) => {
      const task: ShardTask = {
        language,
        pages: shard.members.map((i) => ({ url: pages[i]!.url, file: fileIn(options.root, pages[i]!.outputPath) })),
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
      const data: IndexFile[] = [];
      for (const file of output.files) if (isIndexData(file)) data.push(await writeFile(`pagefind/${shard.name}/${file.path}`, file.content));
      done.set(shard.name, { name: shard.name, url: urlOf(`pagefind/${shard.name}/`, options.baseurl), posts: output.indexed });
      // A shard with errors is indexed again next time.
      if (output.errors.length === 0) recorded.set(shard.name, { name: shard.name, pages: stamped.get(shard)!, files: data, indexed: output.indexed, skipped: output.skipped });
      postsDone += shard.members.length;
      options.onProgress?.(postsDone, pages.length);
    });
  } finally {
    await run.close();
  }

  const shards = plan.flatMap((shard) => done.get(shard.name) ?? []);
  let scriptFiles: SearchRecord['scripts'] = null;
  if (shards.length > 0 && scripts) {
    const scriptsWritten: IndexFile[] = [];
    for (const file of scripts) scriptsWritten.push(await writeFile(`pagefind/${shards[0]!.name}/${file.path}`, file.content));
    scriptFiles = { shard: shards[0]!.name, files: scriptsWritten };
  } else if (shards.length > 0 && scriptsKept?.shard === shards[0]!.name) {
    keepFiles(scriptsKept.files);
    scriptFiles = scriptsKept;
  }
  const list = { version: 1, bundles: shards.map((shard) => shard.url), posts: shards.reduce((sum, shard) => sum + shard.posts, 0) };
  await writeFile(shardListPath, `${JSON.stringify(list, null, 2)}\n`);
  const record: SearchRecord = { key, shards: plan.flatMap((shard) => recorded.get(shard.name) ?? []), scripts: scriptFiles };
  return { shards, indexed: shards.reduce((sum, shard) => sum + shard.posts, 0), files, skipped, written, unchanged, errors, shardsIndexed: toIndex.length, record };
}

function samePages(a: readonly IndexedPage[], b: readonly IndexedPage[]): boolean {
  return a.length === b.length && a.every((page, i) => page.every((value, at) => value === b[i]![at]));
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


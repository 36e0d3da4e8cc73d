import { readFile } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import { mapWithLimit } from '../map-with-limit.js';

/** One shard to index: plain data, so that it can be sent to a worker thread. */
export interface ShardTask {
  /** ISO 639-1 code every page is indexed as (`zh`): one index per shard, Chinese word segmentation. */
  readonly language: string;
  /** Each page's URL and the file it was written to. */
  readonly pages: readonly { readonly url: string; readonly file: string }[];
}

/** A file of a Pagefind bundle, relative to the bundle's folder (`fragment/zh_1a2b.pf_fragment`). */
export interface BundleFile {
  readonly path: string;
  readonly content: Uint8Array;
}

export interface ShardOutput {
  readonly files: readonly BundleFile[];
  /** Pages in the written index, as Pagefind counts them. */
  readonly indexed: number;
  /** URLs of pages left out because they have no `data-pagefind-body` element. */
  readonly skipped: readonly string[];
  /** Pagefind's own messages, prefixed with the page's URL when about one page. */
  readonly errors: readonly string[];
}

/** Files read at once. */
const filesInFlight = 16;
/** Pages sent to Pagefind before the first is answered: enough to keep its process busy. */
const pagesInFlight = 16;

/**
 * Indexes one shard with Pagefind's Node API and returns the bundle's files, writing nothing.
 * Pages are read here, one shard at a time, so that the build need not hold them in memory.
 * A page without `data-pagefind-body` is skipped: Pagefind would index all of it, navigation and all.
 * Stops the Pagefind process afterwards: it keeps the memory it reached, and a fresh process
 * per shard is what bounds the memory of the whole step.
 */
export async function indexShard(task: ShardTask): Promise<ShardOutput> {
  const errors: string[] = [];
  const skipped: string[] = [];
  try {
    const created = await pagefind.createIndex({ forceLanguage: task.language });
    errors.push(...created.errors);
    const index = created.index;
    if (!index) return { files: [], indexed: 0, skipped, errors };
    const pages = await mapWithLimit(task.pages, filesInFlight, async (page) => ({ url: page.url, html: await readFile(page.file, 'utf8') }));
    // Sent in the shard's order (each call sends at once, with no await before it): Pagefind numbers
    // pages as they arrive, and the same order gives the same files, which the writer then leaves
    // alone on the next build. A few at a time keeps the messages waiting in the pipe few.
    await mapWithLimit(pages, pagesInFlight, async (page) => {
      if (!page.html.includes('data-pagefind-body')) {
        skipped.push(page.url);
        return;
      }
      const added = await index.addHTMLFile({ url: page.url, content: page.html });
      errors.push(...added.errors.map((message) => `${page.url}: ${message}`));
    });
    const got = await index.getFiles();
    errors.push(...got.errors);
    await index.deleteIndex();
    return { files: got.files, indexed: pageCount(got.files), skipped, errors };
  } finally {
    await pagefind.close();
  }
}

/** The number of pages `pagefind-entry.json` says the bundle holds. */
function pageCount(files: readonly BundleFile[]): number {
  const entry = files.find((file) => file.path === 'pagefind-entry.json');
  if (!entry) return 0;
  const parsed = JSON.parse(Buffer.from(entry.content).toString('utf8')) as { languages?: Record<string, { page_count?: number }> };
  return Object.values(parsed.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

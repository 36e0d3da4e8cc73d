import { existsSync, lstatSync, promises as fs, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { configFileOf, loadConfig } from './config/load-config.js';
import type { SiteConfig } from './config/site-config.js';
import { createFileStamps, type CarriedStamps, type FileStamp } from './content/file-stamps.js';
import { findPosts } from './content/find-posts.js';
import { mapWithLimit } from './map-with-limit.js';
import { destinationProblem } from './output/check-destination.js';
import { collectAllGarbage, collectGarbageSoon } from './output/collect-garbage.js';
import { createDiskTarget, fileIn } from './output/disk-target.js';
import { createOutputLedger, type OutputFile } from './output/output-ledger.js';
import type { OutputTarget } from './output/output-target.js';
import { listPublicFiles } from './output/public-files.js';
import { archiveContext, listContext, notFoundContext, postContext, searchContext, unknownFilterPosition, type TemplateFailure } from './render/render-page.js';
import { bundledPublic, bundledTemplates } from './package-files.js';
import { isSafeLayoutName, layoutExists } from './render/template-files.js';
import type { SiteView, TemplateContext } from './render/view.js';
import { listPageInputs, postPageInputs, siteView, termCounts } from './render/views.js';
import { displayPath } from './report/display-path.js';
import { error, warning, type Problem } from './report/problem.js';
import { feedFiles, sitemapFiles } from './feeds/site-feeds.js';
import type { SearchPage } from './search/build-search-index.js';
import type { ShardBudget } from './search/plan-shards.js';
import { buildSite } from './site/build-site.js';
import { keepLayout, patchLayout, type KeptLayout } from './site/reuse-layout.js';
import type { Site, SiteEntry } from './site/site.js';
import { inputsFingerprint, outputsIntact, readBuildRecord, removeBuildRecord, writeBuildRecord } from './cache/build-record.js';
import { openPageCache, type PageCache } from './cache/page-cache.js';
import { openPostCache, pipelineVersion, postCacheFile, type PostCache } from './cache/post-cache.js';
import type { PostSettings } from './parallel/post-settings.js';
import type { ProcessedPost } from './parallel/process-post.js';
import type { ThreadPool } from './parallel/thread-pool.js';
import { createArticleBodies, type ArticleBodies } from './render/article-bodies.js';
import { planFiles, planPages, renderJobOf, renderOrder, type FilePlan, type PageSource, type PlannedPages } from './plan/plan-pages.js';
import { readTemplateKeys } from './render/template-keys.js';
import { tuneCompiler } from './tune-compiler.js';

export interface BuildOptions {
  /** Site root. */
  readonly source: string;
  /** Output folder; default `<source>/_site`. Ignored when `target` is given. */
  readonly destination?: string;
  /** Config file; default `<source>/_config.yml`. */
  readonly config?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  readonly baseurl?: string;
  /** False skips the search index and page (`--no-search`); left out, the config's `search` decides. */
  readonly search?: boolean;
  /** Posts and characters of text per search index shard; default 1,000 posts and 2 million characters. */
  readonly searchShardBudget?: ShardBudget;
  /** Write here instead of the destination folder (the dev server's memory). */
  readonly target?: OutputTarget;
  /** "Now", for leaving out future posts; default the real time. */
  readonly now?: Date;
  /**
   * Where read posts are kept between builds, for these settings; default `.baoku-cache/` in the
   * site root. The dev server keeps them in memory.
   */
  readonly postCache?: (settings: PostSettings) => PostCache;
  /** The pages of the last build; default `.baoku-cache/pages.json` for a build into a folder, none for a target. */
  readonly pageCache?: PageCache;
  /**
   * The layout of the last build whose pages `pageCache` holds (the dev server's): when no post
   * changed its place (title, date, terms, address), it is patched instead of laid out again; when
   * the templates are the same too, only the pages showing changed posts are planned.
   */
  readonly previousLayout?: KeptLayout;
  /**
   * Keep the worker threads for the next build (the dev server's): their code stays warm and
   * loaded, which halves a rebuild after a template edit. See closeKeptThreads.
   */
  readonly keepThreads?: boolean;
  /**
   * More builds of this site follow in this process (the dev server's, `build --watch`'s): the
   * result keeps the layout for the next build's `previousLayout`, and every article body stays
   * until the build ends, as pages are rendered again from a patched layout.
   */
  readonly rebuilds?: boolean;
  /**
   * The files the last build of this process produced in the destination (`build --watch`'s): all
   * it holds but the user's dot entries, so stale files are found among them without a sweep.
   */
  readonly previousOutputs?: ReadonlySet<string>;
  /** The last build's stamps and the files changed since, from a process that watches the site (see CarriedStamps). */
  readonly stampsSince?: CarriedStamps;
  /** Called as posts are read, pages written and posts indexed for search. */
  readonly onProgress?: (stage: 'read' | 'write' | 'search', done: number, total: number) => void;
}

export interface StepTiming {
  readonly step: string;
  readonly ms: number;
}

export interface BuildResult {
  readonly postsRead: number;
  /** Pages and feeds made by this build (the rest were left as the last build made them). */
  readonly pagesRendered: number;
  readonly pagesWritten: number;
  readonly filesUnchanged: number;
  readonly filesRemoved: number;
  /** Every problem, errors and warnings, in file order. */
  readonly problems: readonly Problem[];
  /** True when nothing could be built at all (bad config, bad destination). */
  readonly aborted: boolean;
  readonly timings: readonly StepTiming[];
  readonly durationMs: number;
  /** This build's layout, for the next build's `previousLayout`. */
  readonly layout?: KeptLayout;
  /** For a build into a folder that others follow: the files it produced there, for the next build's `previousOutputs`. */
  readonly outputs?: ReadonlySet<string>;
  /** For a build that others follow: the stamps it took, for the next build's `stampsSince`. */
  readonly stamps?: ReadonlyMap<string, FileStamp | undefined>;
}

/** A post that was read, with its article. */
type ReadPost = ProcessedPost & { readonly post: NonNullable<ProcessedPost['post']>; readonly article: NonNullable<ProcessedPost['article']> };

/**
 * Each read post's entry, made once: a watched site's rebuild after one edit takes every other
 * post from the cache as the same object it was, and its entry with it, instead of making 10,000
 * entries (each with a copy of its article) again.
 */
const madeEntries = new WeakMap<ProcessedPost, SiteEntry>();
function entryOf(result: ReadPost): SiteEntry {
  let entry = madeEntries.get(result);
  if (!entry) {
    const { html: _html, ...article } = result.article;
    entry = { post: result.post, article, title: result.title, digest: result.digest, place: result.place };
    madeEntries.set(result, entry);
  }
  return entry;
}

/** Counts the builds of this process: each renders with an environment of its own (see TemplateSettings.generation). */
let buildGeneration = 0;

/**
 * From this many pages to render, what reading and laying out left behind is collected first: at
 * 100,000 posts it saves 220 MB of peak. Below, the pause costs more than it saves: at 10,000
 * posts it took 40 ms of a 3.4 s build, for a peak 13 MB lower (307 against 320 MB).
 */
const collectBeforeRenderFrom = 20_000;
/** From this many pages to render, the heap is collected as it grows while they are rendered (see collectGarbageSoon). */
const collectWhileRenderingFrom = 2048;

/**
 * The build, as one list of timed steps: config → find → read → transform → lay out → render →
 * write. Problems with single posts are collected and the rest of the site still builds.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  tuneCompiler();
  const timings: StepTiming[] = [];
  const problems: Problem[] = [];
  const timed = async <T>(step: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings.push({ step, ms: performance.now() - t0 });
    return result;
  };
  const finish = (counts: Partial<Pick<BuildResult, 'postsRead' | 'pagesRendered' | 'pagesWritten' | 'filesUnchanged' | 'filesRemoved'>>, aborted: boolean): BuildResult => ({
    postsRead: counts.postsRead ?? 0,
    pagesRendered: counts.pagesRendered ?? 0,
    pagesWritten: counts.pagesWritten ?? 0,
    filesUnchanged: counts.filesUnchanged ?? 0,
    filesRemoved: counts.filesRemoved ?? 0,
    problems: sortProblems(problems),
    aborted,
    timings,
    durationMs: performance.now() - started,
  });

  const siteRoot = path.resolve(options.source);
  const rootStat = await fs.stat(siteRoot).catch(() => null);
  if (!rootStat?.isDirectory()) {
    problems.push(error(options.source, 'site/source', 'site folder not found', 'check the --source path'));
    return finish({}, true);
  }
  const realRoot = await fs.realpath(siteRoot);
  const display = (file: string): string => displayPath(siteRoot, file);

  const configFile = configFileOf(siteRoot, options.config);
  const loaded = await timed('config', () =>
    loadConfig(configFile, display(configFile), { baseurl: options.baseurl, drafts: options.drafts, future: options.future, search: options.search }, Boolean(options.config)),
  );
  problems.push(...loaded.problems);
  if (loaded.problems.some((p) => p.severity === 'error')) return finish({}, true);
  const config = loaded.config;

  let target = options.target;
  let destination: string | undefined;
  if (!target) {
    destination = path.resolve(options.destination ?? path.join(siteRoot, '_site'));
    const realDestination = await realPathOfMaybeMissing(destination);
    const refused = destinationProblem(realRoot, realDestination);
    if (refused) {
      problems.push(error(options.destination ?? destination, 'site/destination', `refusing to build into this destination: ${refused}`, 'choose an empty folder such as _site'));
      return finish({}, true);
    }
    target = await createDiskTarget(destination, { holds: options.previousOutputs });
  }

  const found = await timed('find', () => findPosts(siteRoot, { drafts: config.drafts }));
  problems.push(...found.problems);
  const stampOf = createFileStamps(options.stampsSince, options.stampsSince ? found.files.filter((file) => file.linked).map((file) => file.absolutePath) : []);
  const pageCache: PageCache | null = options.pageCache ?? (destination !== undefined ? openPageCache(siteRoot, destination) : null);
  const lastPages: PlannedPages = pageCache ?? { unchanged: () => false, readsOf: () => undefined };
  let layout: KeptLayout | undefined;
  let sitemapOfLayout: KeptLayout['sitemap'];

  // Pages come first, a batch at a time, and win over a public file on the same path.
  const writeTarget = target;
  const shownOutput = (outputPath: string): string => (destination ? display(path.join(destination, outputPath)) : outputPath);
  const ledger = createOutputLedger(writeTarget, pageCache, shownOutput, problems, (done, total) => options.onProgress?.('write', done, total));
  const { produced } = ledger;
  let made = 0;
  /** Takes a feed plan's decisions: its kept files stay, and each file's key is recorded once written. */
  const follow = (plan: FilePlan<unknown>): void => {
    ledger.keep(plan.kept);
    for (const [file, key] of plan.keys) ledger.setKey(file, { key, reads: [] });
  };

  const siteTemplates = path.join(siteRoot, 'templates');
  /**
   * The build's threads (or this thread, for a small site), made once. Loaded only when needed:
   * reading posts and rendering pages need most of baoku's dependencies, which take longer to load
   * than a build with nothing to do takes in all.
   */
  let threadPool: Promise<{ pool: ThreadPool; postSettings: PostSettings }> | undefined;
  const poolOfBuild = (): Promise<{ pool: ThreadPool; postSettings: PostSettings }> =>
    (threadPool ??= (async () => {
      const [{ createThreadPool }, { postSettingsOf }] = await Promise.all([import('./parallel/thread-pool.js'), import('./parallel/post-settings.js')]);
      const postSettings = postSettingsOf(config);
      const templateSettings = { siteTemplates, baseurl: config.baseurl, url: config.url, title: config.title, description: config.description, lang: config.lang, generation: `${process.pid}:${++buildGeneration}` };
      return { pool: createThreadPool(postSettings, templateSettings, { keep: options.keepThreads }), postSettings };
    })());
  // A site read for the first time (no post cache on disk) is read whole: its threads, when it has
  // enough posts for them, start loading now, while this thread compares inputs and lists public
  // files. (The dev server keeps its posts in memory, and its threads from build to build.)
  if (!existsSync(postCacheFile(siteRoot))) (await poolOfBuild()).pool.prestart(found.files.length);
  const templates = readTemplateKeys([siteTemplates, bundledTemplates], String(pipelineVersion));
  const publicFiles = await timed('public', () => listPublicFiles([bundledPublic, path.join(siteRoot, 'public')]));

  // Nothing changed since the last complete build, and its files are all there: nothing to do.
  // (A template printing the build's time changes every page on every build.)
  // One instant for the whole build: which posts are due, `site.time`, an empty feed's date.
  const now = options.now ?? new Date();
  const buildTime = now.getTime();
  /** The inputs' fingerprint, for the record this build leaves: of the files' stamps as they were before being read. */
  let fingerprint = null as (() => string) | null;
  if (destination !== undefined && !templates.usesBuildTime) {
    const buildDestination = destination;
    const last = await timed('compare inputs', () => {
      const settings = [bundledTemplates, configFile, config, templates.fingerprint, { drafts: options.drafts, future: options.future, search: options.search, budget: options.searchShardBudget }];
      const inputs = [
        { name: 'config', absolutePath: configFile },
        ...found.files.map((file) => ({ name: file.sourcePath, absolutePath: file.absolutePath })),
        ...publicFiles.map((file) => ({ name: `public/${file.outputPath}`, absolutePath: file.absolutePath })),
      ];
      let taken: string | undefined;
      fingerprint = () => (taken ??= inputsFingerprint(settings, inputs, stampOf));
      // Builds that others follow lay the site out even when nothing changed: the first, so that
      // the next patches its layout instead of laying out and keying every page again; the next,
      // which find what changed from the state they keep, faster than the record's check of every file.
      const record = options.rebuilds ? null : readBuildRecord(siteRoot, buildDestination);
      if (!record) {
        // Nothing to compare with: hashed once the pages are written, so that the threads start
        // reading sooner. The posts are stamped as the post cache looks them up, or by the threads
        // as they read them; the config and public files now.
        stampOf(configFile);
        for (const file of publicFiles) stampOf(file.absolutePath);
        return null;
      }
      const current = record.fingerprint === fingerprint() && (record.dueAt === null || buildTime < record.dueAt) && outputsIntact(record);
      return current ? record : null;
    });
    if (last) {
      await threadPool?.then(({ pool }) => pool.close());
      problems.splice(0, problems.length, ...last.problems);
      return finish({ postsRead: last.postsRead, filesUnchanged: Object.keys(last.files).length }, false);
    }
    removeBuildRecord(siteRoot);
  }
  /** The earliest post left out for being dated in the future. */
  let dueAt: number | null = null;

  /** The feeds, the sitemap and robots.txt (when the site has a url), then the public files. */
  const writeFeedsAndPublic = async (site: Site, bodies: ArticleBodies): Promise<void> => {
    const readPublic = (files: typeof publicFiles): Promise<OutputFile[]> =>
      mapWithLimit(files, 32, async (file): Promise<OutputFile> => ({ path: file.outputPath, content: await fs.readFile(file.absolutePath) }));
    let copied = publicFiles;
    if (config.url) {
      const robotsFile = publicFiles.find((file) => file.outputPath === 'robots.txt');
      const robots = robotsFile ? await fs.readFile(robotsFile.absolutePath, 'utf8') : null;
      const generated = await timed('feeds and sitemap', () => {
        const feedConfig = { title: config.title, description: config.description, lang: config.lang, url: config.url, baseurl: config.baseurl };
        const feeds = planFiles(feedFiles(site, config, now.toISOString(), bodies), JSON.stringify(['atom', pipelineVersion, feedConfig]), lastPages.unchanged);
        follow(feeds);
        made += feeds.made.length;
        // A patched layout has the URLs and dates of the last one: its sitemap too.
        const sitemap = sitemapOfLayout?.robots === robots ? sitemapOfLayout.files : sitemapFiles(site, config, robots);
        if (layout) layout.sitemap = { robots, files: sitemap };
        return [...feeds.made, ...sitemap];
      });
      await timed('write feeds and sitemap', () => ledger.write(generated, ledger.counts().done + generated.length));
      copied = publicFiles.filter((file) => file !== robotsFile);
    } else {
      problems.push(warning(display(configFile), 'config/url', 'no url set: feeds and the sitemap need the site’s absolute address and were not written', 'add url: https://your.host to _config.yml'));
    }
    await timed('write public', async () => ledger.write(await readPublic(copied), ledger.counts().done + copied.length));
  };

  /**
   * Reads the posts, from the cache when their files are unchanged, and saves the cache. Their
   * articles' HTML comes back apart from the entries; a function of its own, so that nothing of
   * what it read stays alive with it but what it returns.
   */
  const readPosts = async (pool: ThreadPool, postSettings: PostSettings): Promise<{ entries: SiteEntry[]; bodies: ArticleBodies }> => {
    const cache = await timed('cache', () => options.postCache?.(postSettings) ?? openPostCache(siteRoot, postSettings));
    const cached = found.files.map((file) => cache.lookup(file, stampOf));
    const misses = found.files.filter((_, index) => cached[index] === undefined);
    // Stored as they come: a cache written anew is written meanwhile (see PostCache.store).
    let fresh: ProcessedPost[];
    try {
      fresh = await timed('read and transform', () => pool.processPosts(misses, (files, results) =>
          files.forEach((file, index) => {
            const result = results[index]!;
            if (result.stamp) stampOf.remember(file.absolutePath, result.stamp);
            cache.store(file, result, stampOf);
          }),
        ),
      );
      options.onProgress?.('read', found.files.length, found.files.length);
    } catch (caught) {
      cache.abandon();
      throw caught;
    }
    await timed('save cache', () => cache.save(found.files, stampOf));
    const entries: SiteEntry[] = [];
    const bodies = new Map<string, string>();
    let next = 0;
    for (const result of cached.map((hit) => hit ?? fresh[next++]!)) {
      problems.push(...result.problems);
      if (!result.post || !result.article) continue;
      if (config.future || result.post.date.epochMs <= buildTime) {
        entries.push(entryOf(result as ReadPost));
        bodies.set(result.post.sourcePath, result.article.html);
      } else {
        dueAt = Math.min(dueAt ?? Number.POSITIVE_INFINITY, result.post.date.epochMs);
      }
    }
    // A build that others follow renders pages again from its last layout: it keeps every body.
    return { entries, bodies: createArticleBodies(bodies, options.rebuilds === true) };
  };

  // The dev server's memory target gets no index: re-indexing every post on each edit would stall it.
  const searchRoot = config.search ? destination : undefined;
  /** Settles when the threads of writeSite have ended. */
  let threadsEnded: Promise<void> = Promise.resolve();

  /**
   * Reads the posts, lays the site out and writes its pages, feeds and public files. A function of
   * its own so that the site in memory goes when it returns: an async function's locals live as
   * long as it runs, and the search index after it runs for minutes on a large site.
   * @returns the post pages written, for the search index
   */
  const writeSite = async (): Promise<SearchPages> => {
    const { pool, postSettings } = await poolOfBuild();
    try {
      const { entries, bodies } = await readPosts(pool, postSettings);
      // The threads, idle while this one lays the site out, get ready for their first pages: of a
      // whole site laid out anew (a rebuild from a kept layout renders few, mostly on this thread).
      if (!options.previousLayout) pool.prepareRender([...new Set(entries.map((entry) => `${entry.post.layout}.njk`)), 'list.njk'], destination ?? null);
      // The layout is the same for the same config and the same posts' places (see patchLayout):
      // the dev server's last one is patched rather than laid out again, after a template edit too.
      const layoutKey = JSON.stringify(config);
      let laidOut: ReturnType<typeof buildSite> | undefined;
      const patched = await timed('layout', () => {
        const reused = options.previousLayout && pageCache ? patchLayout(options.previousLayout, layoutKey, entries) : null;
        laidOut = reused?.built ?? buildSite(entries, config);
        return reused;
      });
      const site = laidOut!.site;
      problems.push(...laidOut!.problems);
      // Kept only for a next build: a single build into a folder lets the whole site go before indexing.
      if (options.rebuilds) layout = keepLayout(layoutKey, templates.fingerprint, laidOut!, entries);
      if (patched) sitemapOfLayout = options.previousLayout?.sitemap;
      // Only the pages showing a changed post can differ from the last build's when the templates
      // are the same too, and none prints the build's time.
      const onlyPostsChanged = patched !== null && !templates.usesBuildTime && options.previousLayout?.templates === templates.fingerprint;
      // Pages whose template and inputs are unchanged since the last build are left as they are.
      const plan = await timed('plan pages', () => {
        const view = siteView(site, config, now);
        let sources = pageSources(site, bodies, view, config, siteTemplates, problems);
        if (patched && onlyPostsChanged && pageCache) {
          // Pages that do not show a changed post are as the last build left them, if still there.
          const planned: PageSource[] = [];
          const reused: string[] = [];
          for (const page of sources) {
            if (!patched.affected.has(page.outputPath) && pageCache.keep(page.outputPath)) reused.push(page.outputPath);
            else planned.push(page);
          }
          ledger.keep(reused);
          sources = planned;
        }
        return planPages(sources, view, termCounts(site), templates, lastPages);
      });
      ledger.keep(plan.kept);
      // Every page takes its path before anything else is written: pages win over feeds and public files.
      const pages = renderOrder(plan.made.filter((page) => ledger.claim(page.outputPath)));
      made += pages.length;
      // The feeds before the pages: a page made lets its article's HTML go.
      await writeFeedsAndPublic(site, bodies);
      // What reading and laying out left behind, collected now: it would otherwise stay until
      // the render's garbage came on top of it (at 100,000 posts, a peak 220 MB higher).
      if (pages.length > collectBeforeRenderFrom) await timed('collect garbage', () => collectAllGarbage());
      // Rendered a task at a time, by a few lanes that each take the next pages when their last
      // came back: the threads always have work queued, and this thread makes contexts a task's
      // worth at a time. Made in batches of thousands, each batch held a thread idle for as long as
      // this one took to make it (0.4 s of a 10,000-post build). A 100,000-post site never holds
      // more than a few tasks of pages. On threads, each page is written by the thread that
      // rendered it; pages rendered here are written here.
      await timed('render and write pages', async () => {
        const total = pages.length;
        const progressTotal = ledger.counts().done + total;
        let next = 0;
        // A lane that fails stops the others before their next task: nothing is written after.
        let failed = false;
        /** Template failures by page, reported in page order once all lanes are done. */
        const failures = new Map<number, TemplateFailure>();
        const renderLane = async (): Promise<void> => {
          while (!failed && next < total) {
            const start = next;
            next += pool.pagesPerTask;
            const batch = pages.slice(start, next);
            const results = await pool.renderPages(batch.map(renderJobOf), total, destination ?? null);
            const toWrite: OutputFile[] = [];
            results.forEach((result, index) => {
              if ('failure' in result) {
                failures.set(start + index, result.failure);
                return;
              }
              ledger.setKey(result.outputPath, { key: plan.keyAfterRender(batch[index]!, result.reads), reads: result.reads });
              if ('html' in result) toWrite.push({ path: result.outputPath, content: result.html });
              else ledger.note(result.written, progressTotal);
            });
            await ledger.write(toWrite, progressTotal, { claimed: true });
            if (total > collectWhileRenderingFrom) collectGarbageSoon();
          }
        };
        // How much of the render this thread was busy: on threads, all of it that is not the
        // threads' waiting (making contexts, sending them, keying what came back) — for -V.
        const before = performance.eventLoopUtilization();
        const lanes = await Promise.allSettled(
          Array.from({ length: pool.lanes(total) }, () =>
            renderLane().catch((caught: unknown) => {
              failed = true;
              throw caught;
            }),
          ),
        );
        const rejected = lanes.find((lane) => lane.status === 'rejected');
        if (rejected) throw rejected.reason;
        reportTemplateFailures([...failures].sort(([a], [b]) => a - b).map(([, failure]) => failure), siteRoot, problems);
        timings.push({ step: 'render: this thread busy', ms: performance.eventLoopUtilization(before).active });
      });
      return searchRoot !== undefined ? searchPagesOf(site, produced) : noSearchPages;
    } finally {
      // The threads end while this one saves the caches and the record (20 ms at 10,000 posts):
      // the build awaits their end before it returns, and a failure to end is still the build's.
      threadsEnded = pool.close();
      threadsEnded.catch(() => undefined);
    }
  };
  let searchPages: SearchPages;
  try {
    searchPages = await writeSite();
  } catch (caught) {
    await threadsEnded;
    throw caught;
  }

  pageCache?.save();
  let searchCounts = { written: 0, unchanged: 0 };
  if (searchRoot !== undefined) {
    const root = searchRoot;
    const { pages, layoutOfUrl } = searchPages;
    // The indexer reads the pages back from disk: the site in memory, bodies and all, is gone.
    collectAllGarbage({ compact: true });
    const [{ buildSearchIndex }, searchRecord] = await Promise.all([import('./search/build-search-index.js'), import('./search/search-record.js')]);
    const previous = searchRecord.readSearchRecord(siteRoot, root);
    searchRecord.removeSearchRecord(siteRoot);
    const index = await timed('search index', () =>
      buildSearchIndex(pages, (file, content) => writeTarget.write(file, content), {
        root,
        baseurl: config.baseurl,
        lang: config.lang,
        budget: options.searchShardBudget,
        previous,
        onProgress: (indexed, total) => options.onProgress?.('search', indexed, total),
      }),
    );
    searchRecord.writeSearchRecord(siteRoot, root, index.record);
    searchCounts = { written: index.written, unchanged: index.unchanged };
    ledger.adopt(index.files);
    for (const message of index.errors) {
      problems.push(error('pagefind', 'search/index', `search index: ${message}`, 'Pagefind’s program comes with the pagefind package: reinstall with npm ci, or build with --no-search'));
    }
    warnAboutUnindexedLayouts(layoutOfUrl, new Set(index.skipped), problems);
  }
  const removed = await timed('clean', () => writeTarget.removeStale(produced));
  if (fingerprint !== null && destination !== undefined && !problems.some((p) => p.severity === 'error')) {
    const record = { fingerprint: fingerprint(), destination, dueAt, postsRead: found.files.length, files: sizesOf(destination, produced, ledger.sizeOf), problems: sortProblems(problems) };
    await timed('record', () => writeBuildRecord(siteRoot, record));
  }

  await threadsEnded;
  const { written, unchanged } = ledger.counts();
  return {
    ...finish({ postsRead: found.files.length, pagesRendered: made, pagesWritten: written + searchCounts.written, filesUnchanged: unchanged + searchCounts.unchanged, filesRemoved: removed }, false),
    layout,
    outputs: options.rebuilds && destination !== undefined ? produced : undefined,
    stamps: options.rebuilds ? stampOf.taken() : undefined,
  };
}

/** Every page of the site, to be planned; a post whose layout is unsafe gets an error instead. */
function pageSources(site: Site, bodies: ArticleBodies, view: SiteView, config: SiteConfig, siteTemplates: string, problems: Problem[]): PageSource[] {
  const jobs: PageSource[] = [];
  // The few pages made from the whole site: their context is small enough to be their inputs.
  const wholePage = (outputPath: string, template: string, context: TemplateContext): PageSource => ({
    outputPath,
    template,
    inputs: () => ({ stable: JSON.stringify({ ...context, site: null }), totals: '' }),
    context: () => context,
  });
  // Posts share a handful of layouts: look each one up on disk once, not once per post.
  const layoutFound = new Map<string, boolean>();
  const hasLayout = (layout: string): boolean => {
    if (!layoutFound.has(layout)) layoutFound.set(layout, layoutExists(siteTemplates, layout));
    return layoutFound.get(layout)!;
  };
  for (const page of site.posts) {
    let layout = page.entry.post.layout;
    if (!isSafeLayoutName(layout)) {
      problems.push(error(page.entry.post.sourcePath, 'front-matter/layout', `unsafe layout name "${layout}"`, 'use a layout name made of letters, digits, - and _', 1));
      continue;
    }
    if (!hasLayout(layout)) {
      problems.push(warning(page.entry.post.sourcePath, 'front-matter/layout', `layout "${layout}" not found in templates/; using "post"`, `add templates/${layout}.njk or remove the layout line`, 1));
      layout = 'post';
    }
    jobs.push({ outputPath: page.outputPath, template: `${layout}.njk`, inputs: () => postPageInputs(page), context: () => postContext(page, bodies.take(page.entry.post.sourcePath), view) });
  }
  for (const page of site.lists) {
    jobs.push({ outputPath: page.outputPath, template: 'list.njk', inputs: () => listPageInputs(page), context: () => listContext(page, view, config), newestShown: page.posts[0]?.entry.post.date.epochMs ?? 0 });
  }
  jobs.push(wholePage('archive/index.html', 'archive.njk', archiveContext(site, view, config)));
  jobs.push(wholePage('404.html', '404.njk', notFoundContext(view, config)));
  if (config.search) jobs.push(wholePage('search.html', 'search.njk', searchContext(view, config)));
  return jobs;
}

/** The post pages written, as the search index takes them, and each one's layout by URL: all the indexer needs of the site. */
interface SearchPages {
  readonly pages: readonly SearchPage[];
  readonly layoutOfUrl: ReadonlyMap<string, string>;
}

const noSearchPages: SearchPages = { pages: [], layoutOfUrl: new Map() };

function searchPagesOf(site: Site, produced: ReadonlySet<string>): SearchPages {
  const pages = site.posts
    .filter((page) => produced.has(page.outputPath))
    .map((page) => ({ outputPath: page.outputPath, url: page.url, time: page.entry.post.date.epochMs, year: page.entry.post.date.year, chars: page.entry.article.chars }));
  return { pages, layoutOfUrl: new Map(site.posts.map((page) => [page.url, page.entry.post.layout])) };
}

/**
 * Pages without a `data-pagefind-body` element are left out of the index: Pagefind would
 * index the whole page, navigation and all. One warning per layout that does this.
 */
function warnAboutUnindexedLayouts(layoutOfUrl: ReadonlyMap<string, string>, skippedUrls: ReadonlySet<string>, problems: Problem[]): void {
  const warned = new Set<string>();
  for (const [url, layout] of layoutOfUrl) {
    if (!skippedUrls.has(url) || warned.has(layout)) continue;
    warned.add(layout);
    problems.push(warning(`templates/${layout}.njk`, 'search/body', `layout "${layout}" has no data-pagefind-body element: its posts are left out of the search index`, 'add data-pagefind-body to the element that holds the article, as templates/post.njk of the default theme does'));
  }
}

/** A broken template is one error per template, not one per page. */
function reportTemplateFailures(failures: readonly TemplateFailure[], siteRoot: string, problems: Problem[]): void {
  const failedTemplates = new Set<string>();
  for (const failure of failures) {
    if (failedTemplates.has(failure.template)) continue;
    failedTemplates.add(failure.template);
    const file = path.isAbsolute(failure.template) ? failure.template : `templates/${failure.template}`;
    // An unknown filter is found in the source, or given no line rather than another frame's.
    const source = /filter not found/.test(failure.message) ? readFileOrNull(path.resolve(siteRoot, file)) : null;
    const position: { readonly line?: number; readonly column?: number } = source === null ? failure : (unknownFilterPosition(failure.message, source) ?? {});
    problems.push(error(displayPath(siteRoot, file), 'template', failure.message, 'fix the template; pages using it were not written', position.line, position.column));
  }
}

function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The size of each file, by output path: as the build knows it, or else as found on disk. */
function sizesOf(destination: string, files: ReadonlySet<string>, known: (file: string) => number | undefined): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of files) sizes[file] = known(file) ?? lstatSync(fileIn(destination, file), { throwIfNoEntry: false })?.size ?? -1;
  return sizes;
}

async function realPathOfMaybeMissing(target: string): Promise<string> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      const real = await fs.realpath(current);
      return path.join(real, ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

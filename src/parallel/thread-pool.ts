import os from 'node:os';
import v8 from 'node:v8';
import { Piscina } from 'piscina';
import type { PostFile } from '../content/find-posts.js';
import { builtWorker } from '../package-files.js';
import type { TemplateSettings } from '../render/template-environment.js';
import type { PostSettings } from './post-settings.js';
import type { ProcessedPost } from './process-post.js';
import type { PageRenderer, RenderedPage, RenderJob } from './render-job.js';
import type { WorkerTask } from './worker.js';

/** Where the build's heavy work runs: worker threads, or this thread for small sites. */
export interface ThreadPool {
  /** @param onBatch called with each batch's results as they come, before the promise settles */
  processPosts(files: readonly PostFile[], onBatch?: (files: readonly PostFile[], results: readonly ProcessedPost[]) => void): Promise<ProcessedPost[]>;
  /**
   * @param total pages of the whole render, of which `jobs` is a batch: decides whether threads pay
   * @param destination a folder that pages rendered on threads are written into by those threads;
   *   pages rendered on this thread come back to be written by the caller
   */
  renderPages(jobs: readonly RenderJob[], total?: number, destination?: string | null): Promise<RenderedPage[]>;
  /** Pages per task sent to a thread: renderPages calls of this many keep messaging cheap. */
  readonly pagesPerTask: number;
  /**
   * How many renderPages calls of `pagesPerTask` to keep on the way at once, for a render of
   * `total` pages: two per thread, so that each thread has its next task waiting while this one
   * looks at what came back; one on this thread.
   */
  lanes(total: number): number;
  /** Starts the threads now, when reading this many posts would start them: they load while this thread does other work. */
  prestart(posts: number): void;
  /**
   * Has running threads (all but one) compile these templates and open the destination now, while
   * this thread lays the site out: a thread's first pages took 60 ms instead of 11. Does nothing
   * when no threads run.
   */
  prepareRender(templates: readonly string[], destination: string | null): void;
  close(): Promise<void>;
}

/**
 * From this many posts, or pages, threads save more than they cost, with two threads. Each thread
 * loads baoku and warms its code up on its own first thousand posts or pages, and on two cores two
 * threads warming up at once take twice as long as one. Measured on 2 cores: 7,000 posts built in
 * 3.48 s on this thread alone and 3.60 s on threads; 10,000 posts of the generated corpus in 3.97
 * and 4.15 s, of the shared corpus in 4.65 and 4.45 s; at 100,000 threads win by far (26 s).
 * With more threads, each adds a share of the work while the warm-up stays one per thread: the
 * thresholds are divided by the threads but one (a model; only 2 cores were measured).
 * BAOKU_THREADS_FROM sets both, for tests and experiments.
 */
const postsThreadedFromTwo = 10_000;
const pagesThreadedFromTwo = 12_500;
/** Old-generation heap of each worker thread. */
const workerHeapMb = 512;
/** Posts per message: large enough that messaging costs little, small enough to balance. */
const postsPerTask = 64;
/**
 * Pages per message: twice the posts, for the pages of a message share views (the site's, its
 * categories', the posts shown on several lists), each sent once per message (structured clone
 * keeps an object's identity within one). Alternating cold builds of 10,000 posts, 128 against
 * 64: 2.51 against 2.57 s, 2.65 against 2.77, 2.58 against 2.63 (medians of 8 to 10), 5 % fewer
 * bytes sent; 256 was no better than 64.
 */
const pagesPerTask = 128;

/** Splits a list into batches of `size` and runs them concurrently, keeping the list's order in the result. */
async function inBatches<T, R>(items: readonly T[], size: number, run: (batch: readonly T[]) => Promise<R[]>): Promise<R[]> {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return (await Promise.all(batches.map(run))).flat();
}

/** The threads kept between builds (see BuildOptions.keepThreads). */
let kept: Piscina | undefined;

/** Ends the threads kept between builds; the next build that keeps threads starts new ones. */
export async function closeKeptThreads(): Promise<void> {
  const closing = kept;
  kept = undefined;
  await closing?.destroy();
}

/** How many threads a pool has, and from how many posts and pages they pay. */
function threadPlan(): { readonly threads: number; readonly postsThreadedFrom: number; readonly pagesThreadedFrom: number } {
  // BAOKU_THREADS overrides the core count (1 keeps all work on this thread).
  const wanted = Number(process.env.BAOKU_THREADS) || os.availableParallelism();
  const threads = Math.max(1, Math.min(wanted, 16));
  const threadedFrom = (withTwo: number): number => Number(process.env.BAOKU_THREADS_FROM) || Math.ceil(withTwo / Math.max(1, threads - 1));
  return { threads, postsThreadedFrom: threadedFrom(postsThreadedFromTwo), pagesThreadedFrom: threadedFrom(pagesThreadedFromTwo) };
}

/**
 * Tasks given to a thread at once: the next waits in the thread's port, and is begun as soon as
 * the last is done, not once this thread has looked at what came back. With one, each thread
 * waited for this one between its batches (a fifth of its time while reading, on 2 cores this
 * thread is often busy). Alternating cold builds of 10,000 posts, two against one: 2.70 against
 * 2.78 s (medians of 12), 2.83 against 2.97 (of 10), at the same CPU time.
 */
const tasksPerThread = 2;

// A worker's heap is capped well below V8's default (a quarter of the machine's memory): each
// handles a batch or two at a time, and a low cap makes it collect its garbage instead of growing.
function startThreads(threads: number): Piscina {
  return new Piscina({
    filename: builtWorker('parallel/worker'),
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: tasksPerThread,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb },
  });
}

/**
 * Has V8 compile each function to baseline code on its first call, once work goes to the threads.
 * Threads start cold and read thousands of posts: compiled so rather than interpreted until warm,
 * they build a 10,000-post site 3 % faster. Not before: loading baoku on a thread (top-level code
 * run once) took 40 ms longer compiled so (two threads ready 113 ms after they started, against
 * 73); nor for a short build on this thread alone, which compiles more than it runs (20-50 ms
 * more for a one-post edit). V8's flags are the process's: this thread compiles so too from then.
 */
let compilingEagerly = false;
function compileEagerly(): void {
  if (compilingEagerly) return;
  compilingEagerly = true;
  v8.setFlagsFromString('--always-sparkplug');
}

/** Threads started before their build (see startThreadsEarly), until a pool takes them. */
let early: Piscina | undefined;

/**
 * Starts threads now, before the build has read its config or found its posts, when a first read
 * of this many posts would start them: they load baoku while this thread does. The command does
 * this for a site without a post cache. The build's pool takes them, and ends them when it
 * closes; closeEarlyThreads ends them when no pool took them.
 */
export function startThreadsEarly(posts: number): void {
  const { threads, postsThreadedFrom } = threadPlan();
  if (posts >= postsThreadedFrom && threads > 1) early ??= startThreads(threads);
}

/** Ends threads started early that no pool took (a build that stopped before reading, or had nothing to read). */
export async function closeEarlyThreads(): Promise<void> {
  await takeEarly()?.destroy();
}

/** The threads started early, now a pool's own. */
function takeEarly(): Piscina | undefined {
  const taken = early;
  early = undefined;
  return taken;
}

/**
 * A pool sized to the machine's cores. Threads start only when a call brings enough work to pay
 * for them: a small site, or a rebuild of a few pages, runs on this thread with the same functions.
 * @param options.keep use the threads kept between builds, and leave them running when this pool
 *   closes: every task carries its settings, so one set of threads serves any build
 */
export function createThreadPool(postSettings: PostSettings, templateSettings: TemplateSettings, options: { readonly keep?: boolean } = {}): ThreadPool {
  const { threads, postsThreadedFrom, pagesThreadedFrom } = threadPlan();
  const inline = (count: number, from: number): boolean => count < from || threads === 1;
  let processHere: ((file: PostFile) => ProcessedPost) | undefined;
  let renderHere: PageRenderer | undefined;
  let piscina: Piscina | undefined;
  const start = (): Piscina => startThreads(threads);
  const workers = (): Piscina => (options.keep ? (kept ??= start()) : (piscina ??= takeEarly() ?? start()));
  // The pipeline's modules are loaded on this thread only for work done here: on threads, this
  // one would load them for nothing, while the threads load them too.
  const processInline = async (files: readonly PostFile[]): Promise<ProcessedPost[]> => {
    const { createPostProcessor, processPostFiles } = await import('./process-post.js');
    processHere ??= createPostProcessor(postSettings);
    return processPostFiles(processHere, files);
  };
  const renderInline = async (jobs: readonly RenderJob[]): Promise<RenderedPage[]> => {
    renderHere ??= (await import('./render-job.js')).createPageRenderer(templateSettings);
    return jobs.map((job) => renderHere!.render(job));
  };
  // A batch whose worker died (out of its heap on a monstrous post) is done again on this
  // thread, whose heap is larger, rather than failing the build.
  return {
    async processPosts(files, onBatch) {
      const reported = (batch: readonly PostFile[], results: ProcessedPost[]): ProcessedPost[] => {
        onBatch?.(batch, results);
        return results;
      };
      if (inline(files.length, postsThreadedFrom)) return reported(files, await processInline(files));
      const pool = workers();
      compileEagerly();
      return inBatches(files, postsPerTask, async (batch) =>
        reported(batch, await (pool.run({ kind: 'posts', settings: postSettings, files: batch } satisfies WorkerTask) as Promise<ProcessedPost[]>).catch(() => processInline(batch))),
      );
    },
    async renderPages(jobs, total = jobs.length, destination = null) {
      if (inline(total, pagesThreadedFrom)) return renderInline(jobs);
      const pool = workers();
      compileEagerly();
      return inBatches(jobs, pagesPerTask, (batch) => (pool.run({ kind: 'pages', settings: templateSettings, jobs: batch, destination } satisfies WorkerTask) as Promise<RenderedPage[]>).catch(() => renderInline(batch)));
    },
    pagesPerTask,
    lanes: (total) => (inline(total, pagesThreadedFrom) ? 1 : 2 * threads),
    prepareRender(templates, destination) {
      const pool = options.keep ? kept : piscina;
      if (!pool) return;
      // A task for each thread but one, each taken by an idle thread: the layout keeps a core of its
      // own (on 2 cores, both threads warming up slowed it by 40 ms, as much as they saved). What
      // fails here fails again, and is reported, with the pages.
      for (let i = 0; i < threads - 1; i++) pool.run({ kind: 'prepare', settings: templateSettings, templates, destination } satisfies WorkerTask).catch(() => undefined);
    },
    prestart(posts) {
      if (!inline(posts, postsThreadedFrom)) workers();
    },
    close: async () => {
      await piscina?.destroy();
    },
  };
}

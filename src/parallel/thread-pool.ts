import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PostFile } from '../content/find-posts.js';
import type { RenderSettings } from './render-job.js';
import { createPostProcessor, type PostSettings, type ProcessedPost } from './process-post.js';
import { createPageRenderer, type RenderedPage, type RenderJob } from './render-job.js';
import type { WorkerTask } from './worker.js';

/** Where the build's heavy work runs: worker threads, or this thread for small sites. */
export interface ThreadPool {
  processPosts(files: readonly PostFile[]): Promise<ProcessedPost[]>;
  renderPages(jobs: readonly RenderJob[]): Promise<RenderedPage[]>;
  close(): Promise<void>;
}

/** Below this many posts, starting threads costs more than it saves. */
const threadedFrom = 200;
/** Items per message: large enough that messaging costs little, small enough to balance. */
const batchSize = 64;

/** The compiled worker. Tests run the sources, so they use the build in dist/ (npm test compiles first). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? here.replace(/[/\\]src[/\\]parallel[/\\]thread-pool\.ts$/, '/dist/parallel/worker.js') : here.replace(/thread-pool\.js$/, 'worker.js');
}

/** Splits a list into batches and runs them concurrently, keeping the list's order in the result. */
async function inBatches<T, R>(items: readonly T[], run: (batch: readonly T[]) => Promise<R[]>): Promise<R[]> {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  return (await Promise.all(batches.map(run))).flat();
}

/**
 * A pool sized to the machine's cores for `postCount` posts; for a small site, the work runs
 * on this thread with the very same functions.
 */
export function createThreadPool(postCount: number, postSettings: PostSettings, templateSettings: RenderSettings): ThreadPool {
  // BAOKU_THREADS overrides the core count (1 keeps all work on this thread).
  const wanted = Number(process.env.BAOKU_THREADS) || os.availableParallelism();
  const threads = Math.max(1, Math.min(wanted, 16));
  if (postCount < threadedFrom || threads === 1) {
    const process = createPostProcessor(postSettings);
    const render = createPageRenderer(templateSettings);
    return {
      processPosts: async (files) => files.map((file) => process(file)),
      renderPages: async (jobs) => jobs.map((job) => render(job)),
      close: async () => undefined,
    };
  }
  const piscina = new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  return {
    processPosts: (files) => inBatches(files, (batch) => piscina.run({ kind: 'posts', settings: postSettings, files: batch } satisfies WorkerTask) as Promise<ProcessedPost[]>),
    renderPages: (jobs) => inBatches(jobs, (batch) => piscina.run({ kind: 'pages', settings: templateSettings, jobs: batch } satisfies WorkerTask) as Promise<RenderedPage[]>),
    close: () => piscina.destroy(),
  };
}

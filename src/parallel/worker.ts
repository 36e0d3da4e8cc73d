/**
 * A worker thread of the build: reads and transforms batches of posts, or renders batches of
 * pages. Everything in and out is plain data. Processors are made once per settings and reused.
 */
import type { PostFile } from '../content/find-posts.js';
import type { TemplateSettings } from '../render/template-environment.js';
import { createPostProcessor, type PostSettings, type ProcessedPost } from './process-post.js';
import { createPageRenderer, type RenderedPage, type RenderJob } from './render-job.js';

export type WorkerTask =
  | { readonly kind: 'posts'; readonly settings: PostSettings; readonly files: readonly PostFile[] }
  | { readonly kind: 'pages'; readonly settings: TemplateSettings; readonly jobs: readonly RenderJob[] };

let postProcessor: { key: string; run: ReturnType<typeof createPostProcessor> } | undefined;
let pageRenderer: { key: string; run: ReturnType<typeof createPageRenderer> } | undefined;

export default function runTask(task: WorkerTask): ProcessedPost[] | RenderedPage[] {
  if (task.kind === 'posts') {
    const key = JSON.stringify(task.settings);
    if (postProcessor?.key !== key) postProcessor = { key, run: createPostProcessor(task.settings) };
    const run = postProcessor.run;
    return task.files.map((file) => run(file));
  }
  const key = JSON.stringify(task.settings);
  if (pageRenderer?.key !== key) pageRenderer = { key, run: createPageRenderer(task.settings) };
  const run = pageRenderer.run;
  return task.jobs.map((job) => run(job));
}

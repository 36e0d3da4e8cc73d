/**
 * A worker thread of the build: reads and transforms batches of posts, or renders batches of
 * pages. Everything in and out is plain data. Processors are made once per settings and reused.
 */
import type { PostFile } from '../content/find-posts.js';
import type { OutputTarget } from '../output/output-target.js';
import type { TemplateSettings } from '../render/template-environment.js';
import type { PostSettings } from './post-settings.js';
import { createPostProcessor, processPostFiles, type ProcessedPost } from './process-post.js';
import type { PageRenderer, RenderedPage, RenderJob } from './render-job.js';

/**
 * What renders and writes pages, loaded with the first task that needs it: a thread's first
 * posts wait for nothing but what reads them (Nunjucks and the views load meanwhile, on a
 * thread with nothing else to do while the site is laid out).
 */
async function loadPageModules() {
  const [renderJob, diskTarget, ledger] = await Promise.all([import('./render-job.js'), import('../output/disk-target.js'), import('../output/output-ledger.js')]);
  return { createPageRenderer: renderJob.createPageRenderer, createDiskTarget: diskTarget.createDiskTarget, writeOne: ledger.writeOne };
}
let pageModulesLoaded: ReturnType<typeof loadPageModules> | undefined;
const pageModules = (): ReturnType<typeof loadPageModules> => (pageModulesLoaded ??= loadPageModules());

export type WorkerTask =
  | { readonly kind: 'posts'; readonly settings: PostSettings; readonly files: readonly PostFile[] }
  /** `destination`: write the pages into this folder, rather than send them back. */
  | { readonly kind: 'pages'; readonly settings: TemplateSettings; readonly jobs: readonly RenderJob[]; readonly destination: string | null }
  /** Gets ready to render pages of these templates into the destination, before the first comes. */
  | { readonly kind: 'prepare'; readonly settings: TemplateSettings; readonly templates: readonly string[]; readonly destination: string | null };

let postProcessor: { key: string; run: ReturnType<typeof createPostProcessor> } | undefined;
let pageRenderer: { key: string; renderer: PageRenderer } | undefined;
let diskTarget: { destination: string; target: Promise<OutputTarget> } | undefined;

async function rendererOf(settings: TemplateSettings): Promise<PageRenderer> {
  const { createPageRenderer } = await pageModules();
  const key = JSON.stringify(settings);
  if (pageRenderer?.key !== key) pageRenderer = { key, renderer: createPageRenderer(settings) };
  return pageRenderer.renderer;
}

async function targetOf(destination: string): Promise<OutputTarget> {
  const { createDiskTarget } = await pageModules();
  if (diskTarget?.destination !== destination) diskTarget = { destination, target: createDiskTarget(destination, { cleans: false }) };
  return diskTarget.target;
}

/**
 * Runs one task. Each kind has a function of its own: V8 optimizes a function for what it has
 * seen, and one function for all three was optimized for reading, then thrown out and optimized
 * again for rendering on every thread.
 */
export default function runTask(task: WorkerTask): Promise<ProcessedPost[]> | Promise<RenderedPage[]> {
  if (task.kind === 'posts') return readPosts(task);
  if (task.kind === 'prepare') return prepareRender(task);
  return renderPages(task);
}

type TaskOf<Kind extends WorkerTask['kind']> = Extract<WorkerTask, { readonly kind: Kind }>;

function readPosts(task: TaskOf<'posts'>): Promise<ProcessedPost[]> {
  const key = JSON.stringify(task.settings);
  if (postProcessor?.key !== key) postProcessor = { key, run: createPostProcessor(task.settings) };
  return processPostFiles(postProcessor.run, task.files);
}

async function prepareRender(task: TaskOf<'prepare'>): Promise<RenderedPage[]> {
  (await rendererOf(task.settings)).compile(task.templates);
  if (task.destination !== null) await targetOf(task.destination).catch(() => undefined);
  return [];
}

async function renderPages(task: TaskOf<'pages'>): Promise<RenderedPage[]> {
  const renderer = await rendererOf(task.settings);
  if (task.destination === null) return task.jobs.map((job) => renderer.render(job));
  // Each page is written where it was rendered: the thread that started the build does the
  // bookkeeping only, and the pages never travel back to it.
  const target = await targetOf(task.destination);
  const { writeOne } = await pageModules();
  const pages: RenderedPage[] = [];
  // Each page written as soon as it is rendered: a rendered page is a rope of hundreds of pieces
  // until it is encoded, and a batch of them kept alive meanwhile is copied by every collection.
  for (const job of task.jobs) {
    const page = renderer.render(job);
    pages.push('html' in page ? { outputPath: page.outputPath, written: await writeOne(target, { path: page.outputPath, content: page.html }), reads: page.reads } : page);
  }
  return pages;
}

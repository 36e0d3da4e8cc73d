import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/load-config.js';
import type { SiteConfig } from './config/site-config.js';
import { decodePost } from './content/decode-post.js';
import { findPosts } from './content/find-posts.js';
import { parsePost } from './content/parse-post.js';
import type { Post } from './content/post.js';
import { mapWithLimit } from './map-with-limit.js';
import { destinationProblem } from './output/check-destination.js';
import { createDiskTarget } from './output/disk-target.js';
import type { OutputTarget } from './output/output-target.js';
import { listPublicFiles } from './output/public-files.js';
import { TemplateError, renderListPage, renderNotFoundPage, renderPostPage } from './render/render-page.js';
import { createTemplateEnvironment, isSafeLayoutName, layoutExists } from './render/template-environment.js';
import { siteView } from './render/views.js';
import { error, warning, type Problem } from './report/problem.js';
import { buildSite } from './site/build-site.js';
import type { SiteEntry } from './site/site.js';
import { cutText } from './transform/summary.js';
import { createBodyTransformer } from './transform/transform-body.js';

/** The bundled theme's static files. */
const bundledPublic = fileURLToPath(new URL('../public', import.meta.url));

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
  /** Write here instead of the destination folder (the dev server's memory). */
  readonly target?: OutputTarget;
  /** "Now", for leaving out future posts; default the real time. */
  readonly now?: Date;
  /** Called as posts are read and pages written. */
  readonly onProgress?: (stage: 'read' | 'write', done: number, total: number) => void;
}

export interface StepTiming {
  readonly step: string;
  readonly ms: number;
}

export interface BuildResult {
  readonly postsRead: number;
  readonly pagesWritten: number;
  readonly filesUnchanged: number;
  readonly filesRemoved: number;
  /** Every problem, errors and warnings, in file order. */
  readonly problems: readonly Problem[];
  /** True when nothing could be built at all (bad config, bad destination). */
  readonly aborted: boolean;
  readonly timings: readonly StepTiming[];
  readonly durationMs: number;
}

/** A file the build produces, relative to the output root. */
interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/**
 * The build, as one list of timed steps: config → find → read → transform → lay out → render →
 * write. Problems with single posts are collected and the rest of the site still builds.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const timings: StepTiming[] = [];
  const problems: Problem[] = [];
  const timed = async <T>(step: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings.push({ step, ms: performance.now() - t0 });
    return result;
  };
  const finish = (counts: Partial<Pick<BuildResult, 'postsRead' | 'pagesWritten' | 'filesUnchanged' | 'filesRemoved'>>, aborted: boolean): BuildResult => ({
    postsRead: counts.postsRead ?? 0,
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
  const display = (file: string): string => {
    const relative = path.relative(siteRoot, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  };

  const configFile = options.config ? path.resolve(options.config) : path.join(siteRoot, '_config.yml');
  const loaded = await timed('config', () =>
    loadConfig(configFile, display(configFile), { baseurl: options.baseurl, drafts: options.drafts, future: options.future }, Boolean(options.config)),
  );
  problems.push(...loaded.problems);
  if (loaded.problems.some((p) => p.severity === 'error')) return finish({}, true);
  const config = loaded.config;

  let target = options.target;
  if (!target) {
    const destination = path.resolve(options.destination ?? path.join(siteRoot, '_site'));
    const realDestination = await realPathOfMaybeMissing(destination);
    const refused = destinationProblem(realRoot, realDestination);
    if (refused) {
      problems.push(error(options.destination ?? destination, 'site/destination', `refusing to build into this destination: ${refused}`, 'choose an empty folder such as _site'));
      return finish({}, true);
    }
    target = await createDiskTarget(destination);
  }

  const found = await timed('find', () => findPosts(siteRoot, { drafts: config.drafts }));
  problems.push(...found.problems);

  let read = 0;
  const posts = await timed('read', () =>
    mapWithLimit(found.files, 32, async (file): Promise<Post | null> => {
      const bytes = await fs.readFile(file.absolutePath);
      const stat = file.draft ? await fs.stat(file.absolutePath) : null;
      options.onProgress?.('read', ++read, found.files.length);
      const decoded = decodePost(file.sourcePath, bytes);
      if (decoded.problem) {
        problems.push(decoded.problem);
        return null;
      }
      const parsed = parsePost(file.sourcePath, decoded.text, { timezone: config.timezone, draft: file.draft, modifiedMs: stat?.mtimeMs });
      problems.push(...parsed.problems);
      return parsed.post;
    }),
  );
  const now = (options.now ?? new Date()).getTime();
  const published = posts.filter((post): post is Post => post !== null && (config.future || post.date.epochMs <= now));

  const entries = await timed('transform', () => transformPosts(published, config, problems));
  const laidOut = await timed('layout', () => buildSite(entries, config));
  problems.push(...laidOut.problems);
  const { site } = laidOut;

  const outputs = await timed('render', () => renderSite(site, config, siteRoot, problems, options.now ?? new Date()));
  if (outputs === null) return finish({ postsRead: found.files.length }, true);

  const publicFiles = await timed('public', async () => {
    const files = await listPublicFiles([bundledPublic, path.join(siteRoot, 'public')]);
    return mapWithLimit(files, 32, async (file): Promise<OutputFile> => ({ path: file.outputPath, content: await fs.readFile(file.absolutePath) }));
  });
  const all = dropShadowedFiles([...outputs, ...publicFiles], problems);

  let written = 0;
  let unchanged = 0;
  let done = 0;
  const writeTarget = target;
  await timed('write', () =>
    mapWithLimit(all, 64, async (file) => {
      const outcome = await writeTarget.write(file.path, file.content);
      if (outcome === 'written') written++;
      else unchanged++;
      options.onProgress?.('write', ++done, all.length);
    }),
  );
  const removed = await timed('clean', () => writeTarget.removeStale(new Set(all.map((f) => f.path))));

  return finish({ postsRead: found.files.length, pagesWritten: written, filesUnchanged: unchanged, filesRemoved: removed }, false);
}

/** Runs every post body through the pipeline and settles each post's title. */
function transformPosts(posts: readonly Post[], config: SiteConfig, problems: Problem[]): SiteEntry[] {
  const transform = createBodyTransformer(config.disabledTransforms, config);
  return posts.map((post) => {
    const result = transform({ sourcePath: post.sourcePath, format: post.format, body: post.body, bodyLine: post.bodyLine, title: post.title });
    problems.push(...result.problems);
    let title = post.title;
    if (!title) {
      title = result.article.firstHeading || cutText(result.article.excerpt.replace(/…$/, ''), 30) || post.slug;
      problems.push(warning(post.sourcePath, 'front-matter/title', `post has no title; using "${title}"`, 'add a title to the front matter', 1));
    }
    return { post, article: result.article, title };
  });
}

/** Renders every page; a broken template is one error per template, not one per page. */
function renderSite(site: ReturnType<typeof buildSite>['site'], config: SiteConfig, siteRoot: string, problems: Problem[], now: Date): OutputFile[] | null {
  const siteTemplates = path.join(siteRoot, 'templates');
  const env = createTemplateEnvironment({ siteTemplates, baseurl: config.baseurl, url: config.url });
  const view = siteView(site, config, now);
  const outputs: OutputFile[] = [];
  const failedTemplates = new Set<string>();
  const report = (caught: unknown): void => {
    if (!(caught instanceof TemplateError)) throw caught;
    if (failedTemplates.has(caught.template)) return;
    failedTemplates.add(caught.template);
    const file = path.isAbsolute(caught.template) ? caught.template : `templates/${caught.template}`;
    const relative = path.relative(siteRoot, file);
    const shown = relative.startsWith('..') ? file : relative.split(path.sep).join('/');
    problems.push(error(shown, 'template', caught.message, 'fix the template; pages using it were not written', caught.line, caught.column));
  };

  for (const page of site.posts) {
    let layout = page.entry.post.layout;
    if (!isSafeLayoutName(layout)) {
      problems.push(error(page.entry.post.sourcePath, 'front-matter/layout', `unsafe layout name "${layout}"`, 'use a layout name made of letters, digits, - and _', 1));
      continue;
    }
    if (!layoutExists(siteTemplates, layout)) {
      problems.push(warning(page.entry.post.sourcePath, 'front-matter/layout', `layout "${layout}" not found in templates/; using "post"`, `add templates/${layout}.njk or remove the layout line`, 1));
      layout = 'post';
    }
    try {
      outputs.push({ path: page.outputPath, content: renderPostPage(env, page, layout, view, config) });
    } catch (caught) {
      report(caught);
    }
  }
  for (const page of site.lists) {
    try {
      outputs.push({ path: page.outputPath, content: renderListPage(env, page, view, config) });
    } catch (caught) {
      report(caught);
    }
  }
  try {
    outputs.push({ path: '404.html', content: renderNotFoundPage(env, view, config) });
  } catch (caught) {
    report(caught);
  }
  return outputs;
}

/** A page and a public file on one path: the page wins, and the user hears of it. */
function dropShadowedFiles(files: readonly OutputFile[], problems: Problem[]): OutputFile[] {
  const seen = new Set<string>();
  const kept: OutputFile[] = [];
  for (const file of files) {
    const key = file.path.normalize('NFC');
    if (seen.has(key)) {
      if (typeof file.content !== 'string') {
        problems.push(warning(`public/${file.path}`, 'public/shadowed', 'a generated page has the same path; the file is not copied', 'rename or remove the file'));
      }
      continue;
    }
    seen.add(key);
    kept.push(file);
  }
  return kept;
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

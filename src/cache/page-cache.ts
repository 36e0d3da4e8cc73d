import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderJob } from '../parallel/render-job.js';
import { pipelineVersion } from './post-cache.js';

/**
 * Pages rendered by an earlier build, by output path: a page whose template context and templates
 * are unchanged, and whose file is still there at the size written, is neither rendered nor written
 * again. That is most pages of a warm build.
 */
export interface PageCache {
  /** Whether this job's page is on disk as this context and these templates would render it. */
  unchanged(job: RenderJob): boolean;
  /** Records a page just rendered: its hash (from the worker that rendered it) and byte size. */
  record(outputPath: string, hash: string, size: number): void;
  /** Saves the pages of this build for the next one. */
  save(): void;
}

/**
 * Every template's name and text, the bundled theme's and the site's: any edit changes the
 * fingerprint. Also says whether any template prints `site.time`.
 */
export function templatesFingerprint(folders: readonly string[]): { fingerprint: string; usesBuildTime: boolean } {
  const hash = createHash('sha256').update(String(pipelineVersion));
  let usesBuildTime = false;
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.njk')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const text = readFileSync(path.join(folder, name));
      hash.update(`${folder}\0${name}\0`).update(text);
      if (text.includes('site.time')) usesBuildTime = true;
    }
  }
  return { fingerprint: hash.digest('hex'), usesBuildTime };
}

/**
 * What identifies a page's rendering: its template and its whole context, less the build's time
 * unless a template prints it. Computed where the page is rendered, in a worker.
 */
export function pageHash(job: RenderJob, usesBuildTime: boolean): string {
  const context = usesBuildTime ? job.context : { ...job.context, site: { ...job.context.site, time: '' } };
  return createHash('sha1').update(job.template).update('\0').update(JSON.stringify(context)).digest('hex');
}

interface Stored {
  readonly hash: string;
  readonly size: number;
}

/**
 * @param usesBuildTime whether a template prints `site.time`: only then does the build's own time
 *   make every page different
 */
export function openPageCache(siteRoot: string, destination: string, fingerprint: string, usesBuildTime: boolean): PageCache {
  const file = path.join(siteRoot, '.baoku-cache', 'pages.json');
  let earlier = new Map<string, Stored>();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; destination: string; pages: Record<string, Stored> };
    if (data.fingerprint === fingerprint && data.destination === destination) earlier = new Map(Object.entries(data.pages));
  } catch {
    // No page cache yet, or an unreadable one: every page is rendered.
  }
  const now = new Map<string, Stored>();
  const hashOf = (job: RenderJob): string => pageHash(job, usesBuildTime);
  return {
    unchanged(job) {
      const stored = earlier.get(job.outputPath);
      if (!stored) return false;
      const hash = hashOf(job);
      if (stored.hash !== hash) return false;
      const stat = lstatSync(path.join(destination, ...job.outputPath.split('/')), { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size !== stored.size) return false;
      now.set(job.outputPath, stored);
      return true;
    },
    record(outputPath, hash, size) {
      now.set(outputPath, { hash, size });
    },
    save() {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, JSON.stringify({ fingerprint, destination, pages: Object.fromEntries(now) }));
        renameSync(temporary, file);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}

import { statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { openPageCache, type PageCache } from '../cache/page-cache.js';
import { cacheKey, openPostCache, type PostCache } from '../cache/post-cache.js';
import type { PostSettings } from '../parallel/post-settings.js';
import type { KeptLayout } from '../site/reuse-layout.js';
import { createStampRelay } from './carry-stamps.js';
import type { SiteChange } from './watch-site.js';

export type FolderBuildOptions = Omit<BuildOptions, 'target' | 'postCache' | 'pageCache' | 'previousLayout' | 'previousOutputs' | 'keepThreads' | 'rebuilds'>;

/** The builds of `baoku build --watch`: each into the destination folder, each redoing only what changed since the last. */
export interface FolderBuilds {
  /** @param changes what the watcher saw change since the last build; none for a build before it watched */
  rebuild(changes?: readonly SiteChange[]): Promise<BuildResult>;
  /** Says the watcher watches now (see StampRelay.watching). */
  watching(): void;
}

/**
 * Builds into the folder as `baoku build` does, keeping between builds what the dev server keeps:
 * the read posts and the pages' keys (the post and page caches, which each build also saves to
 * `.baoku-cache/`, so a later `baoku build` finds them current), the worker threads, and the last
 * build's layout and the files it produced (so the next finds what is stale without a sweep).
 */
export function createFolderBuilds(options: FolderBuildOptions): FolderBuilds {
  let posts: { key: string; cache: PostCache } | undefined;
  const postCache = (settings: PostSettings): PostCache => {
    const key = cacheKey(settings);
    if (posts?.key !== key) posts = { key, cache: openPostCache(options.source, settings, { reuse: true }) };
    return posts.cache;
  };
  const destination = path.resolve(options.destination ?? path.join(options.source, '_site'));
  /** The pages' keys, as each build saves them for the next (and to disk, for a build after the watch). */
  let pageCache: PageCache | undefined;
  /** What the last build laid out and produced: its pages are those of the page cache. */
  let last: { layout?: KeptLayout; outputs?: ReadonlySet<string> } = {};
  const stamps = createStampRelay();
  /** The destination folder the last build left; another one in its place (removed, rebuilt by hand) holds none of what it wrote. */
  let folder: string | null = null;

  return {
    async rebuild(changes) {
      const previous = last;
      const stampsSince = stamps.next(changes);
      // Until this build is done, what the destination holds is not known: a build that throws
      // may have written part of its pages. The next then lays out, keys and sweeps anew.
      last = {};
      if (folder !== folderIdentity(destination)) {
        // Each page is then checked on disk again, and the folder swept.
        pageCache = undefined;
        previous.outputs = undefined;
      }
      pageCache ??= openPageCache(path.resolve(options.source), destination, { reuse: true });
      let result: BuildResult;
      try {
        result = await build({ ...options, postCache, pageCache, previousLayout: previous.layout, previousOutputs: previous.outputs, stampsSince, keepThreads: true, rebuilds: true });
      } catch (caught) {
        pageCache = undefined;
        throw caught;
      }
      // An aborted build (a broken config, say) wrote nothing: the destination is as the last left it.
      last = result.aborted ? previous : { layout: result.layout, outputs: result.outputs };
      if (!result.aborted) stamps.keep(result.stamps, changes !== undefined);
      folder = folderIdentity(destination);
      return result;
    },
    watching: () => stamps.watching(),
  };
}

/** Which folder is at this path (device and inode), or null when there is none. */
function folderIdentity(folder: string): string | null {
  const stat = statSync(folder, { throwIfNoEntry: false });
  return stat?.isDirectory() ? `${stat.dev}:${stat.ino}` : null;
}

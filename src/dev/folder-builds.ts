import { build, type BuildOptions, type BuildResult } from '../build.js';
import { cacheKey, openPostCache, type PostCache } from '../cache/post-cache.js';
import type { PostSettings } from '../parallel/post-settings.js';
import type { KeptLayout } from '../site/reuse-layout.js';

export type FolderBuildOptions = Omit<BuildOptions, 'target' | 'postCache' | 'pageCache' | 'previousLayout' | 'keepThreads' | 'rebuilds'>;

/** The builds of `baoku build --watch`: each into the destination folder, each redoing only what changed since the last. */
export interface FolderBuilds {
  rebuild(): Promise<BuildResult>;
}

/**
 * Builds into the folder as `baoku build` does, keeping between builds what the dev server keeps:
 * the read posts (the post cache, which each build also saves to `.baoku-cache/`, so a later
 * `baoku build` finds it current), the worker threads, and the layout of the last build. Its pages'
 * keys are the page cache on disk, which every build saves.
 */
export function createFolderBuilds(options: FolderBuildOptions): FolderBuilds {
  let posts: { key: string; cache: PostCache } | undefined;
  const postCache = (settings: PostSettings): PostCache => {
    const key = cacheKey(settings);
    if (posts?.key !== key) posts = { key, cache: openPostCache(options.source, settings, { reuse: true }) };
    return posts.cache;
  };
  /** The layout of the last build, whose pages the page cache on disk holds. */
  let lastLayout: KeptLayout | undefined;

  return {
    async rebuild() {
      const previousLayout = lastLayout;
      // Until this build has saved its pages, the page cache holds no pages of any layout kept here.
      lastLayout = undefined;
      const result = await build({ ...options, postCache, previousLayout, keepThreads: true, rebuilds: true });
      // An aborted build (a broken config) wrote nothing: the layout before it still goes with the pages.
      lastLayout = result.aborted ? previousLayout : result.layout;
      return result;
    },
  };
}

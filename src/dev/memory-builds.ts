import { build, type BuildOptions, type BuildResult } from '../build.js';
import { memoryPageCache } from '../cache/page-cache.js';
import { cacheKey, openPostCache, type PostCache } from '../cache/post-cache.js';
import { loadConfig } from '../config/load-config.js';
import { createMemoryTarget } from '../output/memory-target.js';
import type { PostSettings } from '../parallel/post-settings.js';
import type { KeyedPage } from '../plan/plan-pages.js';
import type { KeptLayout } from '../site/reuse-layout.js';
import { createStampRelay } from './carry-stamps.js';
import type { SiteChange } from './watch-site.js';

export interface MemoryBuildOptions extends Omit<BuildOptions, 'target' | 'destination' | 'postCache' | 'pageCache' | 'previousLayout'> {
  /** Absolute path of the config file, and as shown to the user. */
  readonly configFile: string;
  readonly configPath: string;
}

/** The dev server's builds: each into memory, each redoing only what changed since the last good one. */
export interface MemoryBuilds {
  /**
   * Builds; when the build has no errors, its files become the ones served.
   * @param changes what the watcher saw change since the last build; none for a build before it watched
   */
  rebuild(changes?: readonly SiteChange[]): Promise<BuildResult>;
  /** Says the watcher watches now (see StampRelay.watching). */
  watching(): void;
  /** The files of the last good build, by output path. */
  served(): ReadonlyMap<string, Uint8Array>;
  /** The baseurl of the config the last build read. */
  baseurl(): string;
}

export function createMemoryBuilds(options: MemoryBuildOptions): MemoryBuilds {
  /** What is served: the files of the last good build, their pages' keys, and its layout. */
  let live: ReadonlyMap<string, Uint8Array> = new Map();
  let liveKeys: ReadonlyMap<string, KeyedPage> = new Map();
  let liveLayout: KeptLayout | undefined;
  let baseurl = '';
  const stamps = createStampRelay();
  // Read posts stay in memory between builds (first filled from .baoku-cache/, which dev leaves as
  // it found it): a rebuild reads only the post files that changed.
  let posts: { key: string; cache: PostCache } | undefined;
  const postCache = (settings: PostSettings): PostCache => {
    const key = cacheKey(settings);
    if (posts?.key !== key) posts = { key, cache: openPostCache(options.source, settings, { persist: false }) };
    return posts.cache;
  };

  return {
    async rebuild(changes) {
      const stampsSince = stamps.next(changes);
      const loaded = await loadConfig(options.configFile, options.configPath, { baseurl: options.baseurl }, Boolean(options.config));
      baseurl = loaded.config.baseurl;
      // Each build starts from a copy of what is served and renders only the pages whose key
      // changed (see planPages); only a build without errors replaces what is served.
      const staging = createMemoryTarget(live);
      const pageCache = memoryPageCache(liveKeys, staging.files);
      const result = await build({ ...options, target: staging, postCache, pageCache, previousLayout: liveLayout, stampsSince, keepThreads: true, rebuilds: true });
      if (!result.aborted) stamps.keep(result.stamps, changes !== undefined);
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (!result.aborted && errors.length === 0) {
        live = staging.files;
        liveKeys = pageCache.keys;
        liveLayout = result.layout;
      }
      return result;
    },
    watching: () => stamps.watching(),
    served: () => live,
    baseurl: () => baseurl,
  };
}

import path from 'node:path';
import type { BuildResult } from '../build.js';
import { configFileOf } from '../config/load-config.js';
import { closeKeptThreads } from '../parallel/thread-pool.js';
import { createFolderBuilds, type FolderBuildOptions } from './folder-builds.js';
import { rebuildOnChange } from './rebuild-on-change.js';

export interface WatchOptions extends FolderBuildOptions {
  /** Called after each build, with what changed since the last one (nothing, for the first). */
  readonly onBuilt: (result: BuildResult, changed: readonly string[]) => void;
  /** Where the watcher's own failures are told (the terminal). */
  readonly log: (line: string) => void;
}

export interface WatchSession {
  /** Called after each rebuild that a change started; for tests. */
  readonly rebuilt: (listener: (result: BuildResult) => void) => void;
  close(): Promise<void>;
}

/**
 * `baoku build --watch`: builds into the destination folder, then watches the sources and builds
 * again after each change, redoing only what it touched (as the dev server does, but on disk).
 * A rebuild with errors writes what it can, as `baoku build` does; watching goes on.
 * @returns null when there is nothing to watch: no site folder, or a destination refused
 */
export async function runWatch(options: WatchOptions): Promise<WatchSession | null> {
  const siteRoot = path.resolve(options.source);
  const listeners = new Set<(result: BuildResult) => void>();
  const builds = createFolderBuilds({ ...options, source: siteRoot });
  const first = await builds.rebuild();
  options.onBuilt(first, []);
  if (first.aborted && first.problems.some((p) => p.rule === 'site/source' || p.rule === 'site/destination')) {
    await closeKeptThreads();
    return null;
  }
  const loop = rebuildOnChange(siteRoot, {
    configFile: configFileOf(siteRoot, options.config),
    rebuild: async (changed, seenAll) => {
      const result = await builds.rebuild(seenAll ? changed : undefined);
      options.onBuilt(result, changed.map((change) => change.path));
      for (const listener of listeners) listener(result);
    },
    onRebuildError: (message) => options.log(`baoku: rebuild failed: ${message}`),
    onWatcherError: (message) => options.log(`baoku: watcher error: ${message}`),
  });
  builds.watching();
  // Said once the watcher is ready, so that a file saved after this line is always seen.
  options.log('baoku: watching for changes (Ctrl-C to stop)');
  return {
    rebuilt: (listener) => void listeners.add(listener),
    async close() {
      await loop.close();
      await closeKeptThreads();
    },
  };
}

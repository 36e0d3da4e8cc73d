import path from 'node:path';
import type { BuildOptions, BuildResult } from '../build.js';
import { configFileOf } from '../config/load-config.js';
import { createMemoryBuilds } from './memory-builds.js';
import { sitePath } from '../report/display-path.js';
import { formatProblem } from '../report/problem.js';
import { startDevServer } from './dev-server.js';
import { rebuildOnChange } from './rebuild-on-change.js';
import { closeKeptThreads } from '../parallel/thread-pool.js';

export interface DevOptions extends Omit<BuildOptions, 'target' | 'destination'> {
  readonly host: string;
  readonly port: number;
  /** Where progress and problems are reported (the terminal). */
  readonly log: (line: string) => void;
  /** Called after each build, with its result (for `--verbose`: the time of each step). */
  readonly onBuilt?: (result: BuildResult) => void;
}

export interface DevSession {
  readonly url: string;
  /** Resolves after each rebuild that a change started; for tests. */
  readonly rebuilt: (listener: (result: BuildResult) => void) => void;
  close(): Promise<void>;
}

/**
 * `baoku dev`: builds into memory, serves it, watches the sources and rebuilds on each change.
 * A rebuild with errors keeps the last good pages and shows the errors in the terminal and over
 * the page; every watcher callback ends in a catch, so a bad edit never stops the server.
 */
export async function runDev(options: DevOptions): Promise<DevSession> {
  const siteRoot = path.resolve(options.source);
  const configFile = configFileOf(siteRoot, options.config);
  const configPath = sitePath(siteRoot, configFile);
  const listeners = new Set<(result: BuildResult) => void>();
  const builds = createMemoryBuilds({ ...options, source: siteRoot, configFile, configPath });

  const first = await builds.rebuild();
  const server = await startDevServer({
    files: builds.served,
    baseurl: builds.baseurl(),
    host: options.host,
    port: options.port,
    onPortTaken: (port) => options.log(`baoku dev: port ${port} is taken, trying ${port + 1}`),
  });
  const report = (result: BuildResult, changed: readonly string[]): void => {
    const errors = result.problems.filter((p) => p.severity === 'error').map(formatProblem);
    for (const line of errors) options.log(`error: ${line}`);
    const what = changed.length ? ` after ${changed.join(', ')} changed` : '';
    const done = changed.length ? 'rebuilt' : 'built';
    options.log(`baoku dev: ${errors.length ? 'build failed, still serving the last good pages' : done}${what} in ${Math.round(result.durationMs)} ms`);
    options.onBuilt?.(result);
    if (errors.length) server.showProblems(errors);
    else server.reload();
    for (const listener of listeners) listener(result);
  };
  report(first, []);

  const loop = rebuildOnChange(siteRoot, {
    configFile,
    rebuild: async (changed, seenAll) => report(await builds.rebuild(seenAll ? changed : undefined), changed.map((change) => change.path)),
    onRebuildError: (message) => {
      options.log(`baoku dev: rebuild failed: ${message}`);
      server.showProblems([`baoku: ${message}`]);
    },
    onWatcherError: (message) => options.log(`baoku dev: watcher error: ${message}`),
  });
  builds.watching();
  // Said once the watcher is ready, so that a file saved after this line is always seen.
  options.log(`baoku dev: serving ${server.url}  (Ctrl-C to stop)`);

  return {
    url: server.url,
    rebuilt: (listener) => void listeners.add(listener),
    async close() {
      await loop.close();
      await server.close();
      await closeKeptThreads();
    },
  };
}

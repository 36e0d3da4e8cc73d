import { sitePath } from '../report/display-path.js';
import { classifyChange } from './classify-change.js';
import { watchSite, type SiteChange } from './watch-site.js';

/** Folders of a site that are watched for changes, with everything in them. */
const watchedFolders = ['posts', '_posts', '_drafts', 'templates', 'public'];

export interface RebuildOnChangeOptions {
  /** The config file, absolute. */
  readonly configFile: string;
  /**
   * Rebuilds after these paths (relative to the site root) changed; never called while a call
   * before it runs. `seenAll`: the watcher saw every change since it began (see missesChanges),
   * so that files it did not name are as the last build found them.
   */
  readonly rebuild: (changed: readonly SiteChange[], seenAll: boolean) => Promise<void>;
  /** Told what a rebuild threw; watching goes on. */
  readonly onRebuildError: (message: string) => void;
  /** Told what went wrong in the watcher; watching goes on. */
  readonly onWatcherError: (message: string) => void;
}

export interface RebuildLoop {
  /** Stops watching, and resolves once the rebuild that runs, if any, is done. */
  close(): Promise<void>;
}

/**
 * Watches a site's sources (`baoku dev`, `baoku build --watch`) and rebuilds after each change,
 * one rebuild at a time: the changes made while one runs are gathered into the next. Ready when it
 * returns: a file saved after that is seen.
 */
export function rebuildOnChange(siteRoot: string, options: RebuildOnChangeOptions): RebuildLoop {
  const configPath = sitePath(siteRoot, options.configFile);
  /** Changes not yet rebuilt, by path: a folder's coming or going outweighs a file's change at its path. */
  let pending = new Map<string, SiteChange>();
  let running: Promise<void> | null = null;
  const runPending = async (): Promise<void> => {
    while (pending.size > 0) {
      const changed = [...pending.values()];
      pending = new Map();
      try {
        await options.rebuild(changed, !watcher.missesChanges());
      } catch (caught) {
        options.onRebuildError(caught instanceof Error ? caught.message : String(caught));
      }
    }
    running = null;
  };
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchSite(siteRoot, {
    folders: watchedFolders,
    configFile: options.configFile,
    onChange: (change) => {
      // A folder that came or went may hold posts, or be a link the build warns about.
      if (!change.folder && classifyChange(change.path, configPath) === 'ignored') return;
      if (!pending.get(change.path)?.folder) pending.set(change.path, change);
      clearTimeout(timer);
      // A short pause gathers the several events one save makes (an editor's write, rename and
      // chmod) into one rebuild, and lets a file written in pieces be whole.
      timer = setTimeout(() => {
        running ??= runPending();
      }, 40);
    },
    onError: options.onWatcherError,
  });
  return {
    async close() {
      clearTimeout(timer);
      watcher.close();
      await running;
    },
  };
}

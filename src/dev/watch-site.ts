import { lstatSync, readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isInside } from '../content/find-posts.js';

/** A path under the site root that changed: a file (saved, added or deleted), or a folder that came or went. */
export interface SiteChange {
  /** Relative to the site root, forward slashes. */
  readonly path: string;
  readonly folder: boolean;
}

export interface SiteWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Folders at the top of the site root to watch, with everything in them, whether they exist yet or not. */
  readonly folders: readonly string[];
  /** The config file, inside the site root or not. */
  readonly configFile: string;
  readonly onChange: (change: SiteChange) => void;
  readonly onError: (message: string) => void;
}

/**
 * Watches a site's source folders and its config file with one `fs.watch` per folder (inotify on
 * Linux), and says which path changed. Not chokidar: on every event in a folder chokidar lists the
 * folder again and stats each entry, which in a `_posts/` of 10,000 files took 60 ms of the main
 * thread per save, beside the rebuild it waited for. Here an event costs one lstat, of the path
 * it names.
 *
 * Folders are followed through symbolic links while they stay inside the site root (as the build
 * reads them), each real folder once. Ready when it returns: a file saved after that is seen.
 */
export function watchSite(siteRoot: string, options: WatchOptions): SiteWatcher {
  const root = realpathSync(siteRoot);
  /** Watchers by the folder's path relative to the site root ('' for the root itself). */
  const watchers = new Map<string, FSWatcher>();
  /** Real paths of the folders watched, so that a link loop is watched once. */
  const realOf = new Map<string, string>();
  const watchedReal = new Set<string>();
  /** Every folder seen, watched or not (a link back up is seen, not watched): its going is a change. */
  const folders = new Set<string>();
  let closed = false;

  /** An event's handler, given the name it is about; what goes wrong in it is reported, never thrown out of the watcher. */
  const guarded =
    (handle: (name: string) => void) =>
    (_event: string, name: string | Buffer | null): void => {
      if (name === null || closed) return;
      try {
        handle(name.toString());
      } catch (caught) {
        options.onError(caught instanceof Error ? caught.message : String(caught));
      }
    };
  const report = (change: SiteChange): void => {
    if (!closed) options.onChange(change);
  };
  const unwatch = (relative: string): void => {
    for (const folder of folders) if (folder === relative || folder.startsWith(`${relative}/`)) folders.delete(folder);
    for (const [folder, watcher] of watchers) {
      if (folder !== relative && !folder.startsWith(`${relative}/`)) continue;
      watcher.close();
      watchers.delete(folder);
      watchedReal.delete(realOf.get(folder)!);
      realOf.delete(folder);
    }
  };

  /** Watches a folder and the folders in it; false when it is no folder to watch. */
  const watchTree = (relative: string): boolean => {
    const absolute = path.join(root, relative);
    let real: string;
    try {
      real = realpathSync(absolute);
      if (!statSync(real).isDirectory()) return false;
    } catch {
      return false;
    }
    folders.add(relative);
    if (!isInside(root, real) || watchedReal.has(real) || watchers.has(relative)) return true;
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: true }, guarded((name) => {
        const child = `${relative}/${name.toString()}`;
        const kind = kindOf(path.join(root, child));
        if (kind === 'folder') {
          watchTree(child);
          report({ path: child, folder: true });
        } else {
          if (kind === 'missing' && folders.has(child)) {
            unwatch(child);
            report({ path: child, folder: true });
            return;
          }
          report({ path: child, folder: false });
        }
      }));
    } catch (caught) {
      options.onError(`cannot watch ${relative}: ${caught instanceof Error ? caught.message : String(caught)}`);
      return true;
    }
    watcher.on('error', () => unwatch(relative));
    watchers.set(relative, watcher);
    realOf.set(relative, real);
    watchedReal.add(real);
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      // Gone already: its watcher reports it.
    }
    for (const entry of entries) {
      if (entry.isDirectory() || entry.isSymbolicLink()) watchTree(`${relative}/${entry.name}`);
    }
    return true;
  };

  // The root's own watcher sees the top folders come and go, and the config file when it is in the root.
  const configInRoot = path.dirname(path.resolve(options.configFile)) === path.resolve(siteRoot);
  const configName = path.basename(options.configFile);
  const rootWatcher = watch(siteRoot, { persistent: true }, guarded((top) => {
    if (configInRoot && top === configName) report({ path: top, folder: false });
    if (!options.folders.includes(top)) return;
    if (watchTree(top)) report({ path: top, folder: true });
    else if (folders.has(top)) {
      unwatch(top);
      report({ path: top, folder: true });
    }
  }));
  rootWatcher.on('error', (caught) => options.onError(`watching the site root failed: ${caught.message}`));
  // A config file outside the site root (--config): its folder's watcher, for that one name.
  const configWatcher = configInRoot
    ? null
    : watch(
        path.dirname(path.resolve(options.configFile)),
        { persistent: true },
        guarded((name) => {
          if (name === configName) report({ path: path.relative(siteRoot, options.configFile).split(path.sep).join('/'), folder: false });
        }),
      );
  configWatcher?.on('error', (caught) => options.onError(`watching ${options.configFile} failed: ${caught.message}`));
  for (const folder of options.folders) watchTree(folder);

  return {
    close() {
      closed = true;
      rootWatcher.close();
      configWatcher?.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** What is at a path now: a folder (through links), anything else, or nothing. */
function kindOf(absolute: string): 'folder' | 'other' | 'missing' {
  const stat = lstatSync(absolute, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  if (stat.isDirectory()) return 'folder';
  if (!stat.isSymbolicLink()) return 'other';
  try {
    return statSync(absolute).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

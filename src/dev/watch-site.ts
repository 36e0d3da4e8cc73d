import { lstatSync, readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isInside } from '../content/find-posts.js';
import { sitePath } from '../report/display-path.js';

/** A path under the site root that changed: a file (saved, added or deleted), or a folder that came or went. */
export interface SiteChange {
  /** Relative to the site root, forward slashes. */
  readonly path: string;
  readonly folder: boolean;
}

export interface SiteWatcher {
  /**
   * Whether a change may have gone by unreported: a folder it could not watch (the system's limit
   * of watches reached), a watcher that failed, events the system dropped. Rebuilds then look at
   * every file again.
   */
  missesChanges(): boolean;
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
 * thread per save, beside the rebuild it waited for. Here an event naming a file costs one lstat.
 *
 * Folders are followed as the build reads them (see findPosts): a top source folder wherever it
 * leads; inside it, links only to folders inside the site that do not hold them; dot folders
 * never. Each real folder is watched once, whatever path leads to it, and a folder replaced
 * under the same name is watched anew. Ready when it returns: a file saved after that is seen.
 */
export function watchSite(siteRoot: string, options: WatchOptions): SiteWatcher {
  const root = realpathSync(siteRoot);
  /** Watchers by the folder's path relative to the site root. */
  const watchers = new Map<string, FSWatcher>();
  /**
   * Every folder seen, watched or not (a link loop, a second path to a folder already watched),
   * with the real folder it was: its going, or another folder taking its name, is a change.
   */
  const seen = new Map<string, { readonly real: string; readonly ino: number; readonly parentReal: string | null }>();
  /** Which path watches each real folder: each is watched once, whatever leads to it. */
  const watcherOfReal = new Map<string, string>();
  let closed = false;
  /** Set once a change may have gone unseen (see SiteWatcher.missesChanges). */
  let blind = false;
  const fail = (message: string): void => {
    blind = true;
    options.onError(message);
  };

  /**
   * An event's handler, given the name it is about; what goes wrong in it is reported, never
   * thrown out of the watcher. An event that names nothing (the system dropped events) is a
   * change to the watched folder as a whole: `unnamed`.
   */
  const guarded =
    (handle: (name: string) => void, unnamed: () => void) =>
    (_event: string, name: string | Buffer | null): void => {
      if (closed) return;
      try {
        if (name === null) {
          // What else went by is not known, nor whether a folder made meanwhile is watched.
          blind = true;
          unnamed();
        } else handle(name.toString());
      } catch (caught) {
        fail(caught instanceof Error ? caught.message : String(caught));
      }
    };
  const report = (change: SiteChange): void => {
    if (!closed) options.onChange(change);
  };
  const isAtOrUnder = (folder: string, relative: string): boolean => folder === relative || folder.startsWith(`${relative}/`);

  /** Forgets a folder and what is in it; another path to a real folder it watched takes over. */
  const unwatch = (relative: string): void => {
    const freed = new Set<string>();
    for (const [folder, { real }] of seen) {
      if (!isAtOrUnder(folder, relative)) continue;
      seen.delete(folder);
      const watcher = watchers.get(folder);
      if (!watcher) continue;
      watcher.close();
      watchers.delete(folder);
      watcherOfReal.delete(real);
      freed.add(real);
    }
    for (const [folder, { real, parentReal }] of [...seen]) {
      if (!freed.has(real) || watcherOfReal.has(real)) continue;
      seen.delete(folder);
      watchTree(folder, parentReal);
    }
  };

  /**
   * What an event naming a path does to the folders watched. An event naming a folder is the
   * folder's own (made, moved, removed, made again): what was there is forgotten and what is there
   * now watched. Saves inside a folder are its own watcher's events.
   * @returns whether a folder is there now, or was
   */
  const refreshFolder = (relative: string, parentReal: string | null): boolean => {
    const was = seen.has(relative);
    if (was) unwatch(relative);
    return watchTree(relative, parentReal) || was;
  };

  /**
   * Watches a folder and the folders in it, by the rules the build reads them with (see
   * findPosts): dot folders are left out, and a link inside a source folder is followed only to a
   * folder inside the site that does not hold the link. False when it is no folder to watch.
   * @param parentReal the real folder holding it; null for a top source folder, followed wherever it leads
   */
  const watchTree = (relative: string, parentReal: string | null): boolean => {
    const absolute = path.join(root, relative);
    let isLink: boolean;
    let real: string;
    let ino: number;
    try {
      // One lstat for what is plainly no folder: most events name a file just saved.
      const entry = lstatSync(absolute);
      if (!entry.isDirectory() && !entry.isSymbolicLink()) return false;
      isLink = entry.isSymbolicLink();
      real = realpathSync(absolute);
      const stat = statSync(real);
      if (!stat.isDirectory()) return false;
      ino = stat.ino;
    } catch {
      return false;
    }
    const before = seen.get(relative);
    if (before && before.real === real && before.ino === ino) return true;
    // Another folder under a name already watched (moved in, or made anew): the old one goes.
    if (before) unwatch(relative);
    seen.set(relative, { real, ino, parentReal });
    if (parentReal !== null && isLink && (!isInside(root, real) || isInside(real, parentReal))) return true;
    if (watcherOfReal.has(real)) return true;
    let watcher: FSWatcher;
    try {
      watcher = watch(
        absolute,
        { persistent: true },
        guarded(
          (name) => {
            // Dot files and folders are never part of the site (editors' swap files, .git).
            if (name.startsWith('.')) return;
            const child = `${relative}/${name}`;
            report({ path: child, folder: refreshFolder(child, real) });
          },
          () => report({ path: relative, folder: true }),
        ),
      );
    } catch (caught) {
      // One watch per folder: a site of many date folders can reach the system's limit.
      const limit = (caught as NodeJS.ErrnoException).code === 'ENOSPC' ? ' — raise the limit, e.g. sudo sysctl fs.inotify.max_user_watches=524288' : '';
      fail(`cannot watch ${relative}, its changes will not be seen: ${caught instanceof Error ? caught.message : String(caught)}${limit}`);
      return true;
    }
    watcher.on('error', () => {
      blind = true;
      unwatch(relative);
    });
    watchers.set(relative, watcher);
    watcherOfReal.set(real, relative);
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      // Gone already: its watcher reports it.
    }
    for (const entry of entries) {
      if (!entry.name.startsWith('.') && (entry.isDirectory() || entry.isSymbolicLink())) watchTree(`${relative}/${entry.name}`, real);
    }
    return true;
  };

  // The root's own watcher sees the top folders come and go, and the config file when it is in the root.
  const configInRoot = path.dirname(path.resolve(options.configFile)) === path.resolve(siteRoot);
  const configName = path.basename(options.configFile);
  const rootWatcher = watch(
    siteRoot,
    { persistent: true },
    guarded(
      (top) => {
        if (configInRoot && top === configName) report({ path: top, folder: false });
        if (options.folders.includes(top) && refreshFolder(top, null)) report({ path: top, folder: true });
      },
      () => report({ path: '.', folder: true }),
    ),
  );
  rootWatcher.on('error', (caught) => fail(`watching the site root failed: ${caught.message}`));
  // A config file outside the site root (--config): its folder's watcher, for that one name.
  const configWatcher = configInRoot
    ? null
    : watch(
        path.dirname(path.resolve(options.configFile)),
        { persistent: true },
        guarded(
          (name) => {
            if (name === configName) report({ path: sitePath(siteRoot, options.configFile), folder: false });
          },
          () => report({ path: sitePath(siteRoot, options.configFile), folder: false }),
        ),
      );
  configWatcher?.on('error', (caught) => fail(`watching ${options.configFile} failed: ${caught.message}`));
  for (const folder of options.folders) watchTree(folder, null);

  return {
    missesChanges: () => blind,
    close() {
      closed = true;
      rootWatcher.close();
      configWatcher?.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

import { nameOf, stampsNow, type CarriedStamps, type FileStamp } from '../content/file-stamps.js';
import type { SiteChange } from './watch-site.js';

type Stamps = ReadonlyMap<string, FileStamp | undefined>;

/**
 * What a rebuild may take of the last build's stamps, given the changes the watcher saw since.
 * Nothing after a folder came or went (a folder moved in may hold files of the same names and
 * sizes), nor from a build that began before the watcher watched (a file saved meanwhile told
 * nobody): those rebuilds stamp every file again.
 */
export function carryStamps(last: Stamps | undefined, changes: readonly SiteChange[]): CarriedStamps | undefined {
  if (!last || changes.some((change) => change.folder)) return undefined;
  return { stamps: last, changedNames: new Set(changes.map((change) => nameOf(change.path))) };
}

/** The stamps a watched site's builds hand on, each to the next (`dev`, `build --watch`). */
export interface StampRelay {
  /**
   * What the next build may take, and forgets the last's until that build is done.
   * @param changes what the watcher saw change since the last build; none when it may have missed some
   */
  next(changes: readonly SiteChange[] | undefined): CarriedStamps | undefined;
  /** Keeps a finished build's stamps. @param watched it began while the site was watched */
  keep(stamps: Stamps | undefined, watched: boolean): void;
  /**
   * The watcher watches now: the stamps of the build before it are taken again (10,000 stats,
   * once), so that the first rebuild may carry them too. A file saved before this is then found
   * changed by its stamp; one saved after, by the watcher.
   */
  watching(): void;
}

export function createStampRelay(): StampRelay {
  let last: { readonly stamps: Stamps; readonly watched: boolean } | undefined;
  return {
    next(changes) {
      const carried = changes && last?.watched ? carryStamps(last.stamps, changes) : undefined;
      last = undefined;
      return carried;
    },
    keep(stamps, watched) {
      last = stamps ? { stamps, watched } : undefined;
    },
    watching() {
      if (last && !last.watched) last = { stamps: stampsNow(last.stamps.keys()), watched: true };
    },
  };
}

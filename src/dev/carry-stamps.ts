import { nameOf, type CarriedStamps, type FileStamp } from '../content/file-stamps.js';
import type { SiteChange } from './watch-site.js';

/**
 * What a rebuild may take of the last build's stamps, given the changes the watcher saw since.
 * Nothing after a folder came or went (a folder moved in may hold files of the same names and
 * sizes), nor from a build that began before the watcher watched (a file saved meanwhile told
 * nobody): those rebuilds stamp every file again.
 */
export function carryStamps(last: ReadonlyMap<string, FileStamp | undefined> | undefined, changes: readonly SiteChange[]): CarriedStamps | undefined {
  if (!last || changes.some((change) => change.folder)) return undefined;
  return { stamps: last, changedNames: new Set(changes.map((change) => nameOf(change.path))) };
}

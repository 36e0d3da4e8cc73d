import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import { createFileStamps, type StampOf } from '../content/file-stamps.js';
import { isUsersTopEntry } from '../output/disk-target.js';
import path from 'node:path';
import type { Problem } from '../report/problem.js';
import { writeCacheFile } from './cache-file.js';
import { pipelineVersion } from './post-cache.js';

/**
 * What the last complete build of a destination was made from and what it wrote. When a build
 * finds the same inputs and every file still as written, there is nothing to do: it reports the
 * last build's problems again and writes nothing. Only a build without errors leaves a record,
 * and every other build removes it before writing, so a build stopped halfway never leaves one.
 */
export interface BuildRecord {
  readonly fingerprint: string;
  readonly destination: string;
  /** The earliest post left out for being dated in the future: from then on, the build is due. */
  readonly dueAt: number | null;
  readonly postsRead: number;
  /** Every file written or kept, with its size. */
  readonly files: Readonly<Record<string, number>>;
  readonly problems: readonly Problem[];
}

/** A file whose name, size and time are part of a build's inputs. */
export interface InputFile {
  readonly name: string;
  readonly absolutePath: string;
}

const recordFile = (siteRoot: string): string => path.join(siteRoot, '.baoku-cache', 'last-build.json');

/**
 * The build's inputs as one hash: settings (config, options, templates, baoku's own version) and
 * the name, size and modification time of every post and public file.
 */
export function inputsFingerprint(settings: unknown, files: readonly InputFile[], stampOf: StampOf = createFileStamps()): string {
  const hash = createHash('sha256').update(JSON.stringify([pipelineVersion, settings]));
  for (const file of files) {
    const stamp = stampOf(file.absolutePath);
    hash.update(`\0${file.name}\0${stamp ? `${stamp.size}:${stamp.mtimeMs}` : 'missing'}`);
  }
  return hash.digest('hex');
}

export function readBuildRecord(siteRoot: string, destination: string): BuildRecord | null {
  try {
    const record = JSON.parse(readFileSync(recordFile(siteRoot), 'utf8')) as BuildRecord;
    return record.destination === destination && typeof record.fingerprint === 'string' ? record : null;
  } catch {
    return null;
  }
}

/**
 * Whether the destination holds exactly the files the record lists, each a regular file at the
 * size written — nothing missing, nothing added, as a full build would leave it (which keeps the
 * user's dot entries at the top, such as .git).
 */
export function outputsIntact(record: BuildRecord): boolean {
  const expected = new Map(Object.entries(record.files).map(([file, size]) => [file.normalize('NFC'), size]));
  let seen = 0;
  const walk = (folder: string, relative: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return false;
    }
    if (relative && entries.length === 0) return false;
    for (const entry of entries) {
      if (!relative && isUsersTopEntry(entry.name)) continue;
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const full = `${folder}${path.sep}${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(full, rel)) return false;
        continue;
      }
      const size = expected.get(rel.normalize('NFC'));
      if (size === undefined || !entry.isFile() || lstatSync(full).size !== size) return false;
      seen++;
    }
    return true;
  };
  return walk(record.destination, '') && seen === expected.size;
}

export function removeBuildRecord(siteRoot: string): void {
  rmSync(recordFile(siteRoot), { force: true });
}

export function writeBuildRecord(siteRoot: string, record: BuildRecord): void {
  // Without a record the next build only does more work.
  writeCacheFile(recordFile(siteRoot), JSON.stringify(record));
}

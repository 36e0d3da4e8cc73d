export interface WrittenFile {
  readonly outcome: 'written' | 'unchanged';
  readonly size: number;
}

/** Where a build's files go: a folder on disk, or memory for the dev server. The one writer. */
export interface OutputTarget {
  /**
   * Writes one file. `relativePath` uses forward slashes and stays inside the target.
   * @returns whether the file was written or already had this content, and its size in bytes
   */
  write(relativePath: string, content: string | Uint8Array): Promise<WrittenFile>;
  /** Removes every file the build did not produce. @returns how many were removed */
  removeStale(produced: ReadonlySet<string>): Promise<number>;
  /** A write into the same place by another writer (a worker thread's) failed: it may have left something there. */
  failedElsewhere?(): void;
}

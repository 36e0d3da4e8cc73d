import type { OutputTarget } from './output-target.js';

/** The dev server's target: files kept in a map, served from memory. */
export interface MemoryTarget extends OutputTarget {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** @param initial files to start from (the dev server's last good build), copied, not changed */
export function createMemoryTarget(initial: ReadonlyMap<string, Uint8Array> = new Map()): MemoryTarget {
  const files = new Map(initial);
  return {
    files,
    async write(relativePath, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const existing = files.get(relativePath);
      if (existing && Buffer.compare(existing, bytes) === 0) return { outcome: 'unchanged', size: bytes.length };
      files.set(relativePath, bytes);
      return { outcome: 'written', size: bytes.length };
    },
    async removeStale(produced) {
      let removed = 0;
      for (const key of [...files.keys()]) {
        if (!produced.has(key)) {
          files.delete(key);
          removed++;
        }
      }
      return removed;
    },
  };
}

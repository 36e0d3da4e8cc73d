import type { OutputTarget } from './output-target.js';

/** The dev server's target: files kept in a map, served from memory. */
export interface MemoryTarget extends OutputTarget {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export function createMemoryTarget(): MemoryTarget {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async write(relativePath, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const existing = files.get(relativePath);
      if (existing && Buffer.compare(existing, bytes) === 0) return 'unchanged';
      files.set(relativePath, bytes);
      return 'written';
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

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file of `.baoku-cache/` whole or not at all: into a temporary file of this process,
 * then renamed over the old one. A cache file that cannot be written costs the next build time,
 * never correctness, so a failure leaves no file behind and is not an error.
 */
export function writeCacheFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

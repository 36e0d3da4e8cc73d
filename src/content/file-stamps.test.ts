import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStamps, readStamped, type FileStamp } from './file-stamps.js';
import { carryStamps } from '../dev/carry-stamps.js';

let roots: string[] = [];
function fileWith(content: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'baoku-stamps-'));
  roots.push(root);
  const file = path.join(root, 'a.md');
  writeFileSync(file, content);
  return file;
}
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe('file stamps', () => {
  it('reads a file with the size and time it had when read', () => {
    const file = fileWith('---\ntitle: 甲\n---\n正文');
    const { bytes, stamp } = readStamped(file);
    expect(bytes.toString('utf8')).toBe('---\ntitle: 甲\n---\n正文');
    const stat = statSync(file);
    expect(stamp).toEqual({ size: stat.size, mtimeMs: stat.mtimeMs });
  });

  it('reads each file whole, one after another, small and large, into a buffer it reuses', () => {
    const large = '正文'.repeat(40_000);
    const texts = ['一', large, '二二', '三'.repeat(3000)];
    const files = texts.map(fileWith);
    const read = files.map((file) => readStamped(file).bytes.toString('utf8'));
    // Each read's bytes are decoded before the next read takes the buffer, as a post's are.
    expect(read).toEqual(texts);
  });

  it('reads an empty file as empty', () => {
    expect(readStamped(fileWith('')).bytes.length).toBe(0);
  });

  it('serves a stamp remembered from a read without a stat of its own, and keeps the first taken', () => {
    const stamps = createFileStamps();
    const gone = path.join(os.tmpdir(), 'baoku-stamps-never-there.md');
    stamps.remember(gone, { size: 3, mtimeMs: 1 });
    expect(stamps(gone)).toEqual({ size: 3, mtimeMs: 1 });

    const file = fileWith('正文');
    const taken = stamps(file);
    stamps.remember(file, { size: 1, mtimeMs: 2 });
    expect(stamps(file)).toEqual(taken);
  });

  /** A file stamped by a last build, then saved again with another size: its stamps before and now. */
  function stampedThenSaved(): { file: string; last: ReturnType<typeof createFileStamps>; before: FileStamp; now: FileStamp } {
    const file = fileWith('第一稿');
    const last = createFileStamps();
    const before = last(file)!;
    writeFileSync(file, '第二稿，长一些');
    return { file, last, before, now: { size: statSync(file).size, mtimeMs: statSync(file).mtimeMs } };
  }

  it('carried into a watched rebuild, keeps the last stamp of a file the watcher did not name and stamps a named one anew', () => {
    const { file, last, before, now } = stampedThenSaved();
    // The watcher names the file by its path from the site root, which may not be the build's path to it.
    expect(createFileStamps(carryStamps(last.taken(), [{ path: 'posts/other.md', folder: false }]))(file)).toEqual(before);
    expect(createFileStamps(carryStamps(last.taken(), [{ path: 'posts/a.md', folder: false }]))(file)).toEqual(now);
  });

  it('stamps every file anew after a folder came or went, or without a last build begun while watched', () => {
    const { file, last, now } = stampedThenSaved();
    expect(createFileStamps(carryStamps(last.taken(), [{ path: 'posts/2016', folder: true }]))(file)).toEqual(now);
    expect(createFileStamps(carryStamps(undefined, [{ path: 'posts/other.md', folder: false }]))(file)).toEqual(now);
  });

  it('never carries the stamp of a link to a file, whose target changes under its own name', () => {
    const { file, last, now } = stampedThenSaved();
    expect(createFileStamps(carryStamps(last.taken(), [{ path: 'posts/other.md', folder: false }]), [file])(file)).toEqual(now);
  });
});

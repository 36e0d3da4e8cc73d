import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostSettings } from '../parallel/post-settings.js';
import type { ProcessedPost } from '../parallel/process-post.js';
import { openPostCache } from './post-cache.js';

const settings: PostSettings = { timezone: 'Asia/Shanghai', legacyHosts: [], baseurl: '', slugify: 'unicode', permalink: 'date', disabledTransforms: [] };
const result = (title: string): ProcessedPost => ({ post: null, article: null, title, digest: '', problems: [], stamp: null });

let roots: string[] = [];
function siteWithPost(text: string): { root: string; file: { absolutePath: string; sourcePath: string; draft: boolean } } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'baoku-cache-'));
  roots.push(root);
  mkdirSync(path.join(root, 'posts'));
  const absolutePath = path.join(root, 'posts', 'a.md');
  writeFileSync(absolutePath, text);
  return { root, file: { absolutePath, sourcePath: 'posts/a.md', draft: false } };
}
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe('the post cache', () => {
  it('serves an unchanged post from the last build', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    expect(first.lookup(file)).toBeUndefined();
    first.store(file, result('一'));
    first.save([file]);
    const second = openPostCache(root, settings);
    expect(second.lookup(file)?.title).toBe('一');
    expect(second.hits()).toBe(1);
  });

  it('reads a post again when its file changed', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    writeFileSync(file.absolutePath, '改过的正文');
    utimesSync(file.absolutePath, new Date(), new Date(Date.now() + 5000));
    expect(openPostCache(root, settings).lookup(file)).toBeUndefined();
  });

  it('keeps a post under the stamp it was read with: a file changed after the read is read again', () => {
    const { root, file } = siteWithPost('正文');
    const readAs = { size: statSync(file.absolutePath).size, mtimeMs: statSync(file.absolutePath).mtimeMs };
    writeFileSync(file.absolutePath, '读过之后改过的正文');
    const first = openPostCache(root, settings);
    first.store(file, { ...result('一'), stamp: readAs });
    first.save([file]);
    expect(openPostCache(root, settings).lookup(file)).toBeUndefined();
  });

  it('stamps on lookup only the posts it holds: the others are stamped by the thread that reads them', () => {
    const { root, file } = siteWithPost('正文');
    const stamped: string[] = [];
    const stampOf = (absolutePath: string) => {
      stamped.push(absolutePath);
      const stat = statSync(absolutePath);
      return { size: stat.size, mtimeMs: stat.mtimeMs };
    };
    const first = openPostCache(root, settings);
    expect(first.lookup(file, stampOf)).toBeUndefined();
    expect(stamped).toEqual([]);
    first.store(file, result('一'), stampOf);
    first.save([file], stampOf);
    stamped.length = 0;
    expect(openPostCache(root, settings).lookup(file, stampOf)?.title).toBe('一');
    expect(stamped).toEqual([file.absolutePath]);
  });

  it('ignores a cache made with other settings', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    expect(openPostCache(root, { ...settings, baseurl: '/archive' }).lookup(file)).toBeUndefined();
    expect(openPostCache(root, { ...settings, disabledTransforms: ['byline'] }).lookup(file)).toBeUndefined();
  });

  it('ignores a corrupt cache instead of failing or serving it', () => {
    const { root, file } = siteWithPost('正文');
    mkdirSync(path.join(root, '.baoku-cache'));
    writeFileSync(path.join(root, '.baoku-cache', 'posts.v8'), 'not a cache at all');
    const cache = openPostCache(root, settings);
    expect(cache.lookup(file)).toBeUndefined();
    cache.store(file, result('一'));
    cache.save([file]);
    expect(openPostCache(root, settings).lookup(file)?.title).toBe('一');
  });

  it.each([
    ['inside a frame', (bytes: Buffer) => bytes.subarray(0, bytes.length - 3)],
    ['inside the length of a frame written after it', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from([7, 0])])],
  ])('ignores a cache cut short %s, keeping none of its posts', (_, cut) => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    const cacheFile = path.join(root, '.baoku-cache', 'posts.v8');
    writeFileSync(cacheFile, cut(readFileSync(cacheFile)));
    expect(openPostCache(root, settings).lookup(file)).toBeUndefined();
  });

  it('holds many posts, in frames', () => {
    const { root, file } = siteWithPost('正文');
    const files = Array.from({ length: 2500 }, (_, i) => ({ ...file, sourcePath: `posts/${i}.md` }));
    const first = openPostCache(root, settings);
    for (const [i, each] of files.entries()) first.store(each, result(`第${i}篇`));
    first.save(files);
    const second = openPostCache(root, settings);
    expect(second.lookup(files[2499]!)?.title).toBe('第2499篇');
    expect(second.lookup(files[0]!)?.title).toBe('第0篇');
  });

  describe('written while a first build reads its posts', () => {
    /** 2,500 posts, all but the last frame's worth of them written before the build ends. */
    const manyPosts = () => {
      const { root, file } = siteWithPost('正文');
      return { root, files: Array.from({ length: 2500 }, (_, i) => ({ ...file, sourcePath: `posts/${i}.md` })) };
    };
    const cacheFolder = (root: string): string[] => readdirSync(path.join(root, '.baoku-cache')).sort();

    it('is not in place before the build saves it, and leaves no other file', () => {
      const { root, files } = manyPosts();
      const first = openPostCache(root, settings);
      for (const [i, each] of files.entries()) first.store(each, result(`第${i}篇`));
      expect(cacheFolder(root)).not.toContain('posts.v8');
      first.save(files);
      expect(cacheFolder(root)).toEqual(['posts.v8']);
    });

    it('is removed when the build stops before saving, or by the next build when it was killed', () => {
      const { root, files } = manyPosts();
      const first = openPostCache(root, settings);
      for (const [i, each] of files.entries()) first.store(each, result(`第${i}篇`));
      expect(cacheFolder(root)).toEqual([`posts.v8.${process.pid}.tmp`]);
      first.abandon();
      expect(cacheFolder(root)).toEqual([]);
      // A process long gone (pids do not reach this high here) left its file.
      writeFileSync(path.join(root, '.baoku-cache', 'posts.v8.4194303.tmp'), 'half a cache');
      openPostCache(root, settings);
      expect(cacheFolder(root)).toEqual([]);
    });

    it('when reused, closes the file it wrote once: the next save leaves alone a descriptor opened since', () => {
      const { root, files } = manyPosts();
      const cache = openPostCache(root, settings, { reuse: true });
      for (const [i, each] of files.entries()) cache.store(each, result(`第${i}篇`));
      cache.save(files);
      // Opened after the first save, it may get the number of the descriptor that save closed (as the
      // dev watcher's inotify descriptor did).
      const other = path.join(root, 'other.txt');
      writeFileSync(other, '别的文件');
      const fd = openSync(other, 'r');
      try {
        cache.store(files[3]!, result('第三篇改'));
        cache.save(files);
        expect(fstatSync(fd).size).toBe(Buffer.byteLength('别的文件'));
      } finally {
        closeSync(fd);
      }
      expect(openPostCache(root, settings).lookup(files[3]!)?.title).toBe('第三篇改');
      expect(openPostCache(root, settings).lookup(files[2499]!)?.title).toBe('第2499篇');
    });

    it('serves a post stored twice as last stored, and no post the build no longer had', () => {
      const { root, files } = manyPosts();
      const first = openPostCache(root, settings);
      for (const [i, each] of files.entries()) first.store(each, result(`第${i}篇`));
      first.store(files[3]!, result('第三篇改'));
      first.save(files.slice(0, 1500));
      const second = openPostCache(root, settings);
      expect(second.lookup(files[3]!)?.title).toBe('第三篇改');
      expect(second.lookup(files[1499]!)?.title).toBe('第1499篇');
      expect(second.lookup(files[1500]!)).toBeUndefined();
      expect(second.lookup(files[2400]!)).toBeUndefined();
      expect(cacheFolder(root)).toEqual(['posts.v8']);
    });
  });

  it('keeps only the posts of the latest build', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    openPostCache(root, settings).save([]);
    expect(openPostCache(root, settings).lookup(file)).toBeUndefined();
  });

  describe('after a build that changed a few posts', () => {
    const tenPosts = (root: string, text: (i: number) => string): Array<{ absolutePath: string; sourcePath: string; draft: boolean }> =>
      Array.from({ length: 10 }, (_, i) => {
        const absolutePath = path.join(root, 'posts', `${i}.md`);
        writeFileSync(absolutePath, text(i));
        return { absolutePath, sourcePath: `posts/${i}.md`, draft: false };
      });
    /** A site of ten posts, read and saved to the cache by a first build. */
    const cachedTenPosts = (): { root: string; files: ReturnType<typeof tenPosts> } => {
      const { root } = siteWithPost('正文');
      const files = tenPosts(root, (i) => `第${i}篇`);
      const first = openPostCache(root, settings);
      for (const [i, file] of files.entries()) first.store(file, result(`第${i}篇`));
      first.save(files);
      return { root, files };
    };
    const cacheSize = (root: string): number => statSync(path.join(root, '.baoku-cache', 'posts.v8')).size;

    it('adds the changed posts to the cache file instead of writing it anew, and serves them', () => {
      const { root, files } = cachedTenPosts();
      const before = readFileSync(path.join(root, '.baoku-cache', 'posts.v8'));

      writeFileSync(files[3]!.absolutePath, '第3篇，改过');
      utimesSync(files[3]!.absolutePath, new Date(), new Date(Date.now() + 5000));
      const second = openPostCache(root, settings);
      for (const file of files) if (!second.lookup(file)) second.store(file, result('改过的第3篇'));
      second.save(files);

      const after = readFileSync(path.join(root, '.baoku-cache', 'posts.v8'));
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      expect(after.length - before.length).toBeLessThan(before.length / 4);
      const third = openPostCache(root, settings);
      expect(files.map((file) => third.lookup(file)?.title)).toEqual(files.map((_, i) => (i === 3 ? '改过的第3篇' : `第${i}篇`)));
    });

    it('never adds its entries to a cache another build has written since, with other settings', () => {
      const { root, files } = cachedTenPosts();
      const other = { ...settings, baseurl: '/archive' };
      writeFileSync(files[3]!.absolutePath, '第3篇，改过');
      utimesSync(files[3]!.absolutePath, new Date(), new Date(Date.now() + 5000));
      const mine = openPostCache(root, settings);
      expect(files.filter((file) => !mine.lookup(file))).toEqual([files[3]]);
      // Meanwhile a build with another baseurl writes the cache anew.
      const theirs = openPostCache(root, other);
      for (const [i, file] of files.entries()) theirs.store(file, result(`/archive 第${i}篇`));
      theirs.save(files);
      mine.store(files[3]!, result('改过的第3篇'));
      mine.save(files);
      // Their settings are not served what this build read with its own.
      expect(openPostCache(root, other).lookup(files[3]!)?.title).not.toBe('改过的第3篇');
      expect(openPostCache(root, settings).lookup(files[3]!)?.title).toBe('改过的第3篇');
    });

    it('serves no post that a later build no longer had', () => {
      const { root, files } = cachedTenPosts();
      const sizeBefore = cacheSize(root);
      openPostCache(root, settings).save(files.slice(1));
      expect(cacheSize(root)).toBeGreaterThan(sizeBefore);
      expect(openPostCache(root, settings).lookup(files[0]!)).toBeUndefined();
      expect(openPostCache(root, settings).lookup(files[1]!)?.title).toBe('第1篇');
    });

    describe('reused by the builds of one process (build --watch)', () => {
      it('serves each next build from memory, and keeps the file as a fresh process would read it', () => {
        const { root, files } = cachedTenPosts();
        const cache = openPostCache(root, settings, { reuse: true });
        for (const file of files) cache.lookup(file);
        cache.save(files);
        for (let round = 1; round <= 2; round++) {
          writeFileSync(files[3]!.absolutePath, `第3篇，第${round}次改`);
          utimesSync(files[3]!.absolutePath, new Date(), new Date(Date.now() + 5000 * round));
          expect(files.filter((file) => !cache.lookup(file))).toEqual([files[3]]);
          cache.store(files[3]!, result(`第3篇，第${round}次改`));
          cache.save(files);
          expect(openPostCache(root, settings).lookup(files[3]!)?.title).toBe(`第3篇，第${round}次改`);
        }
        // The next build, from memory: the last edit is served.
        expect(cache.lookup(files[3]!)?.title).toBe('第3篇，第2次改');
        expect(openPostCache(root, settings).lookup(files[4]!)?.title).toBe('第4篇');
      });

      it('appends each build’s changes onto the file its last save left', () => {
        const { root, files } = cachedTenPosts();
        const cache = openPostCache(root, settings, { reuse: true });
        const before = readFileSync(path.join(root, '.baoku-cache', 'posts.v8'));
        for (let round = 1; round <= 2; round++) {
          for (const file of files) cache.lookup(file);
          cache.store(files[round]!, result(`第${round}篇，改过`));
          cache.save(files);
        }
        // Both saves appended a frame: the file begins as the first build wrote it.
        const after = readFileSync(path.join(root, '.baoku-cache', 'posts.v8'));
        expect(after.subarray(0, before.length).equals(before)).toBe(true);
        expect(after.length - before.length).toBeLessThan(before.length / 2);
        expect(openPostCache(root, settings).lookup(files[1]!)?.title).toBe('第1篇，改过');
        expect(openPostCache(root, settings).lookup(files[2]!)?.title).toBe('第2篇，改过');
      });
    });

    it('writes the file anew once what later builds replaced outweighs a quarter of it', () => {
      const { root, files } = cachedTenPosts();
      const fresh = cacheSize(root);
      const sizes: number[] = [];
      for (let round = 1; round <= 4; round++) {
        const cache = openPostCache(root, settings);
        for (const file of files) cache.lookup(file);
        cache.store(files[0]!, result(`第0篇，第${round}次改`));
        cache.save(files);
        sizes.push(cacheSize(root));
      }
      // Two appended frames (2 of 10 posts replaced), then the third replacement is one too many.
      expect(sizes[0]).toBeGreaterThan(fresh);
      expect(sizes[1]).toBeGreaterThan(sizes[0]!);
      expect(sizes[2]).toBeLessThan(sizes[1]!);
      expect(openPostCache(root, settings).lookup(files[0]!)?.title).toBe('第0篇，第4次改');
    });
  });
});

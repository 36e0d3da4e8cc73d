import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostSettings } from '../parallel/post-settings.js';
import type { ProcessedPost } from '../parallel/process-post.js';
import { openPostCache } from './post-cache.js';

const settings: PostSettings = { timezone: 'Asia/Shanghai', legacyHosts: [], baseurl: '', slugify: 'unicode', disabledTransforms: [] };
const result = (title: string): ProcessedPost => ({ post: null, article: null, title, digest: '', problems: [] });

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

  it('ignores a cache cut short, keeping none of its posts', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    const cacheFile = path.join(root, '.baoku-cache', 'posts.v8');
    const bytes = readFileSync(cacheFile);
    writeFileSync(cacheFile, bytes.subarray(0, bytes.length - 3));
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

  it('keeps only the posts of the latest build', () => {
    const { root, file } = siteWithPost('正文');
    const first = openPostCache(root, settings);
    first.store(file, result('一'));
    first.save([file]);
    openPostCache(root, settings).save([]);
    expect(openPostCache(root, settings).lookup(file)).toBeUndefined();
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledTemplates } from '../package-files.js';
import type { PostSettings } from './post-settings.js';
import { createThreadPool } from './thread-pool.js';

const postSettings: PostSettings = { timezone: 'Asia/Shanghai', legacyHosts: [], baseurl: '', slugify: 'unicode', disabledTransforms: [] };
const templateSettings = { siteTemplates: bundledTemplates, baseurl: '', url: '', title: '报库', description: '', lang: 'zh-CN', generation: 'thread-pool-test' };

const restores: Array<() => void> = [];
const roots: string[] = [];
function setEnv(name: string, value: string): void {
  const previous = process.env[name];
  process.env[name] = value;
  restores.push(() => {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  });
}
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Post files in a folder of their own, titled 第0篇, 第1篇, …. */
function postFiles(count: number): Array<{ absolutePath: string; sourcePath: string; draft: boolean }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'baoku-pool-'));
  roots.push(root);
  mkdirSync(path.join(root, 'posts'));
  return Array.from({ length: count }, (_, i) => {
    const absolutePath = path.join(root, 'posts', `2022-03-01-p${i}.md`);
    writeFileSync(absolutePath, `---\nlayout: post\ntitle: 第${i}篇\ndate: 2022-03-01 08:00:00 +0800\ncategories: jingji\n---\n<p>第${i}篇的正文。</p>\n`);
    return { absolutePath, sourcePath: `posts/2022-03-01-p${i}.md`, draft: false };
  });
}

describe('posts read on threads', () => {
  it('come back in order, each batch’s bytes handed over during the call only and freed after it', async () => {
    setEnv('BAOKU_THREADS', '2');
    setEnv('BAOKU_THREADS_FROM', '1');
    const files = postFiles(130);
    const pool = createThreadPool(postSettings, templateSettings);
    const handed: Uint8Array[] = [];
    try {
      const results = await pool.processPosts(files, (batch, batchResults, data) => {
        expect(data?.byteLength).toBeGreaterThan(0);
        expect(batchResults).toHaveLength(batch.length);
        handed.push(data!);
      });
      expect(results.map((result) => result.title)).toEqual(files.map((_, i) => `第${i}篇`));
    } finally {
      await pool.close();
    }
    // 130 posts, 64 a batch.
    expect(handed).toHaveLength(3);
    expect(handed.map((data) => data.byteLength)).toEqual([0, 0, 0]);
  }, 30_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostFile } from '../content/find-posts.js';
import { builtWorker } from '../package-files.js';
import { SlowReadersNeeded } from '../transform/slow-path.js';
import type { PostSettings } from './post-settings.js';
import { createPostProcessor, processPostFiles, type ProcessedPost } from './process-post.js';

const settings: PostSettings = { timezone: 'Asia/Shanghai', legacyHosts: [], baseurl: '', slugify: 'unicode', permalink: 'date', disabledTransforms: [] };

let roots: string[] = [];
function postFiles(posts: Record<string, string>): PostFile[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'baoku-process-'));
  roots.push(root);
  return Object.entries(posts).map(([name, text]) => {
    writeFileSync(path.join(root, name), text);
    return { absolutePath: path.join(root, name), sourcePath: `posts/${name}`, draft: false };
  });
}
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

const plainHead = '---\nlayout: post\ntitle: 平常的一篇\ndate: 2022-02-25 09:55:40 +0800\ncategories: mindongribao\n---\n';
const plain = `${plainHead}<p>春风送暖，万物复苏。</p>\n`;

describe('reading post files', () => {
  it('reads a post again once the readers it needed are loaded, and the others once', async () => {
    const files = postFiles({ 'a.md': plain, 'b.md': plain });
    const calls: string[] = [];
    let loaded = false;
    const run = (file: PostFile): ProcessedPost => {
      calls.push(file.sourcePath);
      if (file.sourcePath === 'posts/b.md' && !loaded) {
        loaded = true;
        throw new SlowReadersNeeded();
      }
      return createPostProcessor(settings)(file);
    };
    const results = await processPostFiles(run, files);
    expect(calls).toEqual(['posts/a.md', 'posts/b.md', 'posts/b.md']);
    expect(results.map((r) => r.post?.sourcePath)).toEqual(['posts/a.md', 'posts/b.md']);
  });

  // Each in a fresh process, where the readers are not loaded yet: each post needs exactly one of
  // them first, so that each place that may need them is reached unloaded.
  const needing = {
    'the YAML parser': { 'a.md': '---\nlayout: post\ntitle: 列表\ndate: 2022-02-25 09:55:40 +0800\ncategories: [mindongribao, xinwen]\n---\n<p>春风送暖。</p>\n' },
    micromark: { 'b.md': `${plainHead}| 项目 | 数量 |\n|---|---|\n| 茶园 | 12 |\n` },
    parse5: { 'c.html': `${plainHead}<table><tr><td>表格<td>未闭合</table>\n` },
  };
  for (const [reader, posts] of Object.entries(needing)) {
    it(`on a fresh thread of the built bundle, reads a post that needs ${reader} as this thread does`, async () => {
      const files = postFiles({ 'plain.md': plain, ...posts });
      const here = await processPostFiles(createPostProcessor(settings), files);
      expect(here.every((result) => result.post && result.problems.length === 0)).toBe(true);
      expect(freshWorkerReads(files)).toEqual(JSON.parse(JSON.stringify(here)));
    });
  }
});

/** What the built worker's task returns for these files, run in a process of its own. */
function freshWorkerReads(files: readonly PostFile[]): unknown {
  const script = `const { default: runTask } = await import(${JSON.stringify(`file://${builtWorker('parallel/worker')}`)});
    const results = await runTask({ kind: 'posts', settings: ${JSON.stringify(settings)}, files: ${JSON.stringify(files)} });
    process.stdout.write(JSON.stringify(results));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

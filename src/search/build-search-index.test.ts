import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchBuiltSite } from '../test-support/search-built-site.js';
import { createDiskTarget } from '../output/disk-target.js';
import { buildSearchIndex, type SearchPage } from './build-search-index.js';

interface WrittenPage extends SearchPage {
  readonly html: string;
}

/** A post page as the default theme renders it, reduced to what Pagefind looks at. */
function postPage(url: string, year: number, title: string, body: string): WrittenPage {
  const html = [
    '<!doctype html><html lang="zh-CN"><head><title>x</title></head><body>',
    '<nav><a href="/">首页</a> 导航栏目</nav>',
    `<article class="post" data-pagefind-body data-pagefind-meta="date:${year}-03-01">`,
    `<h1 data-pagefind-meta="title">${title}</h1>`,
    `<div class="article-body"><p>${body}</p></div>`,
    '</article></body></html>',
  ].join('\n');
  const time = Date.UTC(year, 2, 1) + url.charCodeAt(url.length - 6);
  return { outputPath: url.replace(/^\/(?:archive\/)?/, ''), url, time, year, chars: body.length, html };
}

const pages = [
  postPage('/news/2023/a.html', 2023, '港口新航线开通', '今年以来，港口新开通三条国际航线，货物吞吐量稳步增长。'),
  postPage('/news/2023/b.html', 2023, '乡村振兴见成效', '村里发展特色种植，农民收入持续提高，乡村面貌焕然一新。'),
  postPage('/news/2022/c.html', 2022, '广聚英才强动能', '全市出台引进人才新政，为高层次人才提供住房和科研经费支持。'),
  postPage('/news/2022/d.html', 2022, '城区道路改造完工', '城区主干道改造工程全面完工，市民出行更加便利。'),
];

/** One shard per year for these four posts. */
const yearBudget = { maxPosts: 2, maxChars: 1_000_000 };

describe('buildSearchIndex', () => {
  let root: string;
  let out: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'baoku-search-'));
    out = path.join(root, '_site');
    mkdirSync(out);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Writes the pages as the build would have, then indexes them. */
  async function indexInto(input: readonly WrittenPage[], options: Partial<Parameters<typeof buildSearchIndex>[2]> = {}) {
    const target = await createDiskTarget(out);
    for (const page of input) await target.write(page.outputPath, page.html);
    return buildSearchIndex(input, (file, content) => target.write(file, content), { root: out, baseurl: '', lang: 'zh-CN', budget: yearBudget, ...options });
  }

  it('writes a bundle per shard (here, per year) and lists them newest first in pagefind/shards.json', async () => {
    const result = await indexInto(pages);
    expect(result.errors).toEqual([]);
    expect(result.shards.map((s) => [s.name, s.url, s.posts])).toEqual([
      ['2023', '/pagefind/2023/', 2],
      ['2022', '/pagefind/2022/', 2],
    ]);
    expect(result.indexed).toBe(4);
    expect(JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8'))).toEqual({ version: 1, bundles: ['/pagefind/2023/', '/pagefind/2022/'], posts: 4 });
    expect(readdirSync(path.join(out, 'pagefind')).sort()).toEqual(['2022', '2023', 'shards.json']);
  });

  it('puts Pagefind’s scripts in the first bundle only: merged bundles are searched with them', async () => {
    await indexInto(pages);
    expect(existsSync(path.join(out, 'pagefind/2023/pagefind.js'))).toBe(true);
    expect(existsSync(path.join(out, 'pagefind/2023/pagefind-entry.json'))).toBe(true);
    const merged = readdirSync(path.join(out, 'pagefind/2022'));
    expect(merged).toContain('pagefind-entry.json');
    expect(merged.filter((name) => name.endsWith('.js') || name.startsWith('wasm.'))).toEqual([]);
  });

  it('writes only inside the output folder, and reports every file it wrote', async () => {
    const cwdBefore = readdirSync(process.cwd()).sort();
    const result = await indexInto(pages);
    expect(readdirSync(root)).toEqual(['_site']);
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    const onDisk = (readdirSync(out, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((file) => !pages.some((page) => page.outputPath === file))
      .sort();
    expect([...result.files].sort()).toEqual(onDisk);
    expect(result.written).toBe(onDisk.length);
  });

  it('writes nothing new when the posts have not changed', async () => {
    await indexInto(pages);
    const again = await indexInto(pages);
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(again.files.length);
  });

  describe('given the last build’s record', () => {
    const edited = pages.map((page) => (page.url === '/news/2022/d.html' ? { ...page, html: page.html.replace('市民出行更加便利', '市民出行更加便利，公交线路也已恢复') } : page));
    /** Every file under pagefind/, with its bytes. */
    const indexFiles = (folder: string): Map<string, string> =>
      new Map(
        readdirSync(path.join(folder, 'pagefind'), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const file = path.join(entry.parentPath, entry.name);
            return [path.relative(folder, file), readFileSync(file).toString('base64')];
          }),
      );

    it('indexes again only the shard whose page changed, writing what a full index writes', async () => {
      const first = await indexInto(pages);
      const second = await indexInto(edited, { previous: first.record });
      expect(second.errors).toEqual([]);
      expect(second.shardsIndexed).toBe(1);
      expect((await searchBuiltSite(out, '公交')).map((p) => p.url)).toEqual(['/news/2022/d.html']);
      expect((await searchBuiltSite(out, '航线')).map((p) => p.url)).toEqual(['/news/2023/a.html']);
      // The re-indexed shard's old files are still there until the build's sweep: only those listed count.
      const listed = new Set(second.files);
      const kept = new Map([...indexFiles(out)].filter(([file]) => listed.has(file.split(path.sep).join('/'))));
      rmSync(out, { recursive: true });
      mkdirSync(out);
      const full = await indexInto(edited);
      expect(full.shardsIndexed).toBe(2);
      expect(kept).toEqual(indexFiles(out));
      expect([...second.files].sort()).toEqual([...full.files].sort());
    });

    it('keeps every shard and Pagefind’s scripts when no page changed', async () => {
      const first = await indexInto(pages);
      const second = await indexInto(pages, { previous: first.record });
      expect(second.shardsIndexed).toBe(0);
      expect(second.written).toBe(0);
      expect([...second.files].sort()).toEqual([...first.files].sort());
      expect(second.shards.map((s) => [s.name, s.posts])).toEqual([['2023', 2], ['2022', 2]]);
      expect((await searchBuiltSite(out, '人才')).map((p) => p.url)).toEqual(['/news/2022/c.html']);
    });

    it('indexes a shard again when a file of its bundle is gone', async () => {
      const first = await indexInto(pages);
      rmSync(path.join(out, 'pagefind/2022/pagefind-entry.json'));
      const second = await indexInto(pages, { previous: first.record });
      expect(second.shardsIndexed).toBe(1);
      expect(existsSync(path.join(out, 'pagefind/2022/pagefind-entry.json'))).toBe(true);
    });

    it('indexes every shard again for another language, baseurl or Pagefind version', async () => {
      const first = await indexInto(pages);
      expect((await indexInto(pages, { previous: first.record, lang: 'en' })).shardsIndexed).toBe(2);
      expect((await indexInto(pages, { previous: { ...first.record, key: '["zh","","0.0.1"]' } })).shardsIndexed).toBe(2);
    });
  });

  it('finds 人才 in the post that has it, and a word of each year across the merged bundles', async () => {
    await indexInto(pages);
    expect((await searchBuiltSite(out, '人才')).map((p) => [p.url, p.title])).toEqual([['/news/2022/c.html', '广聚英才强动能']]);
    expect((await searchBuiltSite(out, '航线')).map((p) => p.url)).toEqual(['/news/2023/a.html']);
    // Outside data-pagefind-body: not indexed.
    expect(await searchBuiltSite(out, '导航')).toEqual([]);
  });

  it('links results under the baseurl, once', async () => {
    const under = pages.map((page) => ({ ...page, url: `/archive${page.url}` }));
    const result = await indexInto(under, { baseurl: '/archive' });
    expect(result.shards.map((s) => s.url)).toEqual(['/archive/pagefind/2023/', '/archive/pagefind/2022/']);
    expect((await searchBuiltSite(out, '人才', '/archive')).map((p) => p.url)).toEqual(['/archive/news/2022/c.html']);
  });

  it('indexes shards side by side in worker threads with the same result', async () => {
    const result = await indexInto(pages, { concurrency: 2 });
    expect(result.errors).toEqual([]);
    expect(result.shards.map((s) => s.name)).toEqual(['2023', '2022']);
    expect((await searchBuiltSite(out, '人才')).map((p) => p.url)).toEqual(['/news/2022/c.html']);
  });

  it('leaves out a page without data-pagefind-body, which Pagefind would index whole, and a shard left with no page', async () => {
    const bare: WrittenPage = { ...postPage('/news/2024/e.html', 2024, '人才', '人才'), html: '<html lang="zh-CN"><body><nav>人才导航</nav><p>人才</p></body></html>' };
    const result = await indexInto([bare, ...pages]);
    expect(result.skipped).toEqual(['/news/2024/e.html']);
    expect(result.indexed).toBe(4);
    // A bundle without pages has no index to merge: 2024's shard is not written, and the scripts go to 2023's.
    expect(result.shards.map((s) => s.name)).toEqual(['2023', '2022']);
    expect(existsSync(path.join(out, 'pagefind/2024'))).toBe(false);
    expect(existsSync(path.join(out, 'pagefind/2023/pagefind.js'))).toBe(true);
    expect((await searchBuiltSite(out, '人才')).map((p) => p.url)).toEqual(['/news/2022/c.html']);
  });

  it('writes an empty list for a site without posts', async () => {
    const result = await indexInto([]);
    expect(result.shards).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')).bundles).toEqual([]);
  });

  it('reports a Pagefind that cannot start, and lists no bundle that would point at nothing', async () => {
    const saved = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    process.env.PAGEFIND_EXTENDED_BINARY_PATH = path.join(root, 'no-such-pagefind');
    try {
      const result = await indexInto(pages);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors[0]).toMatch(/^shard 20\d\d: indexing failed: /);
      expect(result.shards).toEqual([]);
      expect(JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')).bundles).toEqual([]);
      expect(readdirSync(path.join(out, 'pagefind'))).toEqual(['shards.json']);
    } finally {
      if (saved === undefined) delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
      else process.env.PAGEFIND_EXTENDED_BINARY_PATH = saved;
    }
  });
});

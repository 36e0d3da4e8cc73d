import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { searchBuiltSite } from '../src/test-support/search-built-site.js';
import { createFixtureSite, newsPost, projectRoot, seedShapedBody, type FixtureSite } from './support/fixture-site.js';

const talentPost = '/mindongribao/emnews/2022/06/09/NW202206092401357720.html';

describe('full-text search of the bundled sample site', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'baoku-seed-'));
    const result = await build({ source: projectRoot, destination: out, now: new Date('2026-01-01T00:00:00Z') });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('finds the seed post when searching 人才', async () => {
    const found = await searchBuiltSite(out, '人才');
    expect(found.map((p) => [p.url, p.title])).toEqual([[talentPost, '古村焕新颜 文创引客来']]);
    expect(found[0]!.excerpt).toContain('<mark>人才</mark>');
  });

  it('indexes post pages only: a word every list page shows finds posts, never a list', async () => {
    // Every page carries these words outside its article (the site's description and the skip
    // link); no post's text has them.
    for (const word of ['存档', '跳到正文']) expect(await searchBuiltSite(out, word)).toEqual([]);
    const found = await searchBuiltSite(out, '闽东');
    expect(found.length).toBeGreaterThan(0);
    for (const page of found) expect(page.url).toMatch(/^\/(?:mindongribao|emnews|sitenews)\/.*\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/);
  });

  it('writes a search page and a 404 page that link to it', () => {
    const search = readFileSync(path.join(out, 'search.html'), 'utf8');
    expect(search).toContain('data-shards="/pagefind/shards.json"');
    expect(search).toMatch(/<form class="search-form" action="\/search\.html" role="search">/);
    const notFound = readFileSync(path.join(out, '404.html'), 'utf8');
    expect(notFound).toContain('<a href="/">返回首页</a>');
    expect(notFound).toContain('<a href="/search.html">搜索文章</a>');
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<li class="nav-search"><a href="/search.html">搜索</a></li>');
  });
});

describe('turning search off', () => {
  let site: FixtureSite;
  beforeAll(() => {
    site = createFixtureSite({
      'posts/2022-03-01-HG2022030100001.md': newsPost({ title: '海港新城建设热潮涌动', date: '2022-03-01 09:55:40 +0800', categories: 'haigangribao', body: seedShapedBody }),
    });
  });
  afterAll(() => site.remove());

  it('writes no pagefind/ folder and no search page with --no-search, and removes those of an earlier build', async () => {
    const first = await site.cli(['build']);
    expect(first.code).toBe(0);
    expect(site.exists('pagefind/shards.json')).toBe(true);
    expect(site.exists('search.html')).toBe(true);
    const off = await site.cli(['build', '--no-search']);
    expect(off.code).toBe(0);
    expect(existsSync(path.join(site.out, 'pagefind'))).toBe(false);
    expect(site.exists('search.html')).toBe(false);
    expect(site.read('index.html')).not.toContain('search.html');
    expect(site.read('404.html')).not.toContain('search.html');
  });

  it('writes none with search: false in _config.yml, and an absent --no-search does not turn it back on', async () => {
    site.write('_config.yml', 'search: false\n');
    try {
      expect((await site.cli(['build'])).code).toBe(0);
      expect(existsSync(path.join(site.out, 'pagefind'))).toBe(false);
      expect(site.exists('search.html')).toBe(false);
    } finally {
      site.write('_config.yml', '');
    }
  });

  it('refuses a search setting that is not true or false', async () => {
    site.write('_config.yml', 'search: maybe\n');
    try {
      const result = await site.cli(['build']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('_config.yml:1: search must be true or false, not "maybe"');
    } finally {
      site.write('_config.yml', '');
    }
  });

  it('lists --no-search in baoku build --help', async () => {
    const help = await site.cli(['build', '--help']);
    expect(help.stdout).toMatch(/--no-search\s+build no search index/);
  });
});

describe('a layout without data-pagefind-body', () => {
  it('is left out of the index with a warning, instead of having its navigation indexed', async () => {
    const site = createFixtureSite({
      'templates/plain.njk': '<html><body><nav>导航人才</nav><main>{{ post.content | safe }}</main></body></html>',
      'posts/2022-03-01-a.md': newsPost({ title: '引进人才', date: '2022-03-01 09:00:00 +0800', extra: 'layout: plain', body: '<p>人才工作会议召开。</p>' }),
      'posts/2022-03-02-b.md': newsPost({ title: '人才公寓交付', date: '2022-03-02 09:00:00 +0800', body: '<p>首批人才公寓交付使用。</p>' }),
    });
    try {
      const result = await site.build();
      expect(result.problems.map((p) => `${p.file} ${p.rule}`)).toContain('templates/plain.njk search/body');
      expect((await searchBuiltSite(site.out, '人才')).map((p) => p.title)).toEqual(['人才公寓交付']);
    } finally {
      site.remove();
    }
  });
});

describe('a build after a post is edited', () => {
  it('finds the edited post by its new words and the others as before, keeping a record of the index for the next build', async () => {
    // One shard per post: the edit changes one shard, which alone is indexed again.
    const budget = { maxPosts: 1, maxChars: 1_000_000 };
    const site = createFixtureSite({
      'posts/2021-03-01-a.md': newsPost({ title: '港口新航线开通', date: '2021-03-01 09:00:00 +0800', body: '<p>港口新开通三条国际航线。</p>' }),
      'posts/2022-03-02-b.md': newsPost({ title: '城区道路改造完工', date: '2022-03-02 09:00:00 +0800', body: '<p>城区主干道改造工程全面完工。</p>' }),
    });
    try {
      await site.build({ searchShardBudget: budget });
      expect(existsSync(path.join(site.root, '.baoku-cache/search.json'))).toBe(true);
      site.write('posts/2022-03-02-b.md', newsPost({ title: '城区道路改造完工', date: '2022-03-02 09:00:00 +0800', body: '<p>城区主干道改造工程全面完工，公交线路恢复。</p>' }));
      const later = new Date(Date.now() + 10_000);
      utimesSync(path.join(site.root, 'posts/2022-03-02-b.md'), later, later);
      const result = await site.build({ searchShardBudget: budget });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect((await searchBuiltSite(site.out, '公交')).map((p) => p.title)).toEqual(['城区道路改造完工']);
      expect((await searchBuiltSite(site.out, '航线')).map((p) => p.title)).toEqual(['港口新航线开通']);
      expect(JSON.parse(readFileSync(path.join(site.out, 'pagefind/shards.json'), 'utf8')).bundles).toEqual(['/pagefind/2022/', '/pagefind/2021/']);
    } finally {
      site.remove();
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderBuilds } from '../src/dev/folder-builds.js';
import { createMemoryBuilds } from '../src/dev/memory-builds.js';
import type { SiteChange } from '../src/dev/watch-site.js';
import { fixtureSites, newsPost, seedShapedBody, type FixtureSite } from './support/fixture-site.js';
import { listFiles } from './support/file-tree.js';

const makeSite = fixtureSites();
const now = new Date('2026-01-01T00:00:00Z');

const categories = ['haigangribao', 'shanchengwanbao', 'jiangnanshibao'];

/**
 * 24 posts over three categories, two years and several months; lists of 3 per page.
 * @param config more lines for `_config.yml`
 */
function archiveFiles(config = ''): Record<string, string> {
  const files: Record<string, string> = {
    '_config.yml': `title: 海港档案\nurl: https://news.example.com\npaginate: 3\nsearch: false\n${config}`,
  };
  for (let i = 0; i < 24; i++) {
    const month = String((i % 6) + 1).padStart(2, '0');
    const year = i < 12 ? 2021 : 2022;
    const day = String((i % 27) + 1).padStart(2, '0');
    files[`posts/${year}-${month}-${day}-nw${i}.md`] = newsPost({
      title: `第${i}篇：港区新闻`,
      date: `${year}-${month}-${day} 09:${String(i).padStart(2, '0')}:00 +0800`,
      categories: categories[i % 3],
      tags: i % 2 ? '港口新闻' : '城市新闻',
      body: seedShapedBody.replace('春风送暖', `第${i}篇，春风送暖`),
    });
  }
  return files;
}

/** Writes a file and moves its time on, so the post cache cannot mistake it for the old one. */
function edit(site: FixtureSite, relativePath: string, content: string): void {
  site.write(relativePath, content);
  const later = new Date(Date.now() + 10_000);
  utimesSync(path.join(site.root, relativePath), later, later);
}

function postText(site: FixtureSite, relativePath: string): string {
  return readFileSync(path.join(site.root, relativePath), 'utf8');
}

const edits: readonly { readonly name: string; apply(site: FixtureSite): void }[] = [
  { name: 'a post’s body is edited', apply: (site) => edit(site, 'posts/2022-01-13-nw12.md', postText(site, 'posts/2022-01-13-nw12.md').replace('海港新城', '海港老城')) },
  { name: 'a post’s title is edited', apply: (site) => edit(site, 'posts/2022-01-13-nw12.md', postText(site, 'posts/2022-01-13-nw12.md').replace('第12篇', '第十二篇')) },
  { name: 'a post moves to another date', apply: (site) => edit(site, 'posts/2022-01-13-nw12.md', postText(site, 'posts/2022-01-13-nw12.md').replace('2022-01-13 09:12', '2021-05-02 09:12')) },
  { name: 'a post moves to another category', apply: (site) => edit(site, 'posts/2022-01-13-nw12.md', postText(site, 'posts/2022-01-13-nw12.md').replace('categories: haigangribao', 'categories: shanchengwanbao')) },
  {
    name: 'a post is added',
    apply: (site) => edit(site, 'posts/2022-06-30-new.md', newsPost({ title: '新来的一篇', date: '2022-06-30 08:00:00 +0800', categories: 'haigangribao', tags: '港口新闻', body: seedShapedBody })),
  },
  {
    // Only a count changes on the home page (the categories keep their order): its category index must show it.
    name: 'a post is added before all the others',
    apply: (site) => edit(site, 'posts/2020-01-01-old.md', newsPost({ title: '最早的一篇', date: '2020-01-01 08:00:00 +0800', categories: 'haigangribao', tags: '城市新闻', body: seedShapedBody })),
  },
  { name: 'a post is deleted', apply: (site) => unlinkSync(path.join(site.root, 'posts/2022-01-13-nw12.md')) },
  { name: 'a post file is renamed', apply: (site) => renameSync(path.join(site.root, 'posts/2022-01-13-nw12.md'), path.join(site.root, 'posts/2022-01-13-renamed.md')) },
  { name: 'a layout is added', apply: (site) => edit(site, 'templates/post.njk', '{% extends "base.njk" %}{% block content %}<!-- 新版式 --><article data-pagefind-body><h1>{{ post.title }}</h1>{{ post.content | safe }}</article>{% endblock %}') },
  { name: 'a public file is added', apply: (site) => edit(site, 'public/extra.css', 'body { color: #333 }') },
  // How posts are read changes, and nothing the site view shows: the posts' pages must follow.
  { name: 'the old hosts to rewrite change', apply: (site) => edit(site, '_config.yml', 'title: 海港档案\nurl: https://news.example.com\npaginate: 3\nsearch: false\nlegacy_hosts: old.example.com\n') },
  { name: 'the time zone changes', apply: (site) => edit(site, '_config.yml', 'title: 海港档案\nurl: https://news.example.com\npaginate: 3\nsearch: false\ntimezone: Asia/Tokyo\n') },
  { name: 'the config changes', apply: (site) => edit(site, '_config.yml', 'title: 海港档案馆\nurl: https://news.example.com\npaginate: 4\nsearch: false\n') },
  // Each post's place is worked out as it is read, and kept with it: every post must move.
  { name: 'the permalink pattern changes', apply: (site) => edit(site, '_config.yml', 'title: 海港档案\nurl: https://news.example.com\npaginate: 3\nsearch: false\npermalink: /:year/:month/:title.html\n') },
];

const editNamed = (name: string): (typeof edits)[number] => edits.find((change) => change.name === name)!;

/** The site built from nothing, without any cache, into a fresh folder: its files' bytes by path. */
async function fullBuild(site: FixtureSite): Promise<Map<string, Buffer>> {
  const cache = path.join(site.root, '.baoku-cache');
  const aside = mkdtempSync(path.join(os.tmpdir(), 'baoku-cache-aside-'));
  const out = path.join(aside, 'out');
  try {
    if (existsSync(cache)) renameSync(cache, path.join(aside, 'cache'));
    const result = await site.build({ destination: out });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    rmSync(cache, { recursive: true, force: true });
    if (existsSync(path.join(aside, 'cache'))) renameSync(path.join(aside, 'cache'), cache);
    return filesOf(out);
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
}

function filesOf(folder: string): Map<string, Buffer> {
  return new Map(listFiles(folder).map((file) => [file, readFileSync(path.join(folder, file))]));
}

/** Equal as file sets with equal bytes; on a difference, names the first file that differs. */
function expectSameFiles(actual: ReadonlyMap<string, Uint8Array>, expected: ReadonlyMap<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(Buffer.from(actual.get(file)!).toString('utf8'), file).toBe(bytes.toString('utf8'));
}

/** Lists numbered from the newest, as usual, and from the oldest. */
const paginations = [
  { name: '', config: '' },
  { name: ' (paginate_stable)', config: 'paginate_stable: true\n' },
];

describe('an incremental build gives the same bytes as a full one', () => {
  for (const change of edits) {
    for (const pagination of paginations) {
      it(`on disk, when ${change.name}${pagination.name}`, async () => {
        const site = makeSite(archiveFiles(pagination.config));
        await site.build();
        change.apply(site);
        const incremental = await site.build();
        expect(incremental.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expectSameFiles(filesOf(site.out), await fullBuild(site));
      });
    }

    it(`on disk, when ${change.name}, before paginate_stable is switched on`, async () => {
      const site = makeSite(archiveFiles());
      await site.build();
      change.apply(site);
      site.write('_config.yml', `${postText(site, '_config.yml')}paginate_stable: true\n`);
      const incremental = await site.build();
      expect(incremental.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expectSameFiles(filesOf(site.out), await fullBuild(site));
    });

    it(`on disk under build --watch, when ${change.name}`, async () => {
      const site = makeSite(archiveFiles());
      const builds = createFolderBuilds({ source: site.root, destination: site.out, now });
      await builds.rebuild();
      change.apply(site);
      const rebuilt = await builds.rebuild();
      expect(rebuilt.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expectSameFiles(filesOf(site.out), await fullBuild(site));
    });

    it(`in the dev server’s memory, when ${change.name}`, async () => {
      const site = makeSite(archiveFiles());
      const builds = createMemoryBuilds({ source: site.root, configFile: path.join(site.root, '_config.yml'), configPath: '_config.yml', now });
      await builds.rebuild();
      change.apply(site);
      await builds.rebuild();
      expectSameFiles(builds.served(), await fullBuild(site));
    });
  }
});

describe('a page showing a count', () => {
  /** Two categories; two posts a page, so a post added before all the others leaves the front pages' posts as they were. */
  const countedSite = (): Record<string, string> => ({
    '_config.yml': 'title: 海港档案\nurl: https://news.example.com\npaginate: 2\nsearch: false\n',
    // A theme of the site's own that prints its category's count on every post page.
    'templates/post.njk': '{% extends "base.njk" %}{% block content %}<article data-pagefind-body><h1>{{ post.title }}</h1><p class="count">{{ post.category.name }} {{ post.category.count }} 篇</p></article>{% endblock %}',
    'posts/2022-03-01-a1.md': newsPost({ title: '甲一', date: '2022-03-01 08:00:00 +0800', categories: 'jia', body: '<p>甲一。</p>' }),
    'posts/2022-03-02-a2.md': newsPost({ title: '甲二', date: '2022-03-02 08:00:00 +0800', categories: 'jia', body: '<p>甲二。</p>' }),
    'posts/2022-03-03-a3.md': newsPost({ title: '甲三', date: '2022-03-03 08:00:00 +0800', categories: 'jia', body: '<p>甲三。</p>' }),
    'posts/2021-03-01-b1.md': newsPost({ title: '乙一', date: '2021-03-01 08:00:00 +0800', categories: 'yi', body: '<p>乙一。</p>' }),
    'posts/2021-03-02-b2.md': newsPost({ title: '乙二', date: '2021-03-02 08:00:00 +0800', categories: 'yi', body: '<p>乙二。</p>' }),
  });
  const addOldest = (site: FixtureSite): void => edit(site, 'posts/2020-01-01-b0.md', newsPost({ title: '乙零', date: '2020-01-01 08:00:00 +0800', categories: 'yi', body: '<p>乙零。</p>' }));

  it('is rendered again when only that count changed, on disk and in the dev server’s memory', async () => {
    const site = makeSite(countedSite());
    const builds = createMemoryBuilds({ source: site.root, configFile: path.join(site.root, '_config.yml'), configPath: '_config.yml', now });
    await site.build();
    await builds.rebuild();
    expect(site.read('index.html')).toMatch(/yi<\/span> <span class="category-count">2 篇/);
    addOldest(site);
    await site.build();
    await builds.rebuild();
    const full = await fullBuild(site);
    expectSameFiles(filesOf(site.out), full);
    expectSameFiles(builds.served(), full);
    expect(site.read('index.html')).toMatch(/yi<\/span> <span class="category-count">3 篇/);
    expect(site.read('yi/2021/03/02/b2.html')).toContain('yi 3 篇');
  });
});

describe('builds taking edit after edit', () => {
  /**
   * Each edit is followed by a rebuild told what the watcher would have seen change: from the
   * second on, the others keep the stamps the last build took (see carryStamps).
   */
  const editAfterEdit = async (site: FixtureSite, rebuild: (changes?: readonly SiteChange[]) => Promise<unknown>, files: () => ReadonlyMap<string, Uint8Array>): Promise<void> => {
    await rebuild();
    const bodyEdit = (file: string, marker: string) => ({ apply: (s: FixtureSite) => edit(s, file, postText(s, file).replace('春风送暖', `${marker}，春风送暖`)), changed: file });
    const steps: { apply: (s: FixtureSite) => void; changed: string }[] = [
      bodyEdit('posts/2022-01-13-nw12.md', '一改'),
      bodyEdit('posts/2021-06-06-nw5.md', '二改'),
      bodyEdit('posts/2022-01-13-nw12.md', '三改'),
      { apply: editNamed('a layout is added').apply, changed: 'templates/post.njk' },
      bodyEdit('posts/2021-06-06-nw5.md', '四改'),
      { apply: editNamed('a post’s title is edited').apply, changed: 'posts/2022-01-13-nw12.md' },
      bodyEdit('posts/2022-01-13-nw12.md', '五改'),
      { apply: (s) => edit(s, 'posts/2021-06-06-nw5.md', postText(s, 'posts/2021-06-06-nw5.md').replace('layout: post', 'layout: post\nexcerpt: 手写的摘要')), changed: 'posts/2021-06-06-nw5.md' },
      { apply: editNamed('a post is added').apply, changed: 'posts/2022-06-30-new.md' },
      bodyEdit('posts/2022-06-30-new.md', '六改'),
    ];
    for (const step of steps) {
      step.apply(site);
      await rebuild([{ path: step.changed, folder: false }]);
      expectSameFiles(files(), await fullBuild(site));
    }
  };

  it('in the dev server’s memory: the same bytes as a full build after each', async () => {
    const site = makeSite(archiveFiles());
    const builds = createMemoryBuilds({ source: site.root, configFile: path.join(site.root, '_config.yml'), configPath: '_config.yml', now });
    await editAfterEdit(site, (changes) => builds.rebuild(changes), () => builds.served());
  });

  it('on disk under build --watch: the same bytes as a full build after each, and a build after them has nothing to do', async () => {
    const site = makeSite(archiveFiles());
    const builds = createFolderBuilds({ source: site.root, destination: site.out, now });
    await editAfterEdit(site, (changes) => builds.rebuild(changes), () => filesOf(site.out));
    // The watch kept .baoku-cache/ current: a build of its own, as after Ctrl-C, finds every file as it would write it.
    const after = await site.build();
    expect(after.pagesWritten).toBe(0);
    expect(after.timings.map((t) => t.step)).not.toContain('read and transform');
  });

  it('a post saved before the watcher watched is seen by the first rebuild, which carries the other stamps', async () => {
    const site = makeSite(archiveFiles());
    const onDisk = createFolderBuilds({ source: site.root, destination: site.out, now });
    const inMemory = createMemoryBuilds({ source: site.root, configFile: path.join(site.root, '_config.yml'), configPath: '_config.yml', now });
    await onDisk.rebuild();
    await inMemory.rebuild();
    // Saved after the first builds, before the watcher began: no event names it.
    edit(site, 'posts/2021-06-06-nw5.md', postText(site, 'posts/2021-06-06-nw5.md').replace('春风送暖', '未报之改，春风送暖'));
    onDisk.watching();
    inMemory.watching();
    edit(site, 'posts/2022-01-13-nw12.md', postText(site, 'posts/2022-01-13-nw12.md').replace('春风送暖', '一改，春风送暖'));
    const changes = [{ path: 'posts/2022-01-13-nw12.md', folder: false }];
    await onDisk.rebuild(changes);
    await inMemory.rebuild(changes);
    const full = await fullBuild(site);
    expectSameFiles(filesOf(site.out), full);
    expectSameFiles(inMemory.served(), full);
  });

  it('on disk under build --watch: a destination removed between edits is written whole again', async () => {
    const site = makeSite(archiveFiles());
    const builds = createFolderBuilds({ source: site.root, destination: site.out, now });
    await builds.rebuild();
    rmSync(site.out, { recursive: true });
    editNamed('a post’s body is edited').apply(site);
    await builds.rebuild();
    expectSameFiles(filesOf(site.out), await fullBuild(site));
  });
});

describe('an incremental build renders only what a change touches', () => {
  const unrelatedPost = 'jiangnanshibao/2021/06/06/nw5.html';
  const editedPost = 'haigangribao/2022/01/13/nw12.html';

  it('a body edit rewrites the post and the pages that show it, not the other posts', async () => {
    const site = makeSite(archiveFiles());
    const cold = await site.build();
    const before = statSync(path.join(site.out, unrelatedPost)).mtimeMs;
    editNamed('a post’s body is edited').apply(site);
    const warm = await site.build();
    expect(site.read(editedPost)).toContain('海港老城');
    expect(statSync(path.join(site.out, unrelatedPost)).mtimeMs).toBe(before);
    expect(warm.pagesWritten).toBeGreaterThan(0);
    expect(warm.pagesWritten).toBeLessThan(cold.pagesWritten / 4);
  });

  /** 90 posts over three categories, six tags and three years: large enough that a post's related posts are a few of them. */
  const largerArchive = (config = ''): Record<string, string> => {
    const files: Record<string, string> = { '_config.yml': `title: 海港档案\nurl: https://news.example.com\npaginate: 3\nsearch: false\n${config}` };
    const tags = ['港口新闻', '城市新闻', '民生新闻', '经济新闻', '文化新闻', '体育新闻'];
    for (let i = 0; i < 90; i++) {
      const year = 2020 + Math.floor(i / 30);
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((i % 27) + 1).padStart(2, '0');
      files[`posts/${year}-${month}-${day}-nw${i}.md`] = newsPost({
        title: `第${i}篇：港区新闻`,
        date: `${year}-${month}-${day} 09:${String(i % 60).padStart(2, '0')}:00 +0800`,
        categories: categories[i % 3],
        tags: tags[i % 6],
        body: seedShapedBody.replace('春风送暖', `第${i}篇，春风送暖`),
      });
    }
    return files;
  };
  const addPost = (site: FixtureSite, date: string): void =>
    edit(site, `posts/${date.slice(0, 10)}-new.md`, newsPost({ title: '新来的一篇', date, categories: 'haigangribao', tags: '港口新闻', body: seedShapedBody }));

  it('a post added renders its page, its neighbour, its related posts and the lists it joins, not every page though counts change', async () => {
    const site = makeSite(largerArchive());
    const cold = await site.build();
    addPost(site, '2019-12-31 08:00:00 +0800');
    const warm = await site.build();
    expect(site.read('category/haigangribao/page11.html')).toContain('新来的一篇');
    expect(site.read('category/haigangribao.html')).toContain('共 31 篇');
    expect(warm.pagesRendered).toBeLessThan(cold.pagesRendered / 4);
  });

  it('with paginate_stable, a post added renders the front and newest pages of its lists, and keeps the older ones', async () => {
    const site = makeSite(largerArchive('paginate_stable: true\n'));
    const cold = await site.build();
    const oldest = statSync(path.join(site.out, 'category/haigangribao/page1.html')).mtimeMs;
    addPost(site, '2023-01-01 08:00:00 +0800');
    const warm = await site.build();
    expect(site.read('category/haigangribao.html')).toContain('新来的一篇');
    expect(statSync(path.join(site.out, 'category/haigangribao/page1.html')).mtimeMs).toBe(oldest);
    expect(warm.pagesRendered).toBeLessThan(cold.pagesRendered / 4);
  });

  it('a template edit rewrites the pages of that template only', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    const list = statSync(path.join(site.out, 'category/haigangribao.html')).mtimeMs;
    editNamed('a layout is added').apply(site);
    await site.build();
    expect(statSync(path.join(site.out, 'category/haigangribao.html')).mtimeMs).toBe(list);
    expect(site.read(unrelatedPost)).toContain('<!-- 新版式 -->');
  });

  it('nothing changed: nothing is written', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    const warm = await site.build();
    expect(warm.pagesWritten).toBe(0);
    expect(warm.filesRemoved).toBe(0);
  });

  it('nothing changed since an incremental build: the next build reads and lays out nothing', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    editNamed('a post’s body is edited').apply(site);
    const edited = await site.build();
    expect(edited.timings.map((t) => t.step)).toContain('layout');
    const warm = await site.build();
    expect(warm.timings.map((t) => t.step)).not.toContain('layout');
    expect(warm.pagesWritten).toBe(0);
  });

  it('a file added to the output by hand is removed, as a full build would', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    site.write('_site/stray.html', '<p>不属于这个站点</p>');
    const warm = await site.build();
    expect(warm.filesRemoved).toBe(1);
    expect(site.exists('stray.html')).toBe(false);
  });

  it('a page edited in the output by hand is written again', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    const before = site.read(unrelatedPost);
    site.write(`_site/${unrelatedPost}`, `${before}<!-- 手改 -->`);
    await site.build();
    expect(site.read(unrelatedPost)).toBe(before);
  });

  it('nothing changed: the last build’s warnings are reported again', async () => {
    const site = makeSite({ ...archiveFiles(), '_config.yml': 'title: 海港档案\npaginate: 3\nsearch: false\n' });
    const cold = await site.build();
    const warm = await site.build();
    expect(warm.problems).toEqual(cold.problems);
    expect(warm.problems.map((p) => p.rule)).toContain('config/url');
  });

  it('a post dated in the future appears once its time has come', async () => {
    const site = makeSite({ ...archiveFiles(), 'posts/2026-03-01-later.md': newsPost({ title: '明天的新闻', date: '2026-03-01 08:00:00 +0800', categories: 'haigangribao', body: '<p>还没到时候。</p>' }) });
    await site.build({ now: new Date('2026-02-01T00:00:00Z') });
    expect(site.exists('haigangribao/2026/03/01/later.html')).toBe(false);
    await site.build({ now: new Date('2026-02-02T00:00:00Z') });
    expect(site.exists('haigangribao/2026/03/01/later.html')).toBe(false);
    await site.build({ now: new Date('2026-03-02T00:00:00Z') });
    expect(site.read('haigangribao/2026/03/01/later.html')).toContain('还没到时候。');
  });

  it('a build with errors is done again in full, reporting them again', async () => {
    const site = makeSite({ ...archiveFiles(), 'posts/2022-05-05-broken.md': '---\ntitle: "未闭合\n---\n正文。' });
    const first = await site.build();
    const second = await site.build();
    expect(first.problems.some((p) => p.severity === 'error')).toBe(true);
    expect(second.problems).toEqual(first.problems);
    expect(second.timings.map((t) => t.step)).toContain('layout');
  });

  it('a page deleted from the output by hand is written again', async () => {
    const site = makeSite(archiveFiles());
    await site.build();
    rmSync(path.join(site.out, unrelatedPost));
    const warm = await site.build();
    expect(warm.pagesWritten).toBe(1);
    expect(site.exists(unrelatedPost)).toBe(true);
  });
});

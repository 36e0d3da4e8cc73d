import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSites, newsPost, seedShapedBody } from './support/fixture-site.js';

const posts = {
  'posts/2022-03-01-HG2022030100001.md': newsPost({
    title: '海港新城建设热潮涌动',
    date: '2022-03-01 09:55:40 +0800',
    categories: 'haigangribao',
    tags: '海港日报新闻 城市建设',
    body: seedShapedBody,
  }),
  'posts/2022-03-02-HG2022030200002.md': newsPost({
    title: '港区新航线开通',
    date: '2022-03-02 08:00:00 +0800',
    categories: 'haigangribao',
    tags: '海港日报新闻',
    body: '<p>港区今天开通两条新航线。</p>\n\n<p><img src="https://img.example.com/ship.jpg" alt="船"></p>',
  }),
  'posts/2022-03-03-kuaixun.md': newsPost({
    title: '站务快讯',
    date: '2022-03-03 10:00:00 +0800',
    categories: 'sitenews',
    body: '<p>本站新增栏目。详见<a href="https://elsewhere.example.com/">其他网站</a>。</p>',
  }),
  // Enough posts in one category for a second list page.
  ...Object.fromEntries(
    Array.from({ length: 21 }, (_, i) => [
      `posts/2022-04-${String(i + 1).padStart(2, '0')}-item${i}.md`,
      newsPost({ title: `滚动新闻${i}`, date: `2022-04-${String(i + 1).padStart(2, '0')} 09:00:00 +0800`, categories: 'emnews', tags: '东财滚动新闻', body: `<p>第${i}条。</p>` }),
    ]),
  ),
  '_config.yml': 'title: 海港档案\nurl: https://news.example.org\n',
};

/** Fixture sites of this file, removed after each test. */
const site = fixtureSites();

describe('baoku build --check', () => {
  it('finds no broken link in the default theme at the root', async () => {
    const s = site(posts);
    const run = await s.cli(['build', '--check']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/baoku check: \d+ pages, \d+ links, 0 broken/);
    expect(run.code).toBe(0);
  });

  it('finds no broken link in the default theme under --baseurl /archive', async () => {
    const s = site(posts);
    const run = await s.cli(['build', '--check', '--baseurl', '/archive']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('0 broken');
    expect(run.code).toBe(0);
    expect(s.read('index.html')).toContain('href="/archive/');
  });

  it('names the page, line and href of a link to a missing page, and exits 1', async () => {
    const s = site({
      ...posts,
      'posts/2022-03-04-broken.md': newsPost({ title: '坏链接', date: '2022-03-04 10:00:00 +0800', categories: 'sitenews', body: '<p>请看<a href="/nope.html">这里</a>。</p>' }),
    });
    const run = await s.cli(['build', '--check']);
    expect(run.code).toBe(1);
    const line = run.stderr.split('\n').find((l) => l.includes('"/nope.html"'));
    expect(line).toMatch(/^sitenews\/2022\/03\/04\/broken\.html:\d+: broken link "\/nope\.html" — no file at nope\.html$/);
    const lineNumber = Number(/:(\d+):/.exec(line!)![1]);
    expect(s.read('sitenews/2022/03/04/broken.html').split('\n')[lineNumber - 1]).toContain('href="/nope.html"');
    expect(run.stdout).toContain('1 broken');
  });

  it('does not check when the build could not run at all', async () => {
    const s = site({ ...posts, '_config.yml': 'paginate: lots\n' });
    const run = await s.cli(['build', '--check']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('baoku check:');
  });

  it('describes --check in build --help', async () => {
    const s = site({});
    const help = await s.cli(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--check\s+after building, check that every internal link/);
  });
});

describe('baoku check', () => {
  it('checks an existing output with the config’s baseurl, or the one given', async () => {
    const s = site({ ...posts, '_config.yml': 'url: https://news.example.org\nbaseurl: /archive\n' });
    expect((await s.cli(['build', '-q'])).code).toBe(0);
    const run = await s.cli(['check']);
    expect(run.stdout).toContain('0 broken');
    expect(run.code).toBe(0);

    // Checked as if served at the root, every root-relative link leaves the folder.
    const wrong = await s.cli(['check', '--baseurl', '/']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^index\.html:\d+: broken link "\/archive\/style\.css" — no file at archive\/style\.css$/m);
  });

  it('checks the folder given with -d, from another source folder', async () => {
    const s = site(posts);
    expect((await s.cli(['build', '-q', '-d', 'public-html'])).code).toBe(0);
    const run = await s.cli(['check', '-d', path.join(s.root, 'public-html'), '-s', s.root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 broken');
  });

  it('exits 1 with a hint when there is no built site', async () => {
    const s = site(posts);
    const run = await s.cli(['check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('_site: no built site here — run baoku build first, or pass the output folder with -d  [check/destination]');
  });

  it('describes its flags in --help', async () => {
    const s = site({});
    const help = await s.cli(['check', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--destination', '--source', '--config', '--baseurl']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('Exit code: 0 when every link resolves, 1 when any is broken');
  });
});

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree } from './support/file-tree.js';
import { createMemoryBuilds } from '../src/dev/memory-builds.js';
import { closeKeptThreads } from '../src/parallel/thread-pool.js';
import { fixtureSites, newsPost, projectRoot, seedShapedBody } from './support/fixture-site.js';

const seedPost = newsPost({
  title: '海港新城建设热潮涌动',
  date: '2022-03-01 09:55:40 +0800',
  categories: 'haigangribao',
  tags: '海港日报新闻',
  body: seedShapedBody,
});
const postPath = 'haigangribao/2022/03/01/HG2022030100001.html';

/** Fixture sites of this file, removed after each test. */
const site = fixtureSites();

describe('building a seed-shaped post', () => {
  it('writes the post at Jekyll’s default permalink with every paragraph, the title, date and our navigation', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    const result = await s.build();
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const html = s.read(postPath);
    expect(html).toContain('<h1 class="post-title">海港新城建设热潮涌动</h1>');
    expect(html).toContain('2022-03-01 09:55');
    expect(html).toContain('datetime="2022-03-01T09:55:40+08:00"');
    for (const sentence of ['春风送暖，海港新城迎来新一轮建设热潮。', '全年完成投资同比增长百分之十二。', '企业开办时间压缩至一个工作日以内', '群众的获得感、幸福感不断增强。']) {
      expect(html).toContain(sentence);
    }
    expect(html).toContain('<a href="/category/haigangribao.html">返回海港日报新闻</a>');
    expect(html).toContain('<a href="/">返回首页</a>');
    expect(html).not.toContain('old.example.com');
  });

  it('lists the post on its category, tag (percent-encoded once) and home pages', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    await s.build();
    const link = `href="/${postPath}"`;
    expect(s.read('category/haigangribao.html')).toContain(link);
    expect(s.read('tag/海港日报新闻.html')).toContain(link);
    expect(s.read('index.html')).toContain(link);
    const encodedTag = `/tag/${encodeURIComponent('海港日报新闻')}.html`;
    expect(s.read(postPath)).toContain(`href="${encodedTag}"`);
    expect(s.read(postPath)).not.toContain('%25');
  });

  it('names the category after the back-link text when the config does not', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    await s.build();
    expect(s.read('category/haigangribao.html')).toContain('海港日报');
  });

  it('prefers category_names from _config.yml', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost, '_config.yml': 'category_names:\n  haigangribao: 海港晚报\n' });
    await s.build();
    expect(s.read(postPath)).toContain('返回海港晚报新闻');
  });

  it.each(['UTC', 'America/New_York'])('gives the same URL and date when the machine runs in %s', async (zone) => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost, 'posts/2022-03-02-midnight.md': newsPost({ title: '凌晨快讯', date: '2022-03-02 00:30:00 +0800', categories: 'haigangribao', body: '凌晨发布的消息。' }) });
    const run = await s.cli(['build', '--quiet'], { TZ: zone });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(s.read(postPath)).toContain('2022-03-01 09:55');
    expect(s.read('haigangribao/2022/03/02/midnight.html')).toContain('2022-03-02 00:30');
  });

  it('prefixes every internal link with --baseurl', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    const run = await s.cli(['build', '--baseurl', '/archive'], { TZ: 'UTC' });
    expect(run.code).toBe(0);
    const html = s.read(postPath);
    expect(html).toContain('href="/archive/category/haigangribao.html"');
    expect(html).toContain('href="/archive/">返回首页');
    expect(html).toContain('href="/archive/style.css"');
    const hrefs = [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href.startsWith('/archive/')).toBe(true);
    expect(s.read('index.html')).toContain(`href="/archive/${postPath}"`);
  });
});

describe('the navigation of the bundled theme', () => {
  it('marks on every page the category it belongs to, and on a category’s list that list, whatever order pages render in', async () => {
    const post = (title: string, day: string, category: string) => newsPost({ title, date: `2022-03-${day} 09:00:00 +0800`, categories: category, body: '<p>正文。</p>' });
    const s = site({
      'posts/2022-03-01-a1.md': post('海港一', '01', 'haigang'),
      'posts/2022-03-02-b1.md': post('山城一', '02', 'shancheng'),
      'posts/2022-03-03-a2.md': post('海港二', '03', 'haigang'),
    });
    await s.build();
    const navOf = (file: string) => /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(s.read(file))![0];
    const link = (slug: string, mark = '') => `<a href="/category/${slug}.html"${mark}>`;
    for (const [file, active, other] of [
      ['haigang/2022/03/01/a1.html', 'haigang', 'shancheng'],
      ['shancheng/2022/03/02/b1.html', 'shancheng', 'haigang'],
      ['haigang/2022/03/03/a2.html', 'haigang', 'shancheng'],
    ] as const) {
      expect(navOf(file), file).toContain(link(active, ' class="is-active"'));
      expect(navOf(file), file).toContain(link(other));
    }
    expect(navOf('category/haigang.html')).toContain(link('haigang', ' aria-current="page"'));
    expect(navOf('category/shancheng.html')).toContain(link('shancheng', ' aria-current="page"'));
    expect(navOf('category/shancheng.html')).toContain(link('haigang'));
    expect(navOf('index.html')).not.toMatch(/is-active|aria-current/);
  });
});

describe('the article of a seed-shaped post', () => {
  it('has its subheadings as <h2>, byline, source and original link in the footer, and no old-host link', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    await s.build();
    const html = s.read(postPath);
    const article = html.slice(html.indexOf('<div class="article-body">'), html.indexOf('</article>'));
    expect([...article.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['抓项目促投资，跑出建设加速度', '优环境强服务，打造营商新高地', '惠民生暖民心，共享发展新成果']);
    expect(article).toContain('作者：海文');
    expect(article).toContain('来源：海港日报');
    expect(article).toContain('<a href="http://news.example.com/share.html?code=HG2022030100001" rel="nofollow noopener noreferrer">原文链接</a>');
    expect(article).not.toContain('□');
    expect(article).not.toContain('文章来源');
    expect(html).not.toContain('old.example.com');
  });

  it('counts removed unsafe markup as warnings in the summary and lists them with --verbose', async () => {
    const s = site({ '_config.yml': 'url: https://news.example.org\n', 'posts/2022-01-01-x.md': newsPost({ title: '一', categories: 'x', body: '<p>正文。<script>alert(1)</script><img src="a.png" onerror="alert(2)"></p>' }) });
    const normal = await s.cli(['build']);
    expect(normal.code).toBe(0);
    expect(normal.stdout).toMatch(/0 errors, 2 warnings/);
    expect(normal.stderr).toMatch(/^warning: posts\/2022-01-01-x\.md:6: removed <script>  \[body\/unsafe\]$/m);
    const verbose = await s.cli(['build', '--verbose']);
    expect(verbose.stderr).toContain('removed onerror attribute');
    expect(s.read('x/2022/01/01/x.html')).not.toMatch(/<script>alert|onerror/);
  });
});

describe('the command line', () => {
  it('warns once that feeds and the sitemap need the site’s url', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    const run = await s.cli(['build']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: _config\.yml: no url set: feeds and the sitemap .+ — add url: .+ to _config\.yml  \[config\/url\]$/m);
    expect(s.exists('feed.xml')).toBe(false);
  });

  it('prints one summary line with posts read, files written and unchanged, and exits 0', async () => {
    const s = site({ '_config.yml': 'url: https://news.example.org\n', 'posts/2022-03-01-HG2022030100001.md': seedPost });
    const first = await s.cli(['build']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^baoku: 1 post read, \d+ files written, 0 unchanged in [\d.]+ s\n$/);
    const second = await s.cli(['build']);
    expect(second.stdout).toMatch(/1 post read, 0 files written, \d+ unchanged/);
  });

  it('describes its flags in --help', async () => {
    const s = site({});
    const help = await s.cli(['build', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--source', '--destination', '--config', '--drafts', '--future', '--baseurl', '--quiet', '--verbose']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('accepts relative and absolute --source and --destination', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost });
    const relative = await s.cli(['build', '-s', '.', '-d', 'out-relative']);
    expect(relative.code).toBe(0);
    expect(existsSync(path.join(s.root, 'out-relative', postPath))).toBe(true);
    const absolute = await s.cli(['build', '--source', s.root, '--destination', path.join(s.root, 'out-absolute')]);
    expect(absolute.code).toBe(0);
    expect(existsSync(path.join(s.root, 'out-absolute', postPath))).toBe(true);
  });

  it('reports a broken post as path:line: what — how, builds the rest and exits 1', async () => {
    const s = site({
      'posts/2022-03-01-HG2022030100001.md': seedPost,
      'posts/2022-03-02-broken.md': '---\ntitle: "未闭合\ndate: 2022-03-02\n---\n正文。',
      'posts/nodate.md': '---\ntitle: 没有日期\n---\n正文。',
    });
    const run = await s.cli(['build']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: posts\/2022-03-02-broken\.md:\d+(:\d+)?: invalid front matter: .+ — .+\[front-matter\/yaml\]$/m);
    expect(run.stderr).toMatch(/^error: posts\/nodate\.md:1: post has no date — .+$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(s.exists(postPath)).toBe(true);
  });

  it('exits 1 with a clear message when the destination is the site root, deleting nothing', async () => {
    const s = site({ 'posts/2022-03-01-HG2022030100001.md': seedPost, 'notes.txt': 'keep me' });
    for (const destination of ['.', '..', 'posts', 'templates/out']) {
      const run = await s.cli(['build', '-d', destination]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('refusing to build into this destination');
    }
    expect(readFileSync(path.join(s.root, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(path.join(s.root, 'posts/2022-03-01-HG2022030100001.md'))).toBe(true);
  });
});

describe('reading posts', () => {
  it('reads _posts/ as well as posts/, recursively, in .md, .markdown and .html', async () => {
    const s = site({
      '_posts/2022-01-01-a.md': newsPost({ title: '甲', categories: 'x', body: '甲文。' }),
      'posts/sub/2022-01-02-b.markdown': newsPost({ title: '乙', categories: 'x', body: '乙文。' }),
      'posts/2022-01-03-c.html': newsPost({ title: '丙', categories: 'x', body: '<p>丙文。</p>' }),
      'posts/2022-01-04-d.txt': 'not a post',
    });
    const result = await s.build();
    expect(result.postsRead).toBe(3);
    expect(s.exists('x/2022/01/01/a.html')).toBe(true);
    expect(s.exists('x/2022/01/02/b.html')).toBe(true);
    expect(s.read('x/2022/01/03/c.html')).toContain('<p>丙文。</p>');
  });

  it('leaves out future posts unless --future, and drafts unless --drafts', async () => {
    const files = {
      'posts/2030-01-01-later.md': newsPost({ title: '未来', categories: 'x', body: '未来。' }),
      'posts/_drafts/draft.md': newsPost({ title: '草稿', date: '2022-01-05 10:00:00 +0800', categories: 'x', body: '草稿。' }),
      '_drafts/rootdraft.md': newsPost({ title: '根草稿', date: '2022-01-06 10:00:00 +0800', categories: 'x', body: '草稿。' }),
    };
    const plain = site(files);
    await plain.build();
    expect(plain.exists('x/2030/01/01/later.html')).toBe(false);
    expect(plain.exists('x/2022/01/05/draft.html')).toBe(false);
    const all = site(files);
    await all.build({ future: true, drafts: true });
    expect(all.exists('x/2030/01/01/later.html')).toBe(true);
    expect(all.exists('x/2022/01/05/draft.html')).toBe(true);
    expect(all.exists('x/2022/01/06/rootdraft.html')).toBe(true);
  });

  it('falls back to the first heading or the start of the text for an empty title, with a warning', async () => {
    const s = site({ 'posts/2022-01-01-notitle.md': '---\ntitle: ""\ncategories: x\n---\n这是一篇没有标题的新闻，正文从这里开始，内容相当长。' });
    const result = await s.build();
    expect(result.problems).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/title', file: 'posts/2022-01-01-notitle.md' }));
    expect(s.read('x/2022/01/01/notitle.html')).toContain('<h1 class="post-title">这是一篇没有标题的新闻，正文从这里开始，内容相当长。</h1>');
  });

  it('tolerates a blank line before the opening --- with a warning (Jekyll would drop the front matter)', async () => {
    const s = site({ 'posts/2022-01-01-blank.md': `\n${newsPost({ title: '空行', categories: 'x', body: '正文。' })}` });
    const result = await s.build();
    expect(result.problems).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/leading-blank-line' }));
    expect(s.read('x/2022/01/01/blank.html')).toContain('空行');
  });
});

describe('pages', () => {
  const manyPosts = (count: number): Record<string, string> =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => {
        const day = String((i % 28) + 1).padStart(2, '0');
        return [`posts/2022-02-${day}-p${i}.md`, newsPost({ title: `第${i}篇`, date: `2022-02-${day} ${String(i % 24).padStart(2, '0')}:00:00 +0800`, categories: 'jingji', tags: '经济 财经', body: `第${i}篇的正文。` })];
      }),
    );

  it('paginates the home, category and tag lists 20 to a page', async () => {
    const s = site(manyPosts(45));
    await s.build();
    expect(s.exists('index.html')).toBe(true);
    expect(s.exists('page2.html')).toBe(true);
    expect(s.exists('page3.html')).toBe(true);
    expect(s.exists('page4.html')).toBe(false);
    expect(s.exists('category/jingji/page3.html')).toBe(true);
    expect(s.exists('tag/财经/page2.html')).toBe(true);
    expect((s.read('index.html').match(/<article/g) ?? []).length).toBeLessThanOrEqual(20);
    expect(s.read('page2.html')).toContain('href="/page3.html"');
  });

  describe('numbered from the oldest, with paginate_stable', () => {
    /** Seven posts in one category, a day apart; three a page. */
    const sevenPosts = (): Record<string, string> => {
      const files: Record<string, string> = { '_config.yml': 'paginate: 3\npaginate_stable: true\n' };
      for (let i = 1; i <= 7; i++) files[`posts/2022-03-0${i}-p${i}.md`] = newsPost({ title: `第${i}篇`, date: `2022-03-0${i} 10:00:00 +0800`, categories: 'x', body: `<p>第${i}篇的正文。</p>` });
      return files;
    };
    const titlesOn = (html: string): string[] => [...html.matchAll(/class="entry-title"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]!);

    it('shows the newest posts on the front page and cuts the rest into pages from the oldest', async () => {
      const s = site(sevenPosts());
      await s.build();
      expect(titlesOn(s.read('category/x.html'))).toEqual(['第7篇', '第6篇', '第5篇']);
      expect(titlesOn(s.read('category/x/page2.html'))).toEqual(['第4篇']);
      expect(titlesOn(s.read('category/x/page1.html'))).toEqual(['第3篇', '第2篇', '第1篇']);
      expect(s.exists('category/x/page3.html')).toBe(false);
      expect(titlesOn(s.read('index.html'))).toEqual(['第7篇', '第6篇', '第5篇']);
      expect(titlesOn(s.read('page1.html'))).toEqual(['第3篇', '第2篇', '第1篇']);
    });

    it('links the pages from the newest to the oldest, in the page and in rel=prev/next', async () => {
      const s = site(sevenPosts());
      await s.build();
      const front = s.read('category/x.html');
      const newest = s.read('category/x/page2.html');
      const oldest = s.read('category/x/page1.html');
      expect(front).not.toContain('rel="prev"');
      expect(front).toContain('<link rel="next" href="/category/x/page2.html">');
      expect(newest).toContain('<link rel="prev" href="/category/x.html">');
      expect(newest).toContain('<link rel="next" href="/category/x/page1.html">');
      expect(oldest).toContain('<link rel="prev" href="/category/x/page2.html">');
      expect(oldest).not.toContain('rel="next"');
      expect(newest).toContain('<a href="/category/x.html">最新</a>');
      expect(newest).toContain('<p class="page-status">第 2 页</p>');
      expect(newest).toMatch(/<title>x（第 2 页） - /);
    });

    it('shows the number of posts on the front page only, which alone changes as posts come', async () => {
      const s = site(sevenPosts());
      await s.build();
      expect(s.read('category/x.html')).toContain('共 7 篇');
      expect(s.read('category/x/page1.html')).not.toContain('7 篇');
      expect(s.read('category/x/page1.html')).not.toMatch(/第 1 \/ \d+ 页/);
    });

    it('keeps every page of a list as it was when a post is added, but the front and the newest numbered one', async () => {
      const s = site(sevenPosts());
      await s.build();
      const before = new Map(['category/x/page1.html', 'category/x/page2.html', 'page1.html'].map((page) => [page, s.read(page)]));
      s.write('posts/2022-03-08-p8.md', newsPost({ title: '第8篇', date: '2022-03-08 10:00:00 +0800', categories: 'x', body: '<p>第8篇的正文。</p>' }));
      await s.build();
      expect(titlesOn(s.read('category/x.html'))).toEqual(['第8篇', '第7篇', '第6篇']);
      expect(titlesOn(s.read('category/x/page2.html'))).toEqual(['第5篇', '第4篇']);
      expect(s.read('category/x/page1.html')).toBe(before.get('category/x/page1.html'));
      expect(s.read('page1.html')).toBe(before.get('page1.html'));
    });

    it('refuses a paginate_stable that is not true or false, naming the line', async () => {
      const s = site({ '_config.yml': 'title: 站\npaginate_stable: 是\n', 'posts/2022-03-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }) });
      const result = await s.build();
      expect(result.problems).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'config/paginate_stable', line: 2 }));
    });
  });

  it('links each post to its older and newer neighbour in the category', async () => {
    const s = site({
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }),
      'posts/2022-01-02-b.md': newsPost({ title: '二', categories: 'x', body: '二。' }),
      'posts/2022-01-03-c.md': newsPost({ title: '三', categories: 'x', body: '三。' }),
    });
    await s.build();
    const middle = s.read('x/2022/01/02/b.html');
    expect(middle).toContain('href="/x/2022/01/01/a.html">上一篇：一');
    expect(middle).toContain('href="/x/2022/01/03/c.html">下一篇：三');
  });

  it('refuses two posts on one URL, naming both files', async () => {
    const s = site({
      'posts/2022-01-01-same.md': newsPost({ title: '一', categories: 'x', body: '一。' }),
      'posts/sub/2022-01-01-same.md': newsPost({ title: '二', categories: 'x', body: '二。' }),
    });
    const result = await s.build();
    const duplicate = result.problems.find((p) => p.rule === 'site/duplicate-url');
    expect(duplicate?.file).toBe('posts/sub/2022-01-01-same.md');
    expect(duplicate?.message).toContain('posts/2022-01-01-same.md');
  });

  it('leaves a URL two posts want to the older one, whatever their file names', async () => {
    const s = site({
      'posts/2022-01-05-a.md': newsPost({ title: '新', categories: 'x', extra: 'permalink: /x/2022/01/01/z.html', body: '新。' }),
      'posts/2022-01-01-z.md': newsPost({ title: '旧', categories: 'x', body: '旧。' }),
    });
    const result = await s.build();
    const duplicate = result.problems.find((p) => p.rule === 'site/duplicate-url');
    expect(duplicate?.file).toBe('posts/2022-01-05-a.md');
    expect(s.read('x/2022/01/01/z.html')).toContain('旧');
  });

  it('gives a safe string every string method, in the command as in the library', async () => {
    // The command's bundle gives Nunjucks' SafeString its methods in another way (see
    // scripts/nunjucks-safe-string.mjs); templates must not see the difference.
    const template = '{% set s = "a<b>c" | safe %}{{ s.toUpperCase() }}|{{ s | lower }}|{{ s.length }}|{{ s.split("b") | join("+") }}|{{ s | replace("a", "x") }}|{{ s.indexOf("c") }}|{{ s.slice(1) }}|{{ s }}';
    const s = site({ 'templates/404.njk': template, 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }) });
    await s.build();
    const fromLibrary = s.read('404.html');
    rmSync(s.out, { recursive: true });
    const run = await s.cli(['build', '--no-search']);
    expect(run.code).toBe(0);
    expect(s.read('404.html')).toBe(fromLibrary);
    expect(fromLibrary).toBe('A&lt;B&gt;C|a&lt;b&gt;c|5|a&lt;+&gt;c|x<b>c|4|&lt;b&gt;c|a<b>c');
  });

  it('writes pinyin paths with slugify: pinyin', async () => {
    const s = site({ '_config.yml': 'slugify: pinyin\n', 'posts/2022-03-01-HG2022030100001.md': seedPost });
    await s.build();
    expect(s.exists('tag/hai-gang-ri-bao-xin-wen.html')).toBe(true);
  });

  it('follows a permalink style or pattern from config and front matter', async () => {
    const s = site({
      '_config.yml': 'permalink: pretty\n',
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }),
      'posts/2022-01-02-b.md': newsPost({ title: '二', categories: 'x', extra: 'permalink: /special/:year/:title.html', body: '二。' }),
    });
    await s.build();
    expect(s.exists('x/2022/01/01/a/index.html')).toBe(true);
    expect(s.read('index.html')).toContain('href="/x/2022/01/01/a/"');
    expect(s.exists('special/2022/b.html')).toBe(true);
  });

  it('prints a template-looking text in a body as text, never running it', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '{{ 7*7 }}', categories: 'x', body: '正文 {{ 7*7 }} {% include "x" %}。' }) });
    const result = await s.build();
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const html = s.read('x/2022/01/01/a.html');
    expect(html).toContain('{{ 7*7 }}');
    expect(html).toContain('{% include &quot;x&quot; %}');
    expect(html).not.toContain('49');
  });
});

describe('templates', () => {
  it('uses the site’s own template and falls back to the bundled theme for the rest', async () => {
    const s = site({
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }),
      'templates/post.njk': '<!doctype html><title>{{ post.title }}</title><main>自定义：{{ post.content | safe }}</main>',
    });
    await s.build();
    expect(s.read('x/2022/01/01/a.html')).toContain('自定义：<p>一。</p>');
    expect(s.read('index.html')).toContain('<html lang="zh-CN"');
  });

  it('reports a template syntax error with the template’s file and line, and exits 1', async () => {
    const s = site({
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }),
      'templates/post.njk': '<p>\n{% if post.title %}\n没有结束\n',
    });
    const run = await s.cli(['build']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: templates\/post\.njk(:\d+)?(:\d+)?: .+\[template\]/);
  });

  it('reports a broken template once, however many pages use it', async () => {
    const files: Record<string, string> = { 'templates/post.njk': '<p>{{ post.title | nosuchfilter }}</p>' };
    for (let i = 0; i < 150; i++) files[`posts/2022-01-01-p${i}.md`] = newsPost({ title: `第${i}篇`, categories: 'x', body: '正文。' });
    const result = await site(files).build();
    expect(result.problems.filter((p) => p.rule === 'template')).toHaveLength(1);
  });

  it('says on which line of the template an unknown filter is used, in a block of a template that extends another too', async () => {
    const s = site({
      'templates/list.njk': '{% extends "base.njk" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.title | nosuchfilter }}</p>\n{% endblock %}',
      'templates/post.njk': '<p>{{ post.title }}</p>\n{{ post.title | nosuchfilter }}',
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '正文。' }),
    });
    const broken = (await s.build()).problems.filter((p) => p.rule === 'template');
    expect(broken.map((p) => [p.file, p.line, p.column])).toEqual([
      ['templates/list.njk', 4, 20],
      ['templates/post.njk', 2, 17],
    ]);
    // Said once, without the file named again for each frame Nunjucks wrapped it in.
    expect(broken[0]!.message).toBe('Error: filter not found: nosuchfilter');
  });

  it('says where a template calls what is not there: in a template of its own, in a block of one that extends another, in an included one', async () => {
    const s = site({
      'templates/post.njk': '<p>{{ post.title }}</p>\n  {{ nothere() }}',
      'templates/list.njk': '{% extends "base.njk" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ undefinedThing() }}</p>\n{% endblock %}',
      'templates/archive.njk': '{% extends "base.njk" %}\n{% block content %}{% include "parts/broken.njk" %}{% endblock %}',
      'templates/parts/broken.njk': 'one\ntwo {{ nope() }}',
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '正文。' }),
    });
    const broken = (await s.build()).problems.filter((p) => p.rule === 'template');
    // Lines and columns as an editor counts them, from 1; the column is the call's parenthesis, as Nunjucks gives it.
    expect(broken.map((p) => [p.file, p.line, p.column]).sort()).toEqual([
      ['templates/list.njk', 4, 21],
      ['templates/parts/broken.njk', 2, 12],
      ['templates/post.njk', 2, 13],
    ]);
    expect(broken.map((p) => p.message)).toContain('Error: Unable to call `undefinedThing`, which is undefined or falsey');
  });

  it('uses the layout named in front matter, and warns and uses post when it does not exist', async () => {
    const s = site({
      'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', extra: 'layout: special', body: '一。' }).replace('layout: post\n', ''),
      'posts/2022-01-02-b.md': newsPost({ title: '二', categories: 'x', extra: 'layout: nothere', body: '二。' }).replace('layout: post\n', ''),
      'templates/special.njk': '{% extends "post.njk" %}{% block head %}<meta name="special">{% endblock %}',
    });
    const result = await s.build();
    expect(s.read('x/2022/01/01/a.html')).toContain('<meta name="special">');
    expect(result.problems).toContainEqual(expect.objectContaining({ rule: 'front-matter/layout', file: 'posts/2022-01-02-b.md' }));
    expect(s.exists('x/2022/01/02/b.html')).toBe(true);
  });
});

describe('output', () => {
  it('copies public/ files as they are, the site’s over the theme’s', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }), 'public/robots.txt': 'User-agent: *\nDisallow: /private/\n', 'public/img/logo.png': new Uint8Array([137, 80, 78, 71]) });
    await s.build();
    expect(s.read('robots.txt')).toContain('Disallow: /private/');
    expect(s.exists('style.css')).toBe(true);
    expect([...readFileSync(path.join(s.out, 'img/logo.png'))]).toEqual([137, 80, 78, 71]);
  });

  it('does not rewrite unchanged files, and removes files it no longer produces', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }), 'posts/2022-01-02-b.md': newsPost({ title: '二', categories: 'y', body: '二。' }) });
    await s.build();
    const before = statSync(path.join(s.out, 'x/2022/01/01/a.html')).mtimeMs;
    mkdirSync(path.join(s.out, '.git'), { recursive: true });
    writeFileSync(path.join(s.out, '.git/HEAD'), 'ref');
    writeFileSync(path.join(s.root, 'outside.txt'), 'outside');
    rmSync(path.join(s.root, 'posts/2022-01-02-b.md'));
    s.write('posts/2022-01-02-c.md', newsPost({ title: '二', categories: 'y', body: '二。' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await s.build();
    expect(statSync(path.join(s.out, 'x/2022/01/01/a.html')).mtimeMs).toBe(before);
    expect(s.exists('y/2022/01/02/b.html')).toBe(false);
    expect(s.exists('y/2022/01/02/c.html')).toBe(true);
    expect(result.filesRemoved).toBeGreaterThan(0);
    expect(s.exists('.git/HEAD')).toBe(true);
    expect(readFileSync(path.join(s.root, 'outside.txt'), 'utf8')).toBe('outside');
  });

  it('leaves no temporary files behind', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '一。' }) });
    await s.build();
    const { readdirSync } = await import('node:fs');
    const all = readdirSync(s.out, { recursive: true }) as string[];
    expect(all.filter((f) => f.includes('baoku-tmp'))).toEqual([]);
  });
});

describe('the cache', () => {
  it('serves unchanged posts from .baoku-cache/ and rebuilds an edited one', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '<p>第一版。</p>' }), 'posts/2022-01-02-b.md': newsPost({ title: '二', categories: 'x', body: '<p>不变。</p>' }) });
    await s.build();
    expect(s.exists('../.baoku-cache/posts.v8')).toBe(true);
    s.write('posts/2022-01-01-a.md', newsPost({ title: '一', categories: 'x', body: '<p>第二版，改过了。</p>' }));
    const second = await s.build();
    expect(second.timings.find((t) => t.step === 'read and transform')).toBeDefined();
    expect(s.read('x/2022/01/01/a.html')).toContain('第二版，改过了。');
    expect(s.read('x/2022/01/02/b.html')).toContain('不变。');
  });

  it('leaves unchanged pages alone, and renders again what a template edit or a lost file changes', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '<p>正文。</p>' }), 'templates/post.njk': '<!doctype html><title>{{ post.title }}</title>{{ post.content | safe }}' });
    await s.build();
    const second = await s.build();
    expect(second.pagesWritten).toBe(0);
    expect(second.filesUnchanged).toBeGreaterThan(0);
    rmSync(path.join(s.out, 'index.html'));
    const third = await s.build();
    expect(s.exists('index.html')).toBe(true);
    expect(third.pagesWritten).toBe(1);
    s.write('templates/post.njk', '<!doctype html><title>{{ post.title }}</title><main>新模板</main>{{ post.content | safe }}');
    await s.build();
    expect(s.read('x/2022/01/01/a.html')).toContain('新模板');
  });

  it('ignores a corrupt cache and builds as if there were none', async () => {
    const s = site({ 'posts/2022-01-01-a.md': newsPost({ title: '一', categories: 'x', body: '<p>正文。</p>' }), '.baoku-cache/posts.v8': 'garbage' });
    const result = await s.build();
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(s.read('x/2022/01/01/a.html')).toContain('正文。');
  });
});

describe('threads', () => {
  /** A site this large is read and rendered on worker threads (see thread-pool.ts), in batches. */
  const threadedSiteFiles = (): Record<string, string> => {
    const files: Record<string, string> = { '_config.yml': 'url: https://news.example.com\nsearch: false\n' };
    for (let i = 0; i < 2700; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      files[`posts/2022-03-${day}-t${i}.md`] = newsPost({ title: `第${i}篇`, date: `2022-03-${day} 08:${String(i % 60).padStart(2, '0')}:00 +0800`, categories: ['jingji', 'shehui', 'tiyu'][i % 3], tags: i % 2 ? '经济' : '社会', body: `<p>第${i}篇的正文，有一些字。</p>\n\n<http://example.com/${i}>` });
    }
    return files;
  };

  /** Sets a variable of this process's environment; the function returned puts it back as it was. */
  const setEnv = (name: string, value: string): (() => void) => {
    const previous = process.env[name];
    process.env[name] = value;
    return () => {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    };
  };
  /** Threads from 2,500 posts and pages, as they would start on a machine of several cores. */
  const threadsFrom2500 = (): (() => void) => setEnv('BAOKU_THREADS_FROM', '2500');

  it('give the same site as one thread, byte for byte', async () => {
    const s = site(threadedSiteFiles());
    const restore = threadsFrom2500();
    const restoreThreads = setEnv('BAOKU_THREADS', '2');
    try {
      const threaded = await s.build({ destination: path.join(s.root, 'threaded') });
      process.env.BAOKU_THREADS = '1';
      rmSync(path.join(s.root, '.baoku-cache'), { recursive: true, force: true });
      const single = await s.build({ destination: path.join(s.root, 'single') });
      expect(threaded.problems).toEqual(single.problems);
      expect(threaded.pagesWritten).toBeGreaterThan(3000);
    } finally {
      restore();
      restoreThreads();
    }
    expect(snapshotTree(path.join(s.root, 'threaded'))).toEqual(snapshotTree(path.join(s.root, 'single')));
  }, 60_000);

  it('write a post cache, as they read, that serves the next build', async () => {
    const s = site(threadedSiteFiles());
    // The first post, one from the middle and the last; their time set to a whole second, to set again after the edit below.
    const edits = ['posts/2022-03-01-t0.md', 'posts/2022-03-06-t1349.md', 'posts/2022-03-12-t2699.md'];
    const time = new Date('2022-03-13T00:00:00Z');
    for (const file of edits) utimesSync(path.join(s.root, file), time, time);
    const restore = threadsFrom2500();
    const restoreThreads = setEnv('BAOKU_THREADS', '2');
    try {
      await s.build();
    } finally {
      restore();
      restoreThreads();
    }
    // Same size and time, other text: a post served from the cache shows its text as the threads read it.
    for (const file of edits) {
      s.write(file, readFileSync(path.join(s.root, file), 'utf8').replace('的正文', '的改文'));
      utimesSync(path.join(s.root, file), time, time);
    }
    rmSync(path.join(s.root, '.baoku-cache', 'last-build.json'));
    rmSync(s.out, { recursive: true, force: true });
    await s.build();
    expect(s.read('jingji/2022/03/01/t0.html')).toContain('第0篇的正文');
    expect(s.read('tiyu/2022/03/06/t1349.html')).toContain('第1349篇的正文');
    expect(s.read('tiyu/2022/03/12/t2699.html')).toContain('第2699篇的正文');
  }, 60_000);

  it('started by the command before the build reads its config, give the same site, and let the process end', async () => {
    // All in posts/, where the command counts them before the build, to start the threads early.
    const s = site(threadedSiteFiles());
    const threaded = await s.cli(['build', '-s', s.root, '-d', path.join(s.root, 'early'), '-q'], { BAOKU_THREADS: '2', BAOKU_THREADS_FROM: '2500' });
    expect(threaded.code).toBe(0);
    rmSync(path.join(s.root, '.baoku-cache'), { recursive: true, force: true });
    const single = await s.cli(['build', '-s', s.root, '-d', path.join(s.root, 'single'), '-q'], { BAOKU_THREADS: '1' });
    expect(single.code).toBe(0);
    expect(snapshotTree(path.join(s.root, 'early'))).toEqual(snapshotTree(path.join(s.root, 'single')));
    // Threads started early for a build that stops at its config end with it.
    rmSync(path.join(s.root, '.baoku-cache'), { recursive: true, force: true });
    s.write('_config.yml', 'search: [broken\n');
    const aborted = await s.cli(['build', '-s', s.root, '-q'], { BAOKU_THREADS: '2', BAOKU_THREADS_FROM: '2500' });
    expect(aborted.code).toBe(1);
    expect(aborted.stderr).toContain('_config.yml');
  }, 60_000);

  it('report a broken template once, and still write the pages of the others', async () => {
    // The threads compile the templates before the first page comes: a template that fails there fails its pages as on one thread.
    const s = site({ ...threadedSiteFiles(), 'templates/list.njk': '{% extends "base.njk" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n{% endblock %}' });
    const restore = threadsFrom2500();
    try {
      const result = await s.build();
      const broken = result.problems.filter((p) => p.rule === 'template');
      expect(broken.map((p) => p.file)).toEqual(['templates/list.njk']);
      expect(broken[0]!.message).toContain('nosuchfilter');
      expect(s.read('jingji/2022/03/01/t0.html')).toContain('第0篇');
      expect(s.exists('index.html')).toBe(false);
    } finally {
      restore();
    }
  }, 60_000);

  it('kept between the dev server’s builds, render each template as it is now, not as they last read it', async () => {
    const s = site(threadedSiteFiles());
    const builds = createMemoryBuilds({ source: s.root, configFile: path.join(s.root, '_config.yml'), configPath: '_config.yml' });
    const served = (): string => Buffer.from(builds.served().get('jingji/2022/03/01/t0.html')!).toString('utf8');
    const base = readFileSync(path.join(projectRoot, 'templates/base.njk'), 'utf8');
    const restore = threadsFrom2500();
    try {
      expect((await builds.rebuild()).pagesRendered).toBeGreaterThan(3000);
      for (const mark of ['<!-- 第一版 -->', '<!-- 第二版 -->']) {
        // Every page extends base.njk: enough pages to be rendered on the threads again.
        s.write('templates/base.njk', base.replace('</body>', `${mark}</body>`));
        expect((await builds.rebuild()).pagesRendered).toBeGreaterThan(3000);
        expect(served()).toContain(mark);
      }
      expect(served()).not.toContain('<!-- 第一版 -->');
    } finally {
      restore();
      await closeKeptThreads();
    }
  }, 60_000);
});

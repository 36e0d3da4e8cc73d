import { describe, expect, it } from 'vitest';
import { fixtureSites, newsPost } from './support/fixture-site.js';

/** Fixture sites of this file, removed after each test. */
const site = fixtureSites();

const post = (day: string, title: string, categories: string, tags: string): string =>
  newsPost({ title, date: `${day} 10:00:00 +0800`, categories, tags, body: `<p>${title}的正文。</p>` });

describe('the date archive', () => {
  it('writes a page per year and per month, paginated, and an index with post counts', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 25; i++) files[`posts/2022-03-${String(i).padStart(2, '0')}-m${i}.md`] = post(`2022-03-${String(i).padStart(2, '0')}`, `三月第${i}篇`, 'x', '甲');
    files['posts/2021-12-31-old.md'] = post('2021-12-31', '去年的', 'x', '甲');
    const s = site(files);
    await s.build();
    expect(s.read('archive/2022/index.html')).toContain('2022年');
    expect(s.exists('archive/2022/page2.html')).toBe(true);
    expect(s.read('archive/2022/03/index.html')).toContain('href="/x/2022/03/25/m25.html"');
    expect(s.exists('archive/2022/03/page2.html')).toBe(true);
    expect(s.read('archive/2021/12/index.html')).toContain('去年的');
    const index = s.read('archive/index.html');
    expect(index).toMatch(/href="\/archive\/2022\/">2022年<\/a> <span class="list-count">25 篇/);
    expect(index).toMatch(/href="\/archive\/2022\/03\/">2022年3月<\/a> <span class="category-count">25 篇/);
    expect(index).toMatch(/href="\/archive\/2021\/">2021年<\/a> <span class="list-count">1 篇/);
    expect(index.indexOf('2022年')).toBeLessThan(index.indexOf('2021年'));
  });
});

describe('SEO', () => {
  it('gives each page a title, canonical link, description, Open Graph and Twitter tags', async () => {
    const s = site({ '_config.yml': 'title: 测试站\nurl: https://news.example.org\n', 'posts/2022-03-01-a.md': post('2022-03-01', '标题甲', 'x', '甲') });
    await s.build();
    const html = s.read('x/2022/03/01/a.html');
    expect(html).toContain('<title>标题甲 - 测试站</title>');
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/x/2022/03/01/a.html">');
    expect(html).toContain('<meta name="description" content="标题甲的正文。">');
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="og:url" content="https://news.example.org/x/2022/03/01/a.html">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
  });

  it('puts prev and next links on paginated lists', async () => {
    const files: Record<string, string> = { '_config.yml': 'paginate: 2\n' };
    for (let i = 1; i <= 5; i++) files[`posts/2022-03-0${i}-p${i}.md`] = post(`2022-03-0${i}`, `第${i}篇`, 'x', '甲');
    const s = site(files);
    await s.build();
    const second = s.read('category/x/page2.html');
    expect(second).toContain('<link rel="prev" href="/category/x.html">');
    expect(second).toContain('<link rel="next" href="/category/x/page3.html">');
  });

  it('describes a post as a schema.org NewsArticle whose text cannot end the script block', async () => {
    const s = site({
      'posts/2022-03-01-a.md': newsPost({ title: '</script><script>alert(1)</script> AT&T <中国>', date: '2022-03-01 09:55:40 +0800', categories: 'x', tags: '甲', body: '<p>正文。</p>\n <p>□ 记者 张三 </p><p class="em_media">（文章来源：海港日报）</p>' }),
    });
    await s.build();
    const html = s.read('x/2022/03/01/a.html');
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]![1]!);
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: '</script><script>alert(1)</script> AT&T <中国>',
      datePublished: '2022-03-01T09:55:40+08:00',
      author: { '@type': 'Person', name: '记者 张三' },
      publisher: { name: '海港日报' },
      articleSection: 'x',
    });
    expect(html).not.toContain('<script>alert(1)');
  });
});

describe('related posts', () => {
  it('lists up to 5 posts sharing tags or the category, most shared first', async () => {
    const files: Record<string, string> = {
      'posts/2022-03-10-main.md': post('2022-03-10', '主文', 'x', '甲 乙'),
      'posts/2022-03-01-both.md': post('2022-03-01', '同标签两个', 'x', '甲 乙'),
      'posts/2022-03-20-other.md': post('2022-03-20', '别的栏目', 'y', '丙'),
    };
    for (let i = 1; i <= 6; i++) files[`posts/2022-03-1${i}-c${i}.md`] = post(`2022-03-1${i}`, `同栏目${i}`, 'x', '丁');
    const s = site(files);
    await s.build();
    const html = s.read('x/2022/03/10/main.html');
    const related = html.slice(html.indexOf('class="related"'));
    const titles = [...related.matchAll(/<li><a href="[^"]+">([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(5);
    expect(titles[0]).toBe('同标签两个');
    expect(titles).not.toContain('别的栏目');
    expect(titles).not.toContain('主文');
  });
});

describe('feeds and the sitemap', () => {
  const files = {
    '_config.yml': 'title: 测试站\nurl: https://news.example.org\nbaseurl: /archive\n',
    'posts/2022-03-01-a.md': newsPost({ title: 'AT&T <中国>', date: '2022-03-01 09:55:40 +0800', categories: 'x', tags: '闽东日报新闻', body: '<p>正文 ]]> 一。</p>\n <p>□ 记者 张三 </p>' }),
    'posts/2022-03-02-b.md': post('2022-03-02', '第二篇', 'x', '财经'),
  };

  it('writes an Atom feed for the site, each category and each Chinese tag, with real offsets', async () => {
    const s = site(files);
    await s.build();
    const feed = s.read('feed.xml');
    expect(feed).toContain('<title>AT&amp;T &lt;中国&gt;</title>');
    expect(feed).toContain('<published>2022-03-01T09:55:40+08:00</published>');
    expect(feed).toContain('<name>记者 张三</name>');
    expect(feed).toContain('href="https://news.example.org/archive/x/2022/03/01/a.html"');
    expect(s.read('category/x/feed.xml')).toContain('第二篇');
    expect(s.read('tag/闽东日报新闻/feed.xml')).toContain('AT&amp;T');
    expect(s.read('tag/闽东日报新闻/feed.xml')).not.toContain('第二篇');
    expect(s.read('index.html')).toContain('<link rel="alternate" type="application/atom+xml" title="测试站" href="/archive/feed.xml">');
  });

  it('lists every page in sitemap.xml with lastmod, and points robots.txt at it', async () => {
    const s = site(files);
    await s.build();
    const sitemap = s.read('sitemap.xml');
    expect(sitemap).toContain('<loc>https://news.example.org/archive/x/2022/03/01/a.html</loc>');
    expect(sitemap).toContain(`<loc>https://news.example.org/archive/tag/${encodeURIComponent('闽东日报新闻')}.html</loc>`);
    expect(sitemap).toContain('<lastmod>2022-03-01T09:55:40+08:00</lastmod>');
    expect(sitemap).not.toContain('%25');
    expect(s.read('robots.txt')).toContain('Sitemap: https://news.example.org/archive/sitemap.xml');
  });
});

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { htmlTree } from '../test-support/test-trees.js';
import { legacyPathToSitePath, rewriteLegacyLinks } from './legacy-links.js';
import { createBodyTransformer } from './transform-body.js';

const settings = { legacyHosts: ['old.example.com'], baseurl: '', slugify: 'unicode' as const };

describe('legacyPathToSitePath', () => {
  it.each([
    ['/', ''],
    ['', ''],
    ['/index.html', ''],
    ['/category/mindongribao.html', 'category/mindongribao.html'],
    ['/emnews/', 'category/emnews.html'],
    ['/tag/%E9%97%BD%E4%B8%9C%E6%97%A5%E6%8A%A5%E6%96%B0%E9%97%BB.html', 'tag/闽东日报新闻.html'],
    ['/tag/财经/', 'tag/财经.html'],
    ['/mindongribao/2022/02/25/NW1.html?from=share#top', 'mindongribao/2022/02/25/NW1.html'],
  ])('maps the old %s to our %s', (oldPath, sitePath) => {
    expect(legacyPathToSitePath(oldPath, 'unicode')).toBe(sitePath);
  });
});

describe('rewriteLegacyLinks', () => {
  it('points links to the old host at our home, category, tag and post pages, under the baseurl', () => {
    const tree = htmlTree(
      '<p><a href="//old.example.com/">首页</a><a href="http://old.example.com/category/emnews.html">滚动</a><a href="https://OLD.example.com/emnews/2021/12/08/a.html">旧文</a><a href="https://other.example.org/x">别处</a></p>',
    );
    const count = rewriteLegacyLinks(tree, new Set(['old.example.com']), { ...settings, baseurl: '/archive' });
    expect(count).toBe(3);
    const html = toHtml(tree);
    expect(html).toContain('href="/archive/">首页');
    expect(html).toContain('href="/archive/category/emnews.html">滚动');
    expect(html).toContain('href="/archive/emnews/2021/12/08/a.html">旧文');
    expect(html).toContain('href="https://other.example.org/x">别处');
  });
});

describe('legacy links in the body pipeline', () => {
  const transform = createBodyTransformer(new Set(), { ...settings, legacyHosts: [] });

  it('treats the hosts of a post’s own back-navigation as the old site, leaving no link to it', () => {
    const body = [
      '<p>详见<a href="//nav.example.net/emnews/2021/12/01/b.html">此前报道</a>。</p>',
      '',
      '[返回东财滚动新闻](//nav.example.net/emnews/)｜[返回首页](//nav.example.net/)',
    ].join('\n');
    const { article } = transform({ sourcePath: 'posts/a.md', format: 'markdown', body, bodyLine: 5, title: '标题' });
    expect(article.html).toContain('<a href="/emnews/2021/12/01/b.html">此前报道</a>');
    expect(article.html).not.toContain('nav.example.net');
    expect(article.html).not.toContain('nofollow');
  });

  it('leaves old links alone when the rule is switched off', () => {
    const off = createBodyTransformer(new Set(['legacy_links']), settings);
    const { article } = off({ sourcePath: 'posts/a.html', format: 'html', body: '<p><a href="//old.example.com/x/">旧</a>文字。</p>', bodyLine: 5, title: '标题' });
    expect(article.html).toContain('//old.example.com/x/');
  });
});

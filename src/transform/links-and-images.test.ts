import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { decorateLinksAndImages } from './links-and-images.js';
import { htmlTree } from '../test-support/test-trees.js';

function decorated(html: string, fallbackAlt = '海港新城建设'): string {
  const tree = htmlTree(html);
  decorateLinksAndImages(tree, fallbackAlt);
  return toHtml(tree);
}

describe('decorateLinksAndImages', () => {
  it('marks external links nofollow noopener noreferrer', () => {
    expect(decorated('<a href="https://news.example.cn/1.html">原文</a>')).toBe(
      '<a href="https://news.example.cn/1.html" rel="nofollow noopener noreferrer">原文</a>',
    );
    expect(decorated('<a href="//news.example.cn/">原站</a>')).toBe('<a href="//news.example.cn/" rel="nofollow noopener noreferrer">原站</a>');
  });

  it('leaves links within the site alone', () => {
    expect(decorated('<a href="/haifeng/2022/03/01/x.html">上一篇</a><a href="#top">顶部</a>')).toBe(
      '<a href="/haifeng/2022/03/01/x.html">上一篇</a><a href="#top">顶部</a>',
    );
  });

  it('makes images lazy, asynchronous and referrer-free', () => {
    expect(decorated('<img src="https://img.example.cn/a.jpg" alt="港口">')).toBe(
      '<img src="https://img.example.cn/a.jpg" alt="港口" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
  });

  it('gives an image without alt, or with an empty one, the post title', () => {
    expect(decorated('<img src="https://img.example.cn/a.jpg">')).toContain('alt="海港新城建设"');
    expect(decorated('<img src="https://img.example.cn/a.jpg" alt=" ">')).toContain('alt="海港新城建设"');
  });

  it('prefers the figure caption for an image without alt', () => {
    expect(decorated('<figure><img src="https://img.example.cn/a.jpg"><figcaption>新建成的码头</figcaption></figure>')).toContain('alt="新建成的码头"');
  });
});

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { removeBackNav } from './back-nav.js';
import { htmlTree } from '../test-support/test-trees.js';

const body = '<p>全区新增市场主体一千余户。</p>';
const category = '<a href="//news.example.cn/category/haifeng.html">返回海风日报新闻</a>';
const home = '<a href="//news.example.cn/">返回首页</a>';

describe('removeBackNav', () => {
  it('removes the one-line form joined by ｜ and names the category', () => {
    const tree = htmlTree(`${body}<p>${category}｜${home}</p>`);
    expect(removeBackNav(tree)).toBe('海风日报');
    expect(toHtml(tree)).toBe(body);
  });

  it('removes the two-line form', () => {
    const tree = htmlTree(`${body}<p>${category}\n${home}</p>`);
    expect(removeBackNav(tree)).toBe('海风日报');
    expect(toHtml(tree)).toBe(body);
  });

  it('removes the two lines when they are separate paragraphs', () => {
    const tree = htmlTree(`${body}<p>${category}</p>\n<p>${home}</p>`);
    expect(removeBackNav(tree)).toBe('海风日报');
    expect(toHtml(tree).trim()).toBe(body);
  });

  it('names the category from relative links too', () => {
    const tree = htmlTree(`${body}<p><a href="../emnews/">返回东财滚动新闻</a>｜<a href="../">返回首页</a></p>`);
    expect(removeBackNav(tree)).toBe('东财滚动');
  });

  it('removes a lone 返回首页 line without naming a category', () => {
    const tree = htmlTree(`${body}<p>${home}</p>`);
    expect(removeBackNav(tree)).toBeNull();
    expect(toHtml(tree)).toBe(body);
  });

  it('leaves a normal link elsewhere in the body untouched', () => {
    const html = `<p>详见<a href="https://news.example.cn/1.html">相关报道</a>。</p>${body}<p><a href="https://news.example.cn/2.html">返回阅读</a>更多内容</p>`;
    const tree = htmlTree(html);
    expect(removeBackNav(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('leaves a back link that is not last in the body', () => {
    const html = `<p>${category}</p>${body}`;
    expect(removeBackNav(htmlTree(html))).toBeNull();
  });
});

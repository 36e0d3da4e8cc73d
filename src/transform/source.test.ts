import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { extractSource } from './source.js';
import { htmlTree } from '../test-support/test-trees.js';

const body = '<p>全区新增市场主体一千余户。</p>';

describe('extractSource', () => {
  it('takes the em_media line out of the body and returns the name without its marks', () => {
    const tree = htmlTree(`${body}<p class="em_media">（文章来源：海风日报）</p>`);
    expect(extractSource(tree)).toBe('海风日报');
    expect(toHtml(tree)).toBe(body);
  });

  it('reads an em_media line whose name is split by keyword spans', () => {
    const tree = htmlTree(`${body}<p class="em_media">（文章来源：东方<span><a href="http://quote.example.cn/1">证券</a></span><span></span>报）</p>`);
    expect(extractSource(tree)).toBe('东方证券报');
  });

  it.each([
    ['来源：新华社', '新华社'],
    ['来源: 新华社', '新华社'],
    ['文章来源：海风日报', '海风日报'],
    ['（来源：海风晚报）', '海风晚报'],
  ])('takes a plain %s paragraph out as %s', (line, name) => {
    const tree = htmlTree(`${body}<p>${line}</p>`);
    expect(extractSource(tree)).toBe(name);
    expect(toHtml(tree)).toBe(body);
  });

  it('finds the source before the byline, among the last paragraphs', () => {
    const tree = htmlTree(`${body}<p>来源：新华社</p><p>□ 仁才</p>`);
    expect(extractSource(tree)).toBe('新华社');
    expect(toHtml(tree)).toBe(`${body}<p>□ 仁才</p>`);
  });

  it('does not take an image credit 图片来源：… for the source', () => {
    const html = `${body}<p>图片来源：海风日报</p>`;
    const tree = htmlTree(html);
    expect(extractSource(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('leaves a source line in the middle of a long body alone', () => {
    const html = `<p>来源：新华社</p>${body}${body}${body}`;
    const tree = htmlTree(html);
    expect(extractSource(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('does not read a long sentence that mentions 来源 as a source', () => {
    const html = `${body}<p>来源：${'据了解，'.repeat(20)}</p>`;
    expect(extractSource(htmlTree(html))).toBeNull();
  });
});

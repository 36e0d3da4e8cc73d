import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { bylineOf, extractByline } from './byline.js';
import { htmlTree } from '../test-support/test-trees.js';

const body = '<p>全区新增市场主体一千余户。</p>';

describe('extractByline', () => {
  it.each([
    ['□ 仁才', '仁才'],
    ['■王海', '王海'],
    ['记者 张三', '记者 张三'],
    ['本报记者 林一', '本报记者 林一'],
    ['（记者 张三 通讯员 李四）', '记者 张三 通讯员 李四'],
    ['(记者 张三)', '记者 张三'],
    ['文/张三', '张三'],
    ['文／张三', '张三'],
    ['编辑：张三', '编辑：张三'],
    ['责任编辑：李四', '责任编辑：李四'],
  ])('takes the closing line %s out of the body as %s', (line, byline) => {
    const tree = htmlTree(`${body}<p>${line}</p>`);
    expect(extractByline(tree)).toBe(byline);
    expect(toHtml(tree)).toBe(body);
  });

  it('trims the space the scraper left after the name', () => {
    const tree = htmlTree(`${body}<p>□ 仁才 </p>`);
    expect(extractByline(tree)).toBe('仁才');
  });

  it('leaves an ordinary last sentence ending in 。 in the body', () => {
    const html = `${body}<p>记者从会上了解到，项目将于年底完工。</p>`;
    const tree = htmlTree(html);
    expect(extractByline(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('leaves a last paragraph without a byline mark in the body', () => {
    const html = `${body}<p>下一步将继续推进</p>`;
    const tree = htmlTree(html);
    expect(extractByline(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('only looks at the last paragraph', () => {
    const html = `<p>记者 张三</p>${body}`;
    expect(extractByline(htmlTree(html))).toBeNull();
  });

  it('finds nothing in an empty body', () => {
    expect(extractByline(htmlTree(''))).toBeNull();
  });
});

describe('bylineOf', () => {
  it('refuses lines longer than a byline', () => {
    expect(bylineOf(`记者 ${'张'.repeat(40)}`)).toBeNull();
  });

  it('refuses lines that end a sentence', () => {
    expect(bylineOf('记者 张三报道。')).toBeNull();
    expect(bylineOf('□ 仁才！')).toBeNull();
  });
});

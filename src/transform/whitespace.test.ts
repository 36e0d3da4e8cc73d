import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { htmlTree } from '../test-support/test-trees.js';
import { normalizeWhitespace } from './whitespace.js';

function normalized(html: string): string {
  const tree = htmlTree(html);
  normalizeWhitespace(tree);
  return toHtml(tree);
}

describe('normalizeWhitespace', () => {
  it('trims spaces and no-break spaces at the edges of a paragraph', () => {
    expect(normalized('<p>  港口新闻 </p>')).toBe('<p>港口新闻</p>');
    expect(normalized('<p>&nbsp;港口新闻&nbsp;</p>')).toBe('<p>港口新闻</p>');
  });

  it('removes the full-width 　　 indent at the start of a paragraph', () => {
    expect(normalized('<p>　　全区新增企业一百家。</p>')).toBe('<p>全区新增企业一百家。</p>');
  });

  it('trims inside a leading or trailing inline element', () => {
    expect(normalized('<p><strong>　　重点</strong>内容<em>说明 </em></p>')).toBe('<p><strong>重点</strong>内容<em>说明</em></p>');
  });

  it('keeps spaces inside a paragraph', () => {
    expect(normalized('<p>第一句。 第二句。</p>')).toBe('<p>第一句。 第二句。</p>');
  });

  it('drops paragraphs that are empty, only &nbsp;, only 　 or only line breaks', () => {
    expect(normalized('<p></p><p>&nbsp;</p><p>&nbsp;&nbsp; </p><p>　　</p><p><br></p><p>正文</p>')).toBe('<p>正文</p>');
  });

  it('keeps a paragraph that holds only an image', () => {
    expect(normalized('<p> <img src="https://img.example.cn/a.jpg"> </p>')).toBe('<p><img src="https://img.example.cn/a.jpg"></p>');
  });

  it('drops leading and trailing line breaks but keeps one between lines', () => {
    expect(normalized('<p><br>上一行<br>下一行<br></p>')).toBe('<p>上一行<br>下一行</p>');
  });

  it('trims headings, list items and captions as well', () => {
    expect(normalized('<h2> 小标题 </h2><ul><li> 一 </li></ul><figure><figcaption> 说明 </figcaption></figure>')).toBe(
      '<h2>小标题</h2><ul><li>一</li></ul><figure><figcaption>说明</figcaption></figure>',
    );
  });

  it('drops empty paragraphs nested in a blockquote', () => {
    expect(normalized('<blockquote><p>&nbsp;</p><p>引文</p></blockquote>')).toBe('<blockquote><p>引文</p></blockquote>');
  });
});

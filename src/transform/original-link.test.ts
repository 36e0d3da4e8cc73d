import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { extractOriginalLink } from './original-link.js';
import { htmlTree } from '../test-support/test-trees.js';

const body = '<p>全区新增市场主体一千余户。</p>';
const url = 'http://news.example.cn/html/NW2022030100001.html';

describe('extractOriginalLink', () => {
  it('takes a trailing bare link out of the body and returns its URL', () => {
    const tree = htmlTree(`${body}<p><a href="${url}">${url}</a></p>`);
    expect(extractOriginalLink(tree)).toBe(url);
    expect(toHtml(tree)).toBe(body);
  });

  it('removes the empty <> the scraper left in place of a link', () => {
    const tree = htmlTree(`${body}<p>&lt;&gt;</p>`);
    expect(extractOriginalLink(tree)).toBeNull();
    expect(toHtml(tree)).toBe(body);
  });

  it('takes the link above an empty <> as well', () => {
    const tree = htmlTree(`${body}<p><a href="${url}">${url}</a></p><p>&lt;&gt;</p>`);
    expect(extractOriginalLink(tree)).toBe(url);
    expect(toHtml(tree)).toBe(body);
  });

  it('leaves a trailing link with words for its text in the body', () => {
    const html = `${body}<p><a href="${url}">阅读全文</a></p>`;
    const tree = htmlTree(html);
    expect(extractOriginalLink(tree)).toBeNull();
    expect(toHtml(tree)).toBe(html);
  });

  it('leaves a link inside a sentence in the body', () => {
    const html = `${body}<p>详见<a href="${url}">${url}</a></p>`;
    expect(extractOriginalLink(htmlTree(html))).toBeNull();
  });

  it('takes only the last of two bare links', () => {
    const other = 'https://news.example.cn/other.html';
    const tree = htmlTree(`${body}<p><a href="${other}">${other}</a></p><p><a href="${url}">${url}</a></p>`);
    expect(extractOriginalLink(tree)).toBe(url);
    expect(toHtml(tree)).toBe(`${body}<p><a href="${other}">${other}</a></p>`);
  });

  it('ignores a bare link that is not http or https', () => {
    expect(extractOriginalLink(htmlTree(`${body}<p><a href="mailto:a@example.cn">mailto:a@example.cn</a></p>`))).toBeNull();
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The benchmark's corpus generator: thousands of posts in our users' shapes.
import { generateCorpus } from '../../bench/generate-corpus.mjs';
import { splitFrontMatter } from '../content/front-matter.js';
import { closesEveryElement, splitLeadingHtml } from './parse-body.js';
import { createBodyTransformer } from './transform-body.js';

const fast = createBodyTransformer(new Set(), undefined, { fastParse: true });
const slow = createBodyTransformer(new Set(), undefined, { fastParse: false });

function expectSameArticle(body: string): void {
  const input = { sourcePath: 'posts/x.md', format: 'markdown' as const, body, bodyLine: 7, title: '标题' };
  const quick = fast(input);
  const full = slow(input);
  expect(quick.article).toEqual(full.article);
  expect(quick.problems).toEqual(full.problems);
}

describe('splitLeadingHtml', () => {
  it('takes the leading HTML blocks and leaves the markdown after them', () => {
    const { html, htmlLines, rest, restLine } = splitLeadingHtml('<p>一</p>\n<p>二</p>\n\n<div>三</div>\n\n<http://a.example/>\n\n[返回](//b/)');
    expect(html).toBe('<p>一</p>\n<p>二</p>\n<div>三</div>');
    expect(htmlLines).toEqual([1, 2, 4]);
    expect(rest).toBe('\n<http://a.example/>\n\n[返回](//b/)');
    expect(restLine).toBe(5);
  });

  it('lets markdown come first, up to an HTML block after a blank line', () => {
    const split = splitLeadingHtml('> 摘要\n\n<p>正文</p>\n\n<http://a.example/>');
    expect(split.lead).toBe('> 摘要\n');
    expect(split.html).toBe('<p>正文</p>');
    expect(split.htmlLines).toEqual([3]);
  });

  it('takes nothing for inline tags or blocks that are not block HTML', () => {
    expect(splitLeadingHtml('<span>行内</span>\n\n正文').html).toBe('');
    expect(splitLeadingHtml('<pre>\n\n</pre>').html).toBe('');
    expect(splitLeadingHtml('段落\n<p>打断段落的 HTML</p>').html).toBe('');
  });
});

describe('the fast parse of leading HTML gives the same article as micromark', () => {
  it('for 1,500 generated posts in our users’ shapes', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'baoku-parse-body-'));
    try {
      generateCorpus(folder, 1500, 7);
      const postsFolder = path.join(folder, '_posts');
      for (const name of readdirSync(postsFolder)) {
        expectSameArticle(splitFrontMatter(readFileSync(path.join(postsFolder, name), 'utf8')).body);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/finews');
  // The real posts live beside the project, not in it; a fresh clone without them skips this.
  it.skipIf(!existsSync(corpus))('for every post of the real corpus', () => {
    for (const name of readdirSync(corpus).filter((n) => n.endsWith('.md'))) {
      expectSameArticle(splitFrontMatter(readFileSync(path.join(corpus, name), 'utf8').replace(/\r\n?/g, '\n')).body);
    }
  });

  it('for generated bodies of HTML blocks followed by markdown', () => {
    const text = fc.constantFrom('新闻', '正文内容。', 'AT&amp;T', '<b>粗</b>', '<a href="http://x.example/">链</a>', '<script>alert(1)</script>', '&nbsp;', '　　缩进');
    const block = fc.tuple(fc.constantFrom('p', 'div', 'center', 'table', 'ul', 'blockquote', 'h2', 'section'), fc.array(text, { maxLength: 4 }), fc.boolean()).map(
      ([tag, parts, close]) => ` <${tag}>${parts.join('')}${close ? `</${tag}>` : ''}`,
    );
    const markdownLine = fc.constantFrom('<http://a.example/x>', '[返回某某新闻](//old.example/c/)｜[返回首页](//old.example/)', '> 摘要', '普通段落。', '- 列表', '<>', '**粗体**', '两行\n段落', '> 引用\n续行', '```', '    缩进');
    const body = fc
      .tuple(fc.array(markdownLine, { maxLength: 2 }), fc.array(fc.tuple(block, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.array(markdownLine, { maxLength: 4 }))
      .map(([lead, blocks, lines]) => `${lead.map((l) => `${l}\n\n`).join('')}${blocks.map(([b, gap]) => (gap ? `${b}\n` : b)).join('\n')}\n\n${lines.join('\n\n')}`);
    fc.assert(fc.property(body, (b) => expectSameArticle(b)), { numRuns: 400 });
  });
});

describe('the markdown after the HTML, read without micromark', () => {
  it.each([
    '<http://a.example/x?code=NW1#top>',
    '<https://a.example/中文/路径>',
    '<>',
    '[返回闽东日报新闻](//old.example.com/category/mindongribao.html)｜[返回首页](//old.example.com/)',
    '[返回东财滚动新闻](../emnews/)\n[返回首页](../)',
    '[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n[返回目录](../list/)',
    '[甲](a)、[乙](b)/[丙](c)',
    '[返回](javascript:alert)',
    '[返回](//a/b%20c)',
    '[www.example.com](x)',
    '[a_b](x)',
    '[返回](//a/)｜',
    '｜[返回](//a/)',
    '[返回](//a/)  \n[首页](//b/)',
    ' [返回](//a/)',
    '[返回](//a/ "标题")',
    '[返回](<//a/>)',
    '<http://a.example/?a=1&amp;b=2>',
    '<http://a.example/x>\n<http://b.example/y>',
    '[返回](//a/)\n\n<>\n\n<http://c.example/>',
    '普通一句话',
    '第一行\n第二行',
    '> 摘要一句。',
    '> 摘要\n> 两行',
    '>没有空格的引用',
    '> [返回](//a/)',
    '> - 列表',
    '1. 编号',
    '# 标题',
    '文字 *强调*',
    '带网址 http://a.example/ 的句子',
    '邮件 a@b.example',
    '文字\n===',
    '文字\n---',
    '价格 100% (含税), 约 $5 ^_^',
    '分隔 | 竖线',
  ])('%s', (markdown) => {
    expectSameArticle(`<p>正文第一段。</p>\n\n${markdown}`);
    expectSameArticle(`${markdown}\n\n<p>正文第一段。</p>\n <p>第二段。</p>\n\n<http://a.example/x>`);
    expectSameArticle(markdown);
  });
});

describe('closesEveryElement', () => {
  it('accepts closed markup, void elements, comments and script text', () => {
    expect(closesEveryElement('<p>一<br><img src="a.png"></p><!-- <div> --><p>二</p>')).toBe(true);
    expect(closesEveryElement('<center><img src=x /></center><script>"<div>"</script>')).toBe(true);
  });

  it('refuses anything left open, which would swallow the markdown after it', () => {
    expect(closesEveryElement('<blockquote><p>一</p>')).toBe(false);
    expect(closesEveryElement('<p><b>粗</p>')).toBe(false);
    expect(closesEveryElement('<p>一<p>二')).toBe(false);
    expect(closesEveryElement('<table><tr><td>一</table>')).toBe(false);
  });
});

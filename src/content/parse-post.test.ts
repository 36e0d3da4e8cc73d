import { describe, it, expect } from 'vitest';
import { formatIso, formatDay } from './post-date.js';
import { formatOf, parsePost, type ParseOptions } from './parse-post.js';
import type { Post } from './post.js';
import type { Problem } from '../report/problem.js';

const options: ParseOptions = { timezone: 'Asia/Shanghai', draft: false };

/** A post file's text from front matter lines and a body. */
const file = (frontMatter: string[], body = '正文。\n'): string => ['---', ...frontMatter, '---', body].join('\n');

function parseOk(sourcePath: string, source: string, parseOptions = options): { post: Post; problems: readonly Problem[] } {
  const { post, problems } = parsePost(sourcePath, source, parseOptions);
  if (!post) throw new Error(`expected a post, got ${JSON.stringify(problems)}`);
  return { post, problems };
}

describe('parsePost: slug and date', () => {
  it('takes the slug and date from a YYYY-MM-DD-slug.md name', () => {
    const { post, problems } = parseOk('posts/2022-02-25-NW2022022501.md', file(['title: 标题']));
    expect(post.slug).toBe('NW2022022501');
    expect(formatIso(post.date)).toBe('2022-02-25T00:00:00+08:00');
    expect(post.sourcePath).toBe('posts/2022-02-25-NW2022022501.md');
    expect(problems).toEqual([]);
  });

  it('uses the front matter time when it falls on the file name day, without a warning', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['date: 2022-02-25 09:55:40 +0800']));
    expect(formatIso(post.date)).toBe('2022-02-25T09:55:40+08:00');
    expect(problems).toEqual([]);
  });

  it('compares days in the site zone: 23:30 -0500 the day before is the file name day in Shanghai', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['date: 2022-02-24 23:30:00 -0500']));
    expect(formatDay(post.date)).toBe('2022-02-25');
    expect(problems).toEqual([]);
  });

  it('takes the date from front matter and the slug from the name when the name has no date', () => {
    const { post } = parseOk('posts/init.md', file(['date: 2021-12-01 08:00:00 +0800']));
    expect(post.slug).toBe('init');
    expect(formatIso(post.date)).toBe('2021-12-01T08:00:00+08:00');
  });

  it('uses a front matter slug over the file name', () => {
    const { post } = parseOk('posts/2022-02-25-x.md', file(['slug: ningde-xinqu']));
    expect(post.slug).toBe('ningde-xinqu');
  });

  it('lets the front matter date win over the file name date, with a warning', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['title: 标题', 'date: 2022-02-26 10:00:00 +0800']));
    expect(formatDay(post.date)).toBe('2022-02-26');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'front-matter/date-mismatch',
        file: 'posts/2022-02-25-x.md',
        line: 3,
      }),
    ]);
  });

  it('falls back to the file name date when the front matter date is only " +0800", with a warning', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['title: 标题', 'date:  +0800']));
    expect(formatDay(post.date)).toBe('2022-02-25');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'front-matter/date', line: 3 }),
    ]);
    expect(problems[0]?.message).toContain('+0800');
  });

  it('falls back to the file name date when the front matter date is invalid', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['date: 2022-13-45']));
    expect(formatDay(post.date)).toBe('2022-02-25');
    expect(problems.map((p) => p.rule)).toEqual(['front-matter/date']);
  });

  it('reports a post with no date anywhere as an error naming the file, and skips it', () => {
    const result = parsePost('posts/undated.md', file(['title: 标题']), options);
    expect(result.post).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'front-matter/date', file: 'posts/undated.md' }),
    ]);
  });

  it('reports an unreadable date with no file name date as an error', () => {
    const result = parsePost('posts/-NW01.md', file(['date:  +0800']), options);
    expect(result.post).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'front-matter/date', file: 'posts/-NW01.md', line: 2 }),
    ]);
  });

  it('dates an undated draft by its modification time', () => {
    const modifiedMs = Date.UTC(2022, 1, 25, 1, 55, 40);
    const { post } = parseOk('_drafts/idea.md', file(['title: 草稿']), { ...options, draft: true, modifiedMs });
    expect(formatIso(post.date)).toBe('2022-02-25T09:55:40+08:00');
    expect(post.draft).toBe(true);
  });
});

describe('parsePost: skipping', () => {
  it('skips a post with published: false without a problem', () => {
    const result = parsePost('posts/2022-02-25-x.md', file(['published: false']), options);
    expect(result.post).toBeNull();
    expect(result.problems).toEqual([]);
  });

  it('skips a post whose front matter is broken and says why', () => {
    const result = parsePost('posts/2022-02-25-x.md', '---\ntitle: 标题\n正文\n', options);
    expect(result.post).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'front-matter/unclosed', file: 'posts/2022-02-25-x.md' }),
    ]);
  });

  it('skips an empty file with an error', () => {
    for (const source of ['', '\n  \n']) {
      const result = parsePost('posts/2022-02-25-x.md', source, options);
      expect(result.post).toBeNull();
      expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', rule: 'content/empty', line: 1 })]);
    }
  });

  it('keeps the warning about a blank line before ---', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', `\n${file(['title: 标题'])}`);
    expect(post.title).toBe('标题');
    expect(post.bodyLine).toBe(5);
    expect(problems.map((p) => p.rule)).toEqual(['front-matter/leading-blank-line']);
  });
});

describe('parsePost: categories and tags', () => {
  const categoriesOf = (lines: string[]) => parseOk('posts/2022-02-25-x.md', file(lines)).post.categories;
  const tagsOf = (lines: string[]) => parseOk('posts/2022-02-25-x.md', file(lines)).post.tags;

  it('reads categories written as one word', () => {
    expect(categoriesOf(['categories: mindongribao'])).toEqual(['mindongribao']);
  });

  it('reads categories written as a list', () => {
    expect(categoriesOf(['categories: [emnews, 财经]'])).toEqual(['emnews', '财经']);
    expect(categoriesOf(['categories:', '  - emnews', '  - 财经'])).toEqual(['emnews', '财经']);
  });

  it('splits a categories string on spaces', () => {
    expect(categoriesOf(['categories: a b'])).toEqual(['a', 'b']);
  });

  it('keeps a singular category whole, spaces and all', () => {
    expect(categoriesOf(['category: "a b"'])).toEqual(['a b']);
  });

  it('has no categories when none are written', () => {
    expect(categoriesOf(['title: 标题'])).toEqual([]);
  });

  it('reads tags the same ways', () => {
    expect(tagsOf(['tags: 闽东日报新闻'])).toEqual(['闽东日报新闻']);
    expect(tagsOf(['tags: [经济, 民生]'])).toEqual(['经济', '民生']);
    expect(tagsOf(['tags: 经济 民生'])).toEqual(['经济', '民生']);
    expect(tagsOf(['tag: "经济 民生"'])).toEqual(['经济 民生']);
  });

  it('warns about tags or categories written as a map, on their line, and ignores the map', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['title: 标题', 'tags:', '  a: 1', 'categories: [x, {y: 1}]']));
    expect(post.tags).toEqual([]);
    expect(post.categories).toEqual(['x']);
    expect(problems.map((p) => [p.rule, p.line, p.severity])).toEqual([
      ['front-matter/type', 5, 'warning'],
      ['front-matter/type', 3, 'warning'],
    ]);
  });
});

describe('parsePost: other fields', () => {
  it('warns about a title that is a list and leaves the title empty', () => {
    const { post, problems } = parseOk('posts/2022-02-25-x.md', file(['layout: post', 'title: [一, 二]']));
    expect(post.title).toBe('');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'front-matter/type', line: 3 }),
    ]);
  });

  it('turns a numeric title into text', () => {
    expect(parseOk('posts/2022-02-25-x.md', file(['title: 2022'])).post.title).toBe('2022');
  });

  it('passes other keys through in data', () => {
    const { post } = parseOk('posts/2022-02-25-x.md', file(['title: 标题', 'source: 东南网', 'views: 12']));
    expect(post.data).toMatchObject({ title: '标题', source: '东南网', views: 12 });
  });

  it('fills layout, permalink and excerpt from front matter, with defaults', () => {
    const plain = parseOk('posts/2022-02-25-x.md', file([])).post;
    expect([plain.layout, plain.permalink, plain.excerpt]).toEqual(['post', null, null]);
    const custom = parseOk(
      'posts/2022-02-25-x.md',
      file(['layout: page', 'permalink: /news/x.html', 'excerpt: 摘要']),
    ).post;
    expect([custom.layout, custom.permalink, custom.excerpt]).toEqual(['page', '/news/x.html', '摘要']);
  });

  it('gives the body and the line it starts on', () => {
    const { post } = parseOk('posts/2022-02-25-x.md', file(['title: 标题', 'layout: post'], '第一段\n\n第二段\n'));
    expect(post.body).toBe('第一段\n\n第二段\n');
    expect(post.bodyLine).toBe(5);
  });

  it('reads a .html post as html and a .md or .markdown post as markdown', () => {
    expect(parseOk('posts/2022-02-25-x.html', file([])).post.format).toBe('html');
    expect(parseOk('posts/2022-02-25-x.html', file([])).post.slug).toBe('x');
    expect(parseOk('posts/2022-02-25-x.md', file([])).post.format).toBe('markdown');
    expect(parseOk('posts/2022-02-25-x.markdown', file([])).post.slug).toBe('x');
    expect(formatOf('X.HTML')).toBe('html');
  });
});

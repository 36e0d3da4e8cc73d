import { describe, it, expect } from 'vitest';
import { decodePost } from './decode-post.js';
import { lineOfKey, readSimpleYaml, splitFrontMatter } from './front-matter.js';

const post = [
  '---',
  'layout: post',
  'title: "宁德新区 开工仪式举行"',
  'date: 2022-02-25 09:55:40 +0800',
  'categories: mindongribao',
  'tags: 闽东日报新闻',
  '---',
  '<p>本报讯 新区今日开工。</p>',
].join('\n');

describe('splitFrontMatter', () => {
  it('reads the keys of a typical post and starts the body on the line after ---', () => {
    const split = splitFrontMatter(post);
    expect(split.data).toEqual({
      layout: 'post',
      title: '宁德新区 开工仪式举行',
      date: '2022-02-25 09:55:40 +0800',
      categories: 'mindongribao',
      tags: '闽东日报新闻',
    });
    expect(split.body).toBe('<p>本报讯 新区今日开工。</p>');
    expect(split.bodyLine).toBe(8);
    expect(split.issues).toEqual([]);
  });

  it('gives the whole text as body when there is no front matter', () => {
    const split = splitFrontMatter('只有正文。\n');
    expect(split.data).toEqual({});
    expect(split.body).toBe('只有正文。\n');
    expect(split.bodyLine).toBe(1);
    expect(split.issues).toEqual([]);
  });

  it('reads an empty front matter block', () => {
    const split = splitFrontMatter('---\n---\n正文');
    expect(split.data).toEqual({});
    expect(split.body).toBe('正文');
    expect(split.bodyLine).toBe(3);
  });

  it('accepts a blank line before the opening --- with a warning, and counts it in bodyLine', () => {
    const split = splitFrontMatter('\n---\ntitle: 标题\n---\n正文\n');
    expect(split.data).toEqual({ title: '标题' });
    expect(split.body).toBe('正文\n');
    expect(split.bodyLine).toBe(5);
    expect(split.issues).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'front-matter/leading-blank-line', line: 1 }),
    ]);
  });

  it('reports front matter that is never closed', () => {
    const split = splitFrontMatter('---\ntitle: 标题\n正文\n');
    expect(split.data).toEqual({});
    expect(split.issues).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'front-matter/unclosed', line: 1 }),
    ]);
  });

  it('points invalid YAML at the line of the file that holds it', () => {
    const split = splitFrontMatter('---\nlayout: post\ntitle: 记者: 张三\n---\n正文\n');
    expect(split.issues).toHaveLength(1);
    expect(split.issues[0]).toMatchObject({ severity: 'error', rule: 'front-matter/yaml', line: 3 });
    expect(split.issues[0]?.message).toMatch(/^invalid front matter: /);
  });

  it.each([
    ['"', 'title: "未闭合 \\" 引号\ncategories: ok\nlayout: post'],
    ["'", "title: '未闭合 '' 引号\ncategories: ok\nlayout: post"],
  ])('points an unclosed %s quote at the line that opens it, not where the text runs out', (_quote, yaml) => {
    const split = splitFrontMatter(`---\n${yaml}\n---\n正文\n`);
    expect(split.issues).toEqual([expect.objectContaining({ severity: 'error', rule: 'front-matter/yaml', line: 2, column: 8 })]);
  });

  it('counts leading blank lines in the line of a YAML error', () => {
    const split = splitFrontMatter('\n\n---\nlayout: post\ntitle: 记者: 张三\n---\n');
    const yamlError = split.issues.find((issue) => issue.rule === 'front-matter/yaml');
    expect(yamlError?.line).toBe(5);
  });

  it('warns about a duplicate key, names it and its line, and keeps the last value', () => {
    const split = splitFrontMatter('---\ntitle: 旧标题\nlayout: post\ntitle: 新标题\n---\n');
    expect(split.data.title).toBe('新标题');
    expect(split.issues).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'front-matter/duplicate-key', line: 4 }),
    ]);
    expect(split.issues[0]?.message).toContain('"title"');
  });

  it('refuses ---js front matter without running it', () => {
    const marker = '__baokuFrontMatterRan';
    const split = splitFrontMatter(`---js\n{ title: (globalThis.${marker} = "ran") }\n---\n正文\n`);
    expect(split.data).toEqual({});
    expect(split.issues).toEqual([expect.objectContaining({ severity: 'error', rule: 'front-matter/language' })]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('keeps "date:  +0800" as the text +0800, not the number 800', () => {
    const split = splitFrontMatter('---\ntitle: 标题\ndate:  +0800\n---\n');
    expect(split.data.date).toBe('+0800');
  });

  it('keeps dates as written text rather than YAML timestamps', () => {
    const split = splitFrontMatter('---\ndate: 2022-02-25\n---\n');
    expect(split.data.date).toBe('2022-02-25');
  });

  it('does not run a !!js/function tag', () => {
    const marker = '__baokuYamlFunctionRan';
    const split = splitFrontMatter(`---\ntitle: !!js/function "function () { globalThis.${marker} = 1 }"\n---\n`);
    expect(typeof split.data.title).not.toBe('function');
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('warns about a YAML tag it does not know, naming the tag and its line', () => {
    const split = splitFrontMatter('---\ncategories: x\ntitle: !!js/function "function () {}"\n---\n');
    expect(split.data.title).toBe('function () {}');
    expect(split.issues).toEqual([expect.objectContaining({ severity: 'warning', rule: 'front-matter/yaml-tag', line: 3, message: expect.stringContaining('!!js/function') })]);
  });

  it('stops a billion-laughs alias bomb quickly', () => {
    const names = 'abcdefghij';
    const lines = ['---', 'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]'];
    for (let i = 1; i < names.length; i++) {
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
    }
    lines.push('---', '正文');
    const started = Date.now();
    const split = splitFrontMatter(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    const error = split.issues.find((issue) => issue.severity === 'error');
    // Either refused, or read into something small.
    if (!error) expect(JSON.stringify(split.data).length).toBeLessThan(100_000);
    else expect(error.rule).toBe('front-matter/yaml');
  });

  it('reads a CRLF file once decodePost has made its line endings LF', () => {
    const bytes = new TextEncoder().encode('---\r\ntitle: 标题\r\nlayout: post\r\n---\r\n第一行\r\n第二行\r\n');
    const decoded = decodePost('posts/2022-02-25-x.md', bytes);
    if (decoded.text === null) throw new Error('expected the file to decode');
    const split = splitFrontMatter(decoded.text);
    expect(split.data).toEqual({ title: '标题', layout: 'post' });
    expect(split.body).toBe('第一行\n第二行\n');
    expect(split.bodyLine).toBe(5);
  });

  it('accepts ... as the closing line', () => {
    const split = splitFrontMatter('---\ntitle: 标题\n...\n正文');
    expect(split.data).toEqual({ title: '标题' });
    expect(split.body).toBe('正文');
    expect(split.bodyLine).toBe(4);
  });
});

describe('lineOfKey', () => {
  it('finds the line of a top-level key, and 1 when it is missing', () => {
    expect(lineOfKey(post, 'date')).toBe(4);
    expect(lineOfKey(post, 'permalink')).toBe(1);
  });
});

describe('readSimpleYaml, the fast reading of plain key: value lines', () => {
  it('reads the common post front matter', () => {
    expect(readSimpleYaml('layout: post\ntitle: "广聚英才强动能 创新发展立潮头"\ndate: 2022-02-25 09:55:40 +0800\ncategories: mindongribao\ntags: 闽东日报新闻\n')).toEqual({
      layout: 'post',
      title: '广聚英才强动能 创新发展立潮头',
      date: '2022-02-25 09:55:40 +0800',
      categories: 'mindongribao',
      tags: '闽东日报新闻',
    });
  });

  it('gives what the YAML library gives, or leaves the text to it', async () => {
    const fc = (await import('fast-check')).default;
    const YAML = (await import('yaml')).default;
    const key = fc.constantFrom('title', 'date', 'tags', 'a-b', 'x_1', 'Title');
    const value = fc.constantFrom('', 'post', '"引号 标题"', "'单引号'", '"带\\"转义"', '2022-02-25 09:55:40 +0800', '+0800', '123', '1.5', 'true', 'null', '~', '- 列表', '[a, b]', 'a: b', 'x #注释', '#开头', '&锚', '*别名', '!!js/function "f"', '"a" b', '闽东日报新闻 财经', 'AT&T <中国>', '{{ 7*7 }}', '  前后空格  ', '0x1F', '.inf');
    const lines = fc.array(fc.tuple(key, value).map(([k, v]) => `${k}:${v === '' ? '' : ` ${v}`}`), { maxLength: 6 });
    fc.assert(
      fc.property(lines, (ls) => {
        const text = `${ls.join('\n')}\n`;
        const simple = readSimpleYaml(text);
        if (simple === null) return true;
        const full = YAML.parse(text, { schema: 'core' }) ?? {};
        expect(simple).toEqual(full);
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

/**
 * Hostile and broken input: script injection in bodies and front matter, path escapes, broken
 * files, and what a build must never lose. Every fixture is generated here into a temporary
 * folder; the pages are read back with a real HTML parser (parse5, through rehype-parse).
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate-corpus.mjs';
import type { BuildResult } from '../src/build.js';
import type { Problem } from '../src/report/problem.js';
import { childNamed, childrenNamed, parseXmlStrictly, type XmlElement } from '../src/test-support/parse-xml-strictly.js';
import { listFiles, snapshotTree } from './support/file-tree.js';
import { createFixtureSite, projectRoot, type FixtureSite } from './support/fixture-site.js';
import { byClass, byTag, pageHazards, parseDocument, textContent } from './support/page-hazards.js';

/**
 * Feeds and the sitemap are only written with a url: every site here has one, so they are checked too.
 * The search index is left out (it costs more than the rest of these builds) except where it says so.
 */
const siteConfig = 'title: 测试站\nurl: https://news.example.org\nsearch: false\n';

/** A site at `<parent>/site`, in a fresh temporary parent folder the test can watch. */
interface Sandbox {
  readonly parent: string;
  readonly site: FixtureSite;
  remove(): void;
}

function sandbox(files: Record<string, string | Uint8Array>): Sandbox {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'baoku-hostile-'));
  const site = createFixtureSite({ '_config.yml': siteConfig, ...files }, { parent });
  return { parent, site, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Front matter written with JSON values (a JSON string is a YAML double-quoted scalar), then the body. */
function post(data: Record<string, unknown>, body: string): string {
  const lines = Object.entries(data).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return ['---', ...lines, '---', body].join('\n');
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled `baoku` command; a run that outlives `timeoutMs` is killed, and says so. */
function baoku(cwd: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'bin/baoku.js'), ...args],
      { cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 30_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (failure, stdout, stderr) => {
        const code = failure ? (typeof failure.code === 'number' ? failure.code : null) : 0;
        resolve({ code, signal: failure?.signal ?? null, stdout, stderr });
      },
    );
  });
}

const stackTrace = /\n\s+at /;

function problemsOf(result: BuildResult, file: string): Problem[] {
  return result.problems.filter((p) => p.file === file);
}

/** The files the build wrote whose names end in `extension`, relative to the destination. */
function outputFiles(out: string, extension: string): string[] {
  return listFiles(out).filter((file) => file.endsWith(extension));
}

/** Escapes applied twice: what a page shows as `&amp;` instead of `&`. */
const doubleEscaped = /&amp;(?:amp|lt|gt|quot|#x?[0-9a-f]+);/i;

/** The `<meta>` content of a page by name or property. */
function metaContent(html: string, key: string): string | undefined {
  const meta = byTag(parseDocument(html), 'meta').find((m) => m.properties.name === key || m.properties.property === key);
  return meta ? String(meta.properties.content) : undefined;
}

function jsonLd(html: string): Record<string, unknown> {
  const script = byTag(parseDocument(html), 'script').find((s) => s.properties.type === 'application/ld+json');
  return JSON.parse(script ? textContent(script) : 'null') as Record<string, unknown>;
}

function articleBody(html: string) {
  const [body] = byClass(parseDocument(html), 'article-body');
  if (!body) throw new Error('page has no .article-body');
  return body;
}

/** Each `<entry>` of an Atom feed, read strictly. */
function feedEntries(xml: string): XmlElement[] {
  return childrenNamed(parseXmlStrictly(xml), 'entry');
}

// ─── Script injection in bodies ────────────────────────────────────────────────────────────────

interface Payload {
  readonly name: string;
  readonly markup: string;
  /** Whether there is something executable to remove (and so a body/unsafe warning); default true. */
  readonly warns?: boolean;
}

/** HTML, put into both .html and .md posts. */
const htmlPayloads: readonly Payload[] = [
  { name: 'script', markup: '<script>alert(1)</script>' },
  { name: 'external script', markup: '<SCRIPT SRC=//evil.example/x.js></SCRIPT>' },
  { name: 'style', markup: '<style>body{background:url("javascript:alert(1)")}</style>' },
  { name: 'iframe', markup: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'iframe srcdoc', markup: '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>' },
  { name: 'object', markup: '<object data="javascript:alert(1)"><param name="src" value="javascript:alert(1)"></object>' },
  { name: 'embed', markup: '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">' },
  { name: 'base', markup: '<base href="javascript:alert(1)//">' },
  { name: 'meta refresh', markup: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { name: 'link', markup: '<link rel="stylesheet" href="javascript:alert(1)">' },
  { name: 'template', markup: '<template><script>alert(1)</script></template>' },
  { name: 'img onerror', markup: '<img src=x onerror=alert(1)>' },
  { name: 'event handlers on text', markup: '<p onclick="alert(1)" onmouseover=alert(1) ONFOCUS=alert(1) tabindex=0>文字</p>' },
  // A fragment parser drops a <body> start tag with its attributes: nothing reaches the tree.
  { name: 'body onload', markup: '<body onload=alert(1)>', warns: false },
  { name: 'details ontoggle', markup: '<details open ontoggle=alert(1)><summary>x</summary></details>' },
  { name: 'eval(src)', markup: '<img src=x:alert(alt) onerror=eval(src) alt=0>' },
  { name: 'javascript: href', markup: '<a href="javascript:alert(1)">点我</a>' },
  { name: 'mixed-case scheme', markup: '<a href="JaVaScRiPt:alert(1)">点我</a>' },
  { name: 'leading space', markup: '<a href=" javascript:alert(1)">点我</a>' },
  { name: 'leading control character', markup: '<a href="\u0001javascript:alert(1)">点我</a>' },
  { name: 'tab entity in scheme', markup: '<a href="jav&#x09;ascript:alert(1)">点我</a>' },
  { name: 'newline entity in scheme', markup: '<a href="java&#10;script:alert(1)">点我</a>' },
  { name: 'decimal entity', markup: '<a href="&#106;avascript:alert(1)">点我</a>' },
  { name: 'all hex entities', markup: '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">点我</a>' },
  { name: 'named entity colon', markup: '<a href="javascript&colon;alert(1)">点我</a>' },
  { name: 'vbscript:', markup: '<a href="vbscript:msgbox(1)">点我</a>' },
  { name: 'data: href', markup: '<a href="data:text/html,<script>alert(1)</script>">点我</a>' },
  { name: 'svg data image', markup: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">' },
  { name: 'javascript: src', markup: '<img src="javascript:alert(1)">' },
  { name: 'srcset', markup: '<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">' },
  { name: 'picture source srcset', markup: '<picture><source srcset="javascript:alert(1)"><img src="a.png"></picture>' },
  { name: 'form action', markup: '<form action="javascript:alert(1)"><input type="submit" value="提交"></form>' },
  { name: 'formaction', markup: '<button formaction="javascript:alert(1)">提交</button>' },
  { name: 'isindex action', markup: '<isindex action="javascript:alert(1)" type="image">' },
  { name: 'video poster', markup: '<video poster="javascript:alert(1)"><source src="javascript:alert(1)"></video>' },
  { name: 'background', markup: '<table background="javascript:alert(1)"><tr><td>格</td></tr></table>' },
  { name: 'xlink:href outside svg', markup: '<a xlink:href="javascript:alert(1)">点我</a>' },
  { name: 'svg onload', markup: '<svg onload=alert(1)>' },
  { name: 'svg script', markup: '<svg><script>alert(1)</script></svg>' },
  { name: 'svg xlink:href', markup: '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>' },
  { name: 'svg animate', markup: '<svg><animate attributeName="href" values="javascript:alert(1)" /></svg>' },
  { name: 'svg foreignObject', markup: '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>' },
  { name: 'math maction', markup: '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>' },
  { name: 'math href', markup: '<math href="javascript:alert(1)">CLICKME</math>' },
  { name: 'mXSS noscript title', markup: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>' },
  { name: 'mXSS math mglyph style', markup: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  { name: 'mXSS svg style', markup: '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">' },
  { name: 'mXSS nested form', markup: '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>' },
  { name: 'comment closed early', markup: '<!--><img src=x onerror=alert(1)>-->' },
  { name: 'comment --!>', markup: '<!-- --!><img src=x onerror=alert(1)> -->' },
  { name: 'CDATA outside foreign content', markup: '<![CDATA[><img src=x onerror=alert(1)>]]>' },
  // Nothing runs here: the script is inside a comment, which is dropped.
  { name: 'conditional comment', markup: '<!--[if IE]><script>alert(1)</script><![endif]-->', warns: false },
  // Raw text: the "tags" are text and come out escaped.
  { name: 'xmp', markup: '<xmp><script>alert(1)</script></xmp>', warns: false },
  { name: 'textarea', markup: '<textarea><script>alert(1)</script></textarea>', warns: false },
];

/** Markdown, put into .md posts only. */
const markdownPayloads: readonly Payload[] = [
  { name: 'link', markup: '[点我](javascript:alert(1))' },
  { name: 'link, upper case', markup: '[点我](JAVASCRIPT:alert(1))' },
  { name: 'link, entity', markup: '[点我](&#106;avascript:alert(1))' },
  // Markdown percent-encodes the tab: `java%09script:` is no scheme to a browser.
  { name: 'link, tab entity', markup: '[点我](java&#x09;script:alert(1))', warns: false },
  { name: 'link in angle brackets', markup: '[点我](<javascript:alert(1)>)' },
  { name: 'link with title', markup: '[点我](javascript:alert(1) "标题")' },
  { name: 'reference link', markup: '[点我][x]\n\n[x]: javascript:alert(1)' },
  { name: 'vbscript link', markup: '[点我](vbscript:msgbox(1))' },
  { name: 'data link', markup: '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'image', markup: '![图](javascript:alert(1))' },
  { name: 'data image', markup: '![图](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'autolink', markup: '<javascript:alert(1)>' },
  { name: 'vbscript autolink', markup: '<vbscript:msgbox(1)>' },
  { name: 'link in a quoted list', markup: '> - [点我](javascript:alert(1))' },
  { name: 'inline raw HTML', markup: '文字 <a href="javascript:alert(1)">点我</a> <img src=x onerror=alert(1)> 文字' },
  { name: 'HTML block script', markup: '<script>\nalert(1)\n</script>' },
  { name: 'HTML block details', markup: '<details ontoggle=alert(1) open>\n\n正文\n\n</details>' },
  { name: 'raw mXSS', markup: '文字 <noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>' },
];

/** Tails that leave something open at the very end of a body. */
const unclosedTails: readonly string[] = [
  '<div>', '<blockquote>', '<a href="https://ok.example/">', '<table><tr><td>', '<ul><li>', '<b><i><u>', '<textarea>', '<!--', '<script>', '<style>',
  '<title>', '<noscript>', '<iframe>', '<xmp>', '<plaintext>', '<select>', '<svg>', '<math>', '<template>', '<noembed>', '<![CDATA[',
  '<img src=x onerror=alert(1)', '<a href="javascript:alert(1)', '<a href=javascript:alert(1)>',
];

interface BodyCase {
  readonly label: string;
  readonly file: string;
  readonly output: string;
  readonly tag: string;
  readonly warns: boolean;
}


/** What a build may create in a site: its destination and its cache (.baoku-cache/, which the speed issue asks for). */
const buildOutputs = ['site/_site', 'site/.baoku-cache'];

describe('script injection in bodies', () => {
  let box: Sandbox;
  let result: BuildResult;
  const cases: BodyCase[] = [];
  const tails: { label: string; file: string; output: string }[] = [];
  const files: Record<string, string> = {};
  const add = (label: string, name: string, format: 'html' | 'md', body: string, warns: boolean): void => {
    const file = `posts/2022-01-01-${name}.${format}`;
    const tag = `t-${name}`;
    files[file] = post({ title: `注入测试 ${name}`, categories: 'xss', tags: [tag] }, body);
    cases.push({ label: `${label} (.${format})`, file, output: `xss/2022/01/01/${name}.html`, tag, warns });
  };
  htmlPayloads.forEach((payload, i) => {
    add(payload.name, `h${i}`, 'html', `<p>前文。</p>\n${payload.markup}\n<p>后文。</p>`, payload.warns ?? true);
    add(payload.name, `hm${i}`, 'md', `前文。\n\n${payload.markup}\n\n后文。`, payload.warns ?? true);
  });
  markdownPayloads.forEach((payload, i) => add(`markdown ${payload.name}`, `m${i}`, 'md', `前文。\n\n${payload.markup}\n\n后文。`, payload.warns ?? true));
  unclosedTails.forEach((tail, i) => {
    for (const format of ['html', 'md'] as const) {
      const file = `posts/2022-01-02-u${i}${format}.${format}`;
      files[file] = post({ title: `未闭合 ${i}`, categories: 'unclosed' }, `<p>正文在此。</p>\n\n${tail}`);
      tails.push({ label: `${tail} (.${format})`, file, output: `unclosed/2022/01/02/u${i}${format}.html` });
    }
  });
  files['posts/2022-01-03-raster.html'] = post({ title: '图片', categories: 'ok' }, '<p>图：<img src="data:image/png;base64,iVBORw0KGgo=" alt="点"></p>');

  beforeAll(async () => {
    box = sandbox(files);
    result = await box.site.build();
  }, 60_000);
  afterAll(() => box?.remove());

  it('builds every hostile post without an error', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.postsRead).toBe(Object.keys(files).length);
  });

  /** The post's page and its tag's feed (which carries the article's HTML to feed readers) are clean. */
  const expectClean = ({ output, tag }: BodyCase): void => {
    const html = box.site.read(output);
    expect(pageHazards(html)).toEqual([]);
    expect(textContent(articleBody(html))).toContain('前文');
    const entries = feedEntries(box.site.read(`tag/${tag}/feed.xml`));
    expect(entries).toHaveLength(1);
    expect(pageHazards(childNamed(entries[0]!, 'content').text, { fragment: true })).toEqual([]);
  };

  it.each(cases.filter((c) => c.warns))('removes $label, with a warning naming the post', (c) => {
    expectClean(c);
    expect(problemsOf(result, c.file)).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'body/unsafe' }));
  });

  it.each(cases.filter((c) => !c.warns))('leaves $label inert', (c) => {
    expectClean(c);
  });

  it.each(tails)('keeps an unclosed $label at the end of a body inside the article', ({ output }) => {
    const html = box.site.read(output);
    expect(pageHazards(html)).toEqual([]);
    const page = parseDocument(html);
    expect(textContent(articleBody(html))).toContain('正文在此。');
    // What follows the article in the theme is still there, and not swallowed into it.
    for (const className of ['post-nav', 'site-footer']) {
      const [element] = byClass(page, className);
      expect(element, className).toBeDefined();
      expect(byClass(articleBody(html), className)).toEqual([]);
    }
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('keeps a raster data:image source, without a warning', () => {
    const html = box.site.read('ok/2022/01/03/raster.html');
    const [img] = byTag(articleBody(html), 'img');
    expect(img?.properties.src).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(problemsOf(result, 'posts/2022-01-03-raster.html').filter((p) => p.rule === 'body/unsafe')).toEqual([]);
  });

  it('leaves nothing executable on any page, list or feed of the site', () => {
    const pages = outputFiles(box.site.out, '.html');
    expect(pages.length).toBeGreaterThan(cases.length);
    const hazards = pages.flatMap((page) => pageHazards(box.site.read(page)).map((hazard) => `${page}: ${hazard}`));
    expect(hazards).toEqual([]);
    for (const feed of outputFiles(box.site.out, '.xml')) {
      const root = parseXmlStrictly(box.site.read(feed));
      for (const entry of childrenNamed(root, 'entry')) expect(pageHazards(childNamed(entry, 'content').text, { fragment: true }), feed).toEqual([]);
    }
  });
});

// ─── Injection through front matter ────────────────────────────────────────────────────────────

describe('injection through front matter', () => {
  let box: Sandbox;
  let result: BuildResult;
  const closingTitle = '</title><script>alert(1)</script>';
  const att = 'AT&T <中国>';
  const attEscaped = 'AT&amp;T &lt;中国&gt;';
  const quoteTitle = '" onmouseover="alert(1)" x="';
  const hostileExcerpt = '"><script>alert(1)</script><meta http-equiv="refresh" content="0;url=javascript:alert(1)">';
  const templateTitle = '{{ 7*7 }} {% include "x" %}';
  const files = {
    'posts/2022-03-01-closing-title.md': post({ title: closingTitle, categories: 'fm' }, '正文一。'),
    'posts/2022-03-02-att.md': post({ title: att, categories: 'fm', tags: [att] }, `正文二，${att}。`),
    'posts/2022-03-03-quote.md': post({ title: quoteTitle, categories: 'fm' }, '<p>图片：<img src="https://img.example.cn/a.jpg"></p>'),
    'posts/2022-03-04-excerpt.md': post({ title: '摘要注入', categories: 'fm', excerpt: hostileExcerpt }, '正文四。'),
    'posts/2022-03-05-terms.md': post({ title: '栏目注入', categories: ['<img src=x onerror=alert(1)>'], tags: ['"><script>alert(1)</script>', 'javascript:alert(1)'] }, '正文五。'),
    'posts/2022-03-06-template.md': post(
      { title: templateTitle, categories: 'fm', excerpt: '{{ site.title }}{% raw %}', tags: ['{{7*7}}'] },
      '正文 {{ 7*7 }} {% include "x" %} {{ range.constructor("return global.process.mainModule.require(\'fs\').writeFileSync(\'pwned\', \'x\')")() }}',
    ),
    'posts/2022-03-07-byline.md': post(
      { title: '署名注入', categories: 'fm' },
      '<p>正文七。</p>\n <p>□ &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;海文</p><p class="em_media">（文章来源：AT&amp;T &lt;中国&gt;）</p>\n\n<https://ok.example/a"onmouseover="alert(1)>',
    ),
    'posts/2022-03-08-date.md': post({ title: '日期注入', categories: 'fm', date: '2022-03-08" onmouseover="alert(1)' }, '正文八。'),
  };

  beforeAll(async () => {
    // With the search page and index: the page is one more place a template prints the site into.
    box = sandbox({ ...files, '_config.yml': siteConfig.replace('search: false', 'search: true') });
    result = await box.site.build();
  }, 30_000);
  afterAll(() => box?.remove());

  it('prints a title closing </title> as text in <title>, the heading, Open Graph and JSON-LD', () => {
    const html = box.site.read('fm/2022/03/01/closing-title.html');
    expect(pageHazards(html)).toEqual([]);
    const page = parseDocument(html);
    expect(textContent(byTag(page, 'title')[0]!)).toBe(`${closingTitle} - 测试站`);
    expect(textContent(byClass(page, 'post-title')[0]!)).toBe(closingTitle);
    expect(metaContent(html, 'og:title')).toBe(closingTitle);
    expect(metaContent(html, 'twitter:title')).toBe(closingTitle);
    expect(jsonLd(html).headline).toBe(closingTitle);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes AT&T <中国> exactly once on the post, its neighbours and every list', () => {
    const pages = ['fm/2022/03/02/att.html', 'fm/2022/03/01/closing-title.html', 'fm/2022/03/03/quote.html', 'index.html', 'category/fm.html', 'archive/2022/03/index.html'];
    for (const page of pages) {
      const html = box.site.read(page);
      expect(html, page).toContain(attEscaped);
      expect(html, page).not.toMatch(doubleEscaped);
    }
    const html = box.site.read('fm/2022/03/02/att.html');
    expect(textContent(byClass(parseDocument(html), 'post-title')[0]!)).toBe(att);
    expect(textContent(byTag(parseDocument(html), 'title')[0]!)).toBe(`${att} - 测试站`);
    const tagLink = byTag(parseDocument(html), 'a').find((a) => a.properties.rel?.toString().includes('tag'));
    expect(tagLink && textContent(tagLink)).toBe(att);
  });

  it('keeps a title with quotes inside the alt attribute it becomes', () => {
    const html = box.site.read('fm/2022/03/03/quote.html');
    expect(pageHazards(html)).toEqual([]);
    const [img] = byTag(articleBody(html), 'img');
    expect(img?.properties.alt).toBe(quoteTitle);
    expect(metaContent(html, 'og:title')).toBe(quoteTitle);
  });

  it('keeps a hostile excerpt inside the description, og:description and JSON-LD', () => {
    const html = box.site.read('fm/2022/03/04/excerpt.html');
    expect(pageHazards(html)).toEqual([]);
    expect(metaContent(html, 'description')).toBe(hostileExcerpt);
    expect(metaContent(html, 'og:description')).toBe(hostileExcerpt);
    expect(jsonLd(html).description).toBe(hostileExcerpt);
  });

  it('prints hostile category and tag names as text and gives them safe paths', () => {
    const html = box.site.read('img-src-x-onerror-alert-1/2022/03/05/terms.html');
    expect(pageHazards(html)).toEqual([]);
    const links = byTag(parseDocument(html), 'a').map((a) => ({ text: textContent(a), href: String(a.properties.href) }));
    expect(links).toContainEqual(expect.objectContaining({ text: '<img src=x onerror=alert(1)>' }));
    expect(links).toContainEqual(expect.objectContaining({ text: '"><script>alert(1)</script>' }));
    const tagLink = links.find((link) => link.text === 'javascript:alert(1)');
    expect(tagLink?.href).toMatch(/^\/tag\//);
    for (const file of listFiles(box.site.out)) expect(file).not.toMatch(/[<>"]|\.\./);
  });

  it('prints template syntax in a title, excerpt, tag and body as text, never running it', () => {
    const html = box.site.read('fm/2022/03/06/template.html');
    const page = parseDocument(html);
    expect(textContent(byClass(page, 'post-title')[0]!)).toBe(templateTitle);
    expect(textContent(byTag(page, 'title')[0]!)).toBe(`${templateTitle} - 测试站`);
    expect(metaContent(html, 'description')).toBe('{{ site.title }}{% raw %}');
    const body = textContent(articleBody(html));
    expect(body).toContain('{{ 7*7 }}');
    expect(body).toContain('{% include "x" %}');
    expect(body).toContain('range.constructor');
    expect(html).not.toMatch(/>\s*49\s*</);
    expect(existsSync(path.join(box.site.root, 'pwned'))).toBe(false);
    expect(existsSync(path.join(projectRoot, 'pwned'))).toBe(false);
  });

  it('prints a byline and source made of markup as text in the footer and JSON-LD', () => {
    const html = box.site.read('fm/2022/03/07/byline.html');
    expect(pageHazards(html)).toEqual([]);
    const page = parseDocument(html);
    expect(textContent(byClass(page, 'byline')[0]!)).toContain('</script><script>alert(1)</script>海文');
    expect(textContent(byClass(page, 'source')[0]!)).toContain(att);
    expect(jsonLd(html)).toMatchObject({ author: { name: '</script><script>alert(1)</script>海文' }, publisher: { name: att } });
    expect(html).not.toMatch(doubleEscaped);
  });

  it('does not let a date carry markup into datetime: it is read from the file name, with a warning', () => {
    const html = box.site.read('fm/2022/03/08/date.html');
    expect(pageHazards(html)).toEqual([]);
    const times = byTag(parseDocument(html), 'time').map((t) => t.properties.dateTime);
    expect(times).toContain('2022-03-08T00:00:00+08:00');
    expect(problemsOf(result, 'posts/2022-03-08-date.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/date' }));
  });

  it('writes feeds and a sitemap that are well-formed XML and carry the titles exactly', () => {
    const feed = box.site.read('feed.xml');
    expect(() => parseXmlStrictly(feed)).not.toThrow();
    const titles = feedEntries(feed).map((entry) => childNamed(entry, 'title').text);
    for (const title of [closingTitle, att, quoteTitle, templateTitle]) expect(titles).toContain(title);
    for (const entry of feedEntries(feed)) expect(pageHazards(childNamed(entry, 'content').text, { fragment: true })).toEqual([]);
    const excerptEntry = feedEntries(feed).find((entry) => childNamed(entry, 'title').text === '摘要注入')!;
    expect(childNamed(excerptEntry, 'summary').text).toBe(hostileExcerpt);
    for (const xml of outputFiles(box.site.out, '.xml')) expect(() => parseXmlStrictly(box.site.read(xml)), xml).not.toThrow();
    const sitemap = box.site.read('sitemap.xml');
    expect(sitemap).not.toContain('%25');
  });

  it('leaves no page of the site with a hazard or a double escape', () => {
    for (const page of outputFiles(box.site.out, '.html')) {
      const html = box.site.read(page);
      expect(pageHazards(html), page).toEqual([]);
      expect(html, page).not.toMatch(doubleEscaped);
    }
  });
});

// ─── Path escapes ──────────────────────────────────────────────────────────────────────────────

describe('path escapes', () => {
  const nonce = `escape-${process.pid}-${Date.now()}`;
  /** Everywhere an escaping write could land, for a site at `<parent>/site` building into `site/_site`. */
  const landingSpots = (parent: string): string[] => [parent, path.dirname(parent), os.tmpdir(), '/', path.join(parent, 'site')].flatMap((dir) => [path.join(dir, `${nonce}.html`), path.join(dir, nonce)]);

  const unsafePermalinks: Record<string, string> = {
    'dotdot': `../../../${nonce}.html`,
    'rooted-dotdot': `/../../${nonce}.html`,
    'encoded-dots': `/%2e%2e/%2e%2e/${nonce}.html`,
    'encoded-slash': `/..%2F..%2F${nonce}.html`,
    'backslashes': `..\\..\\${nonce}.html`,
    'nul': `/a\u0000/${nonce}.html`,
    'placeholder-then-dotdot': `/:title/../../../${nonce}.html`,
    'drive': `C:\\${nonce}.html`,
    'too-long': `/${'长'.repeat(100)}.html`,
  };
  const unsafeLayouts: Record<string, string> = {
    'layout-dotdot': '../../../../etc/passwd',
    'layout-absolute': '/etc/passwd',
    'layout-backslash': '..\\..\\x',
    'layout-encoded': '%2e%2e/x',
    'layout-nul': 'post\u0000',
  };
  const files: Record<string, string> = {
    'posts/2022-04-01-fine.md': post({ title: '正常', categories: 'ok' }, '正常的正文。'),
    'posts/2022-04-02-terms.md': post(
      { title: '栏目路径', categories: ['..', '../..', '/etc', '..\\..', '%2e%2e', 'a\u0000b', '长'.repeat(300)], tags: ['../../../etc/passwd', '%2E%2E%2F', '.', 'x'.repeat(400)] },
      '栏目和标签里的路径。',
    ),
    'posts/2022-04-03-slug.md': post({ title: '别名', categories: 'ok', slug: `../../${nonce}` }, '别名。'),
    'posts/2022-04-04-dotslug.md': post({ title: '点别名', categories: 'ok', slug: '..', permalink: '/:title/index.html' }, '点。'),
    [`posts/2022-04-05-${'长'.repeat(78)}.md`]: post({ title: '长文件名', categories: 'ok' }, '文件名有 245 字节。'),
    'posts/2022-04-06-a\\..\\b.md': post({ title: '反斜杠', categories: 'ok' }, '文件名里有反斜杠。'),
    'posts/2022-04-07-%2e%2e.md': post({ title: '编码的点', categories: 'ok', permalink: '/:title/' }, '文件名是 %2e%2e。'),
    'posts/2022-04-09-...md': post({ title: '三个点', categories: 'ok' }, '文件名的别名是 ..。'),
    // A file name cannot pass 255 bytes (nor hold a NUL): 300 characters come through front matter.
    'posts/2022-04-12-long-slug.md': post({ title: '长别名', categories: 'ok', slug: 'x'.repeat(300) }, '别名有 300 个字符。'),
    [`posts/${'深'.repeat(60)}/${'层'.repeat(60)}/${'目'.repeat(60)}/2022-04-08-deep.md`]: post({ title: '深目录', categories: 'ok' }, '很深的目录。'),
  };
  for (const [name, permalink] of Object.entries(unsafePermalinks)) files[`posts/2022-04-10-${name}.md`] = post({ title: name, categories: 'ok', permalink }, '正文。');
  for (const [name, layout] of Object.entries(unsafeLayouts)) files[`posts/2022-04-11-${name}.md`] = post({ title: name, categories: 'ok', layout }, '正文。');

  let box: Sandbox;
  let result: BuildResult;
  let before: Map<string, string>;
  beforeAll(async () => {
    box = sandbox(files);
    mkdirSync(path.join(box.parent, 'outside'));
    writeFileSync(path.join(box.parent, 'outside', 'keep.txt'), 'keep');
    before = snapshotTree(box.parent, buildOutputs);
    result = await box.site.build();
  }, 30_000);
  afterAll(() => box?.remove());

  it('reads and writes nothing outside the site and its destination', () => {
    expect(snapshotTree(box.parent, buildOutputs)).toEqual(before);
    for (const spot of landingSpots(box.parent)) expect(existsSync(spot), spot).toBe(false);
    for (const file of listFiles(box.site.out)) expect(file.split('/')).not.toContain('..');
  });

  it.each(Object.keys(unsafePermalinks))('refuses the unsafe permalink %s with an error naming the post', (name) => {
    expect(problemsOf(result, `posts/2022-04-10-${name}.md`)).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'site/permalink' }));
  });

  it.each(Object.keys(unsafeLayouts))('refuses the unsafe layout %s with an error naming the post', (name) => {
    expect(problemsOf(result, `posts/2022-04-11-${name}.md`)).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'front-matter/layout' }));
  });

  it('turns hostile categories, tags and slugs into plain path segments inside the destination', () => {
    expect(problemsOf(result, 'posts/2022-04-02-terms.md').filter((p) => p.severity === 'error')).toEqual([]);
    expect(box.site.exists('ok/2022/04/03/..-..-' + nonce + '.html')).toBe(true);
    for (const file of listFiles(box.site.out)) {
      expect(file).not.toMatch(/\\|\u0000|%2e|%2f/i);
      for (const segment of file.split('/')) expect(Buffer.byteLength(segment), file).toBeLessThanOrEqual(255);
    }
  });

  it('refuses a slug of ".." in a permalink, a file named %2e%2e and a 300-character slug, with errors naming them', () => {
    for (const file of ['posts/2022-04-04-dotslug.md', 'posts/2022-04-07-%2e%2e.md', 'posts/2022-04-12-long-slug.md']) {
      expect(problemsOf(result, file), file).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'site/permalink' }));
    }
  });

  it('builds a post with a 245-byte file name, one with backslashes in its name, one named "..", and one in a deep folder', () => {
    expect(box.site.exists(`ok/2022/04/05/${'长'.repeat(78)}.html`)).toBe(true);
    expect(box.site.exists('ok/2022/04/06/a-..-b.html')).toBe(true);
    expect(box.site.exists('ok/2022/04/08/deep.html')).toBe(true);
    expect(box.site.exists('ok/2022/04/09/...html')).toBe(true);
    expect(box.site.exists('ok/2022/04/01/fine.html')).toBe(true);
  });

  it('reports all of it from the command line with exit code 1 and no stack trace', async () => {
    const run = await baoku(box.site.root, ['build']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(stackTrace);
    expect(run.stderr).not.toContain('internal error');
    for (const name of [...Object.keys(unsafePermalinks)]) expect(run.stderr).toMatch(new RegExp(`^error: posts/2022-04-10-${name}\\.md:\\d+: .+ — .+\\[site/permalink\\]$`, 'm'));
    for (const name of [...Object.keys(unsafeLayouts)]) expect(run.stderr).toMatch(new RegExp(`^error: posts/2022-04-11-${name}\\.md:\\d+: .+ — .+\\[front-matter/layout\\]$`, 'm'));
    expect(snapshotTree(box.parent, buildOutputs)).toEqual(before);
  }, 30_000);

  it('refuses a permalink pattern in _config.yml that leaves the destination, for every post', async () => {
    const s = sandbox({ '_config.yml': `${siteConfig}permalink: /../../${nonce}/:title.html\n`, 'posts/2022-04-01-a.md': post({ title: '甲' }, '甲。') });
    try {
      const snapshot = snapshotTree(s.parent, buildOutputs);
      const built = await s.site.build();
      expect(problemsOf(built, 'posts/2022-04-01-a.md')).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'site/permalink' }));
      expect(snapshotTree(s.parent, buildOutputs)).toEqual(snapshot);
      for (const spot of landingSpots(s.parent)) expect(existsSync(spot), spot).toBe(false);
    } finally {
      s.remove();
    }
  });

  it('skips symbolic links in posts/ that lead outside the site, and survives link loops', async () => {
    const s = sandbox({ 'posts/2022-04-01-a.md': post({ title: '甲', categories: 'ok' }, '甲。') });
    try {
      const outside = path.join(s.parent, 'outside');
      mkdirSync(path.join(outside, 'folder'), { recursive: true });
      const secret = `SECRET-${nonce}`;
      writeFileSync(path.join(outside, 'secret.md'), post({ title: secret, date: '2022-04-02' }, secret));
      writeFileSync(path.join(outside, 'folder', '2022-04-03-inner.md'), post({ title: secret }, secret));
      const posts = path.join(s.site.root, 'posts');
      symlinkSync(path.join(outside, 'secret.md'), path.join(posts, '2022-04-02-absolute.md'));
      symlinkSync('../../outside/secret.md', path.join(posts, '2022-04-02-relative.md'));
      symlinkSync(path.join(outside, 'folder'), path.join(posts, 'linked-folder'));
      symlinkSync('/etc/passwd', path.join(posts, '2022-04-02-passwd.md'));
      symlinkSync('/etc', path.join(posts, 'etc'));
      symlinkSync('.', path.join(posts, 'loop'));
      symlinkSync('..', path.join(posts, 'up'));
      symlinkSync('b', path.join(posts, 'a'));
      symlinkSync('a', path.join(posts, 'b'));
      symlinkSync('self.md', path.join(posts, 'self.md'));
      symlinkSync('nowhere.md', path.join(posts, '2022-04-02-dangling.md'));
      const snapshot = snapshotTree(s.parent, buildOutputs);

      const first = await s.site.build();
      const second = await s.site.build();
      for (const built of [first, second]) {
        for (const link of ['2022-04-02-absolute.md', '2022-04-02-relative.md', 'linked-folder', '2022-04-02-passwd.md', 'etc']) {
          expect(problemsOf(built, `posts/${link}`), link).toContainEqual(expect.objectContaining({ rule: 'content/symlink' }));
        }
        // The destination is inside the site, and `posts/up` leads to the site root: the build must not read its own output as posts.
        expect(built.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(built.postsRead).toBe(1);
      }
      for (const file of listFiles(s.site.out)) expect(readFileSync(path.join(s.site.out, file)).toString('latin1')).not.toContain(secret);
      expect(snapshotTree(s.parent, buildOutputs)).toEqual(snapshot);
    } finally {
      s.remove();
    }
  }, 30_000);

  it('never writes through a symbolic link in the destination that leads outside it', async () => {
    const s = sandbox({ 'posts/2022-04-01-a.md': post({ title: '甲', categories: 'ok' }, '甲。') });
    try {
      const outside = path.join(s.parent, 'outside');
      mkdirSync(outside);
      mkdirSync(s.site.out);
      symlinkSync(outside, path.join(s.site.out, 'ok'));
      const snapshot = snapshotTree(s.parent, buildOutputs);
      await s.site.build().catch(() => undefined);
      expect(readdirSync(outside)).toEqual([]);
      expect(snapshotTree(s.parent, buildOutputs)).toEqual(snapshot);
    } finally {
      s.remove();
    }
  });

  it('reports a symbolic link in the destination that leads outside as an error, not an internal error', async () => {
    const s = sandbox({ 'posts/2022-04-01-a.md': post({ title: '甲', categories: 'ok' }, '甲。') });
    try {
      mkdirSync(path.join(s.parent, 'outside'));
      mkdirSync(s.site.out);
      symlinkSync(path.join(s.parent, 'outside'), path.join(s.site.out, 'ok'));
      const run = await baoku(s.site.root, ['build']);
      expect(run.stderr).not.toContain('internal error');
      expect(run.stderr).toMatch(/^error: .*_site\/ok.* — .+$/m);
      expect(run.code).toBe(1);
      expect(s.site.exists('index.html')).toBe(true);
    } finally {
      s.remove();
    }
  });
});

// ─── Broken files ──────────────────────────────────────────────────────────────────────────────

/** Nine-fold nested aliases: 9^9 strings if expanded. */
const aliasBomb = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'title: 炸弹',
  '---',
  '正文。',
].join('\n');

/** A skipped file: the rule of its error, and the line it must name. */
interface Skipped {
  readonly file: string;
  readonly rule: string;
  readonly line?: number;
}

const nfc = 'caf\u00e9';
const nfd = 'cafe\u0301';
/** Twins claim their path in source-path order: the later one is refused. */
const [firstTwin, laterTwin] = [`posts/2022-05-23-${nfc}.md`, `posts/2022-05-23-${nfd}.md`].sort() as [string, string];

const brokenFiles: Record<string, string | Uint8Array> = {
  'posts/2022-05-01-good.md': post({ title: '好文章', categories: 'ok' }, '这一篇没有问题。'),
  'posts/2022-05-02-bad-yaml.md': '---\ntitle: "未闭合\ncategories: ok\n---\n正文。',
  'posts/2022-05-03-unclosed.md': '---\ntitle: 没有结束\ncategories: ok\n正文。\n',
  'posts/2022-05-04-blank-line.md': `\n${post({ title: '空行在前', categories: 'ok' }, '正文。')}`,
  'posts/2022-05-05-duplicate.md': '---\ntitle: 第一个\ncategories: ok\ntitle: 第二个\n---\n正文。',
  'posts/2022-05-06-empty-title.md': '---\ntitle: ""\ncategories: ok\n---\n标题为空的新闻，正文从这里开始。',
  'posts/2022-05-07-plus-date.md': '---\ntitle: 只有时区\ndate:  +0800\ncategories: ok\n---\n正文。',
  'posts/plus-date-no-name.md': '---\ntitle: 只有时区也没有文件日期\ndate:  +0800\n---\n正文。',
  'posts/2022-05-08-no-offset.md': '---\ntitle: 没有时区\ndate: 2022-05-08 10:00:00\ncategories: ok\n---\n正文。',
  'posts/2022-05-09-title-list.md': '---\ntitle: [甲, 乙]\ncategories: ok\n---\n标题是列表的新闻正文。',
  'posts/2022-05-10-tags-map.md': '---\ntitle: 标签是映射\ncategories: ok\ntags:\n  a: 1\n  b: 2\n---\n正文。',
  'posts/2022-05-11-js-function.md': '---\ntitle: !!js/function "function () { globalThis.baokuPwned = true }"\ncategories: ok\ntags: !!python/object/apply:os.system ["touch pwned"]\n---\n正文。',
  'posts/2022-05-12-alias-bomb.md': aliasBomb,
  'posts/2022-05-13-binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 64 }, (_, i) => (i * 37) % 256)]),
  'posts/2022-05-14-gbk.md': Buffer.concat([Buffer.from('---\ntitle: GBK\ncategories: ok\n---\n'), Buffer.from([0xd5, 0xfd, 0xce, 0xc4, 0xa1, 0xa3])]),
  'posts/2022-05-15-bom.md': `\uFEFF${post({ title: '带 BOM', categories: 'ok' }, 'BOM 之后的正文。')}`,
  'posts/2022-05-16-crlf.md': post({ title: 'CRLF 换行', categories: 'ok' }, '第一段。\n\n第二段。').replace(/\n/g, '\r\n'),
  'posts/2022-05-17-empty.md': '',
  'posts/2022-05-18-big.html': post({ title: '五兆字节', categories: 'ok' }, '<p>春风送暖，海港新城迎来新一轮建设热潮。今年以来，城区坚持把项目建设作为发展的主引擎，全力推动一批重点工程落地见效。</p>\n'.repeat(28_000)),
  'posts/2022-05-19-nested.html': post({ title: '五万层', categories: 'ok' }, `${'<div>'.repeat(50_000)}最深处的文字。`),
  'posts/2022-05-20-nested-md.md': post({ title: '五万层 markdown', categories: 'ok' }, `${'<div>'.repeat(50_000)}最深处的文字。`),
  'posts/2022-05-21-same-a.md': post({ title: '同一地址甲', categories: 'ok', permalink: '/same.html' }, '甲。'),
  'posts/2022-05-22-same-b.md': post({ title: '同一地址乙', categories: 'ok', permalink: '/same.html' }, '乙。'),
  [`posts/2022-05-23-${nfc}.md`]: post({ title: 'NFC', categories: 'ok' }, '组合形式。'),
  [`posts/2022-05-23-${nfd}.md`]: post({ title: 'NFD', categories: 'ok' }, '分解形式。'),
  'posts/2022-05-24-js-front-matter.md': '---js\n{ title: (function () { globalThis.baokuPwned = true; return "x" })() }\n---\n正文。',
};

/** Files that must be skipped, each with one error. */
const skipped: readonly Skipped[] = [
  { file: 'posts/2022-05-02-bad-yaml.md', rule: 'front-matter/yaml', line: 2 },
  { file: 'posts/2022-05-03-unclosed.md', rule: 'front-matter/unclosed', line: 1 },
  { file: 'posts/plus-date-no-name.md', rule: 'front-matter/date', line: 3 },
  { file: 'posts/2022-05-12-alias-bomb.md', rule: 'front-matter/yaml' },
  { file: 'posts/2022-05-13-binary.md', rule: 'content/binary' },
  { file: 'posts/2022-05-14-gbk.md', rule: 'content/encoding', line: 5 },
  { file: 'posts/2022-05-17-empty.md', rule: 'content/empty' },
  { file: 'posts/2022-05-22-same-b.md', rule: 'site/duplicate-url' },
  { file: laterTwin, rule: 'site/duplicate-url' },
  { file: 'posts/2022-05-24-js-front-matter.md', rule: 'front-matter/language', line: 1 },
];

describe('broken files', () => {
  let box: Sandbox;
  let result: BuildResult;
  let postsBefore: Map<string, string>;

  beforeAll(async () => {
    box = sandbox(brokenFiles);
    // A FIFO named like a post: opening it would block the build forever.
    spawnSync('mkfifo', [path.join(box.site.root, 'posts/2022-05-25-fifo.md')]);
    postsBefore = snapshotTree(path.join(box.site.root, 'posts'));
    result = await box.site.build();
  }, 60_000);
  afterAll(() => box?.remove());

  it.each(skipped)('skips $file with an error: $rule', ({ file, rule, line }) => {
    const errors = problemsOf(result, file).filter((p) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ rule })]);
    if (line !== undefined) expect(errors[0]!.line).toBe(line);
    expect(errors[0]!.hint).not.toBe('');
  });

  it('builds the rest of the site', () => {
    expect(box.site.read('ok/2022/05/01/good.html')).toContain('这一篇没有问题。');
    expect(box.site.exists('index.html')).toBe(true);
  });

  it('accepts a blank line before the opening --- with a warning', () => {
    expect(problemsOf(result, 'posts/2022-05-04-blank-line.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/leading-blank-line' }));
    expect(box.site.read('ok/2022/05/04/blank-line.html')).toContain('空行在前');
  });

  it('uses the last of duplicate keys, with a warning on its line', () => {
    expect(problemsOf(result, 'posts/2022-05-05-duplicate.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/duplicate-key', line: 4 }));
    expect(box.site.read('ok/2022/05/05/duplicate.html')).toContain('第二个');
  });

  it('gives an empty title a fallback from the text, with a warning', () => {
    expect(problemsOf(result, 'posts/2022-05-06-empty-title.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/title' }));
    expect(textContent(byClass(parseDocument(box.site.read('ok/2022/05/06/empty-title.html')), 'post-title')[0]!)).toContain('标题为空的新闻');
  });

  it('keeps a post dated only "+0800" on its file name’s date, with a warning', () => {
    expect(problemsOf(result, 'posts/2022-05-07-plus-date.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/date', line: 3 }));
    expect(box.site.exists('ok/2022/05/07/plus-date.html')).toBe(true);
  });

  it('reads a date without an offset in the site’s zone', () => {
    const html = box.site.read('ok/2022/05/08/no-offset.html');
    expect(byTag(parseDocument(html), 'time').map((t) => t.properties.dateTime)).toContain('2022-05-08T10:00:00+08:00');
    expect(problemsOf(result, 'posts/2022-05-08-no-offset.md')).toEqual([]);
  });

  it('ignores a title that is a list, with a warning on its line', () => {
    expect(problemsOf(result, 'posts/2022-05-09-title-list.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/type', line: 2 }));
    expect(box.site.exists('ok/2022/05/09/title-list.html')).toBe(true);
  });

  it('ignores tags that are a map, with a warning on its line', () => {
    expect(problemsOf(result, 'posts/2022-05-10-tags-map.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/type', line: 4 }));
    expect(box.site.exists('ok/2022/05/10/tags-map.html')).toBe(true);
  });

  it('reads YAML tags such as !!js/function as plain text, never running them, with a warning', () => {
    expect((globalThis as { baokuPwned?: boolean }).baokuPwned).toBeUndefined();
    expect(existsSync(path.join(box.site.root, 'pwned'))).toBe(false);
    expect(problemsOf(result, 'posts/2022-05-11-js-function.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'front-matter/yaml-tag', line: 2 }));
    const html = box.site.read('ok/2022/05/11/js-function.html');
    expect(textContent(byClass(parseDocument(html), 'post-title')[0]!)).toBe('function () { globalThis.baokuPwned = true }');
  });

  it('reads a UTF-8 BOM and CRLF line endings as if they were not there', () => {
    expect(problemsOf(result, 'posts/2022-05-15-bom.md')).toEqual([]);
    expect(textContent(byClass(parseDocument(box.site.read('ok/2022/05/15/bom.html')), 'post-title')[0]!)).toBe('带 BOM');
    expect(problemsOf(result, 'posts/2022-05-16-crlf.md')).toEqual([]);
    const crlf = box.site.read('ok/2022/05/16/crlf.html');
    expect(textContent(byClass(parseDocument(crlf), 'post-title')[0]!)).toBe('CRLF 换行');
    expect(crlf).not.toContain('\r');
    expect(byTag(articleBody(crlf), 'p')).toHaveLength(2);
  });

  it('builds a 5 MB post whole', () => {
    const html = box.site.read('ok/2022/05/18/big.html');
    expect(html.split('春风送暖').length - 1).toBeGreaterThanOrEqual(28_000);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it.each([
    ['posts/2022-05-19-nested.html', 'ok/2022/05/19/nested.html'],
    ['posts/2022-05-20-nested-md.md', 'ok/2022/05/20/nested-md.html'],
  ])('builds 50,000 nested elements in %s, keeping the text, with a warning', (file, output) => {
    expect(problemsOf(result, file)).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'body/nesting' }));
    const html = box.site.read(output);
    expect(html).toContain('最深处的文字。');
    expect(byClass(parseDocument(html), 'site-footer')).toHaveLength(1);
  });

  it('refuses two posts on one permalink, naming both', () => {
    const [duplicate] = problemsOf(result, 'posts/2022-05-22-same-b.md');
    expect(duplicate?.message).toContain('posts/2022-05-21-same-a.md');
    expect(box.site.read('same.html')).toContain('同一地址甲');
  });

  it('refuses NFC and NFD twins of one file name, naming both', () => {
    const [duplicate] = problemsOf(result, laterTwin);
    expect(duplicate?.message).toContain(firstTwin);
    expect(box.site.exists(`ok/2022/05/23/${nfc}.html`)).toBe(true);
  });

  // Printed, NFC and NFD twins look identical: the message has to say which is which.
  it('tells NFC and NFD twins apart in the message', () => {
    const [duplicate] = problemsOf(result, laterTwin);
    expect(duplicate?.message).toMatch(/NFC|NFD|normali[sz]/i);
  });

  it('points a duplicate-url error at a line of the post', () => {
    const [duplicate] = problemsOf(result, 'posts/2022-05-22-same-b.md');
    expect(duplicate?.line).toEqual(expect.any(Number));
  });

  // micromark overflows the stack near 1,000 nested list items and is quadratic in how deep block
  // quotes nest: markdown nesting is cut to 16 levels before it, with a warning.
  it.each([
    ['1,000 nested markdown lists', `${'- '.repeat(1000)}深`],
    ['50,000 nested block quotes', `${'>'.repeat(50_000)} 深`],
  ])('builds a post of %s, keeping its text, with a warning', async (_name, body) => {
    const s = sandbox({ 'posts/2022-05-01-good.md': post({ title: '好', categories: 'ok' }, '好。'), 'posts/2022-05-02-deep.md': post({ title: '很深', categories: 'ok' }, body) });
    try {
      const built = await s.site.build();
      expect(built.aborted).toBe(false);
      expect(problemsOf(built, 'posts/2022-05-02-deep.md')).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'body/nesting' }));
      expect(s.site.read('ok/2022/05/02/deep.html')).toContain('深');
      expect(s.site.exists('ok/2022/05/01/good.html')).toBe(true);
    } finally {
      s.remove();
    }
  }, 20_000);

  it('skips a FIFO named like a post instead of waiting on it', () => {
    expect(result.postsRead).toBe(Object.keys(brokenFiles).length);
  });

  it('never changes anything under posts/', () => {
    expect(snapshotTree(path.join(box.site.root, 'posts'))).toEqual(postsBefore);
  });

  it('prints each bad file once as path:line: what — how, builds the rest, exits 1, within 512 MB', async () => {
    const run = await baoku(box.site.root, ['build'], { env: { NODE_OPTIONS: '--max-old-space-size=512' }, timeoutMs: 45_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(stackTrace);
    expect(run.stderr).not.toContain('internal error');
    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
    for (const { file, rule } of skipped) {
      const lines = errorLines.filter((line) => line.startsWith(`error: ${file}:`));
      expect(lines, file).toHaveLength(1);
      const where = rule === 'site/duplicate-url' ? '(?::\\d+)?' : ':\\d+(?::\\d+)?';
      expect(lines[0]).toMatch(new RegExp(`^error: .+?${where}: .+ — .+  \\[[a-z-]+\\/[a-z-]+\\]$`));
      expect(lines[0]).toContain(`[${rule}]`);
    }
    expect(errorLines).toHaveLength(skipped.length);
    expect(run.stdout).toMatch(new RegExp(`; ${skipped.length} errors, \\d+ warnings in`));
    expect(box.site.exists('ok/2022/05/01/good.html')).toBe(true);
    expect(snapshotTree(path.join(box.site.root, 'posts'))).toEqual(postsBefore);
  }, 60_000);
});

// ─── Legitimate odd input ──────────────────────────────────────────────────────────────────────

describe('legitimate odd input', () => {
  const rlo = '\u202E';
  const titles = {
    emoji: '🎉庆祝建党百年👨‍👩‍👧‍👦 🇨🇳',
    att: 'AT&T <中国>',
    fullWidth: '全角　空格　标题',
    bidi: `阿拉伯文 ${rlo}txt.exe 与 \u2066隔离\u2069`,
    arithmetic: '1 < 2 && 3 > 2',
  };
  let box: Sandbox;
  let result: BuildResult;
  beforeAll(async () => {
    box = sandbox({
      'posts/2022-06-01-chinese-permalink.md': post({ title: '中文地址', categories: '新闻', permalink: '/新闻/:year/标题 文章.html' }, '中文地址的正文。'),
      'posts/2022-06-02-emoji.md': post({ title: titles.emoji, categories: 'odd', tags: ['庆祝🎉'] }, '🎉 正文 👨‍👩‍👧‍👦。'),
      'posts/2022-06-03-att.md': post({ title: titles.att, categories: 'odd', tags: ['AT&T'] }, 'AT&amp;T 的正文。'),
      'posts/2022-06-04-full-width.md': post({ title: `　${titles.fullWidth}　`, categories: 'odd' }, '　　全角空格开头的段落。'),
      'posts/2022-06-05-bidi.md': post({ title: titles.bidi, categories: 'odd' }, `正文 ${rlo}gpj.exe。`),
      'posts/2022-06-06-arithmetic.md': post({ title: titles.arithmetic, categories: 'odd' }, '1 &lt; 2 &amp;&amp; 3 &gt; 2'),
    });
    result = await box.site.build();
  }, 30_000);
  afterAll(() => box?.remove());

  it('builds all of it without an error', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('writes a Chinese permalink to a Chinese file name and links it percent-encoded once', () => {
    expect(box.site.read('新闻/2022/标题 文章.html')).toContain('中文地址的正文。');
    const href = `/${encodeURIComponent('新闻')}/2022/${encodeURIComponent('标题 文章')}.html`;
    expect(box.site.read('index.html')).toContain(`href="${href}"`);
    expect(box.site.read('index.html')).not.toContain('%25');
  });

  it.each([
    ['emoji', 'odd/2022/06/02/emoji.html', titles.emoji],
    ['AT&T <中国>', 'odd/2022/06/03/att.html', titles.att],
    ['full-width spaces', 'odd/2022/06/04/full-width.html', titles.fullWidth],
    ['bidi controls', 'odd/2022/06/05/bidi.html', titles.bidi],
    ['< and &&', 'odd/2022/06/06/arithmetic.html', titles.arithmetic],
  ])('prints a title with %s exactly, once escaped, everywhere it appears', (_name, output, title) => {
    const html = box.site.read(output);
    const page = parseDocument(html);
    expect(textContent(byClass(page, 'post-title')[0]!)).toBe(title);
    expect(textContent(byTag(page, 'title')[0]!)).toBe(`${title} - 测试站`);
    expect(metaContent(html, 'og:title')).toBe(title);
    expect(jsonLd(html).headline).toBe(title);
    expect(html).not.toMatch(doubleEscaped);
    const index = box.site.read('index.html');
    expect(byTag(parseDocument(index), 'a').map((a) => textContent(a))).toContain(title);
    expect(index).not.toMatch(doubleEscaped);
    const entry = feedEntries(box.site.read('feed.xml')).find((e) => childNamed(e, 'title').text === title);
    expect(entry).toBeDefined();
  });

  it('prints entity-encoded body text once escaped', () => {
    expect(box.site.read('odd/2022/06/03/att.html')).toContain('AT&amp;T 的正文。');
    expect(textContent(articleBody(box.site.read('odd/2022/06/06/arithmetic.html')))).toBe('1 < 2 && 3 > 2');
  });
});

// ─── Nothing lost ──────────────────────────────────────────────────────────────────────────────

describe('nothing lost', () => {
  it('never deletes anything outside the destination, even through links in it', async () => {
    const s = sandbox({ 'posts/2022-07-01-a.md': post({ title: '甲', categories: 'ok' }, '甲。'), 'notes.txt': 'keep me' });
    try {
      const outside = path.join(s.parent, 'outside');
      mkdirSync(path.join(outside, 'deep'), { recursive: true });
      writeFileSync(path.join(outside, 'deep', 'precious.txt'), 'precious');
      writeFileSync(path.join(s.parent, 'neighbour.txt'), 'neighbour');
      mkdirSync(path.join(s.site.out, 'old'), { recursive: true });
      writeFileSync(path.join(s.site.out, 'old', 'stale.html'), 'stale');
      symlinkSync(outside, path.join(s.site.out, 'linked-dir'));
      symlinkSync(path.join(outside, 'deep', 'precious.txt'), path.join(s.site.out, 'old', 'linked-file.html'));
      const snapshot = snapshotTree(s.parent, buildOutputs);
      const run = await baoku(s.site.root, ['build']);
      expect(run.code).toBe(0);
      expect(snapshotTree(s.parent, buildOutputs)).toEqual(snapshot);
      expect(s.site.exists('old/stale.html')).toBe(false);
      expect(readFileSync(path.join(outside, 'deep', 'precious.txt'), 'utf8')).toBe('precious');
    } finally {
      s.remove();
    }
  });

  it('leaves only complete pages when killed mid-build, and the next build succeeds', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'baoku-killed-'));
    try {
      const root = path.join(parent, 'site');
      generateCorpus(root, 2000, 7);
      writeFileSync(path.join(root, '_config.yml'), siteConfig);
      const out = path.join(root, '_site');
      const postsBefore = snapshotTree(path.join(root, '_posts'));

      // A complete site first, then a build that rewrites every page (the site's title changed), killed
      // as soon as it has begun writing them: every file must be the old or the new one. (Waiting a
      // second first, as this test once did, let a faster build finish before the kill.)
      const first = await baoku(root, ['build', '--quiet'], { timeoutMs: 60_000 });
      expect(first.code).toBe(0);
      writeFileSync(path.join(root, '_config.yml'), siteConfig.replace('测试站', '改名站'));
      const started = Date.now();
      const child = spawn(process.execPath, [path.join(projectRoot, 'bin/baoku.js'), 'build', '--quiet'], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const oldPages = listFiles(out).filter((file) => file.endsWith('.html')).map((file) => path.join(out, file));
      const writing = (): boolean => oldPages.some((file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > started);
      while (Date.now() - started < 20_000 && !writing()) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const files = listFiles(out);
      const pages = files.filter((file) => file.endsWith('.html'));
      const temporary = files.filter((file) => file.includes('baoku-tmp'));
      const visibleTemporary = temporary.filter((file) => !path.basename(file).startsWith('.'));
      const renamed = pages.filter((page) => readFileSync(path.join(out, page), 'utf8').includes('改名站')).length;
      console.info(`killed after ${Date.now() - started} ms: ${pages.length} pages (${renamed} already rewritten), ${temporary.length} hidden temporary files left`);
      expect(visibleTemporary).toEqual([]);
      // Every page ends as a page ends; the ones the killed build wrote are also read back whole.
      const incomplete = pages.filter((page) => {
        const file = path.join(out, page);
        const html = readFileSync(file, 'utf8');
        if (!html.trimEnd().endsWith('</html>')) return true;
        return statSync(file).mtimeMs > started && byClass(parseDocument(html), 'site-footer').length !== 1;
      });
      expect(incomplete).toEqual([]);

      const rebuilt = await baoku(root, ['build'], { timeoutMs: 60_000 });
      expect(rebuilt.code).toBe(0);
      expect(listFiles(out).filter((file) => file.includes('baoku-tmp'))).toEqual([]);
      expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('改名站');
      expect(snapshotTree(path.join(root, '_posts'))).toEqual(postsBefore);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 60_000);
});

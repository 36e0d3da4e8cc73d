import { describe, expect, it } from 'vitest';
import type { PostFormat } from '../content/post.js';
import { findExecutableMarkup, findLostText, htmlTree, markdownTree } from '../test-support/test-trees.js';
import { ruleNames } from './rule-names.js';
import { createBodyTransformer } from './transform-body.js';

const transform = createBodyTransformer(new Set());

function run(body: string, format: PostFormat = 'markdown', disabled: readonly string[] = []) {
  const transformer = disabled.length === 0 ? transform : createBodyTransformer(new Set(disabled));
  return transformer({ sourcePath: 'posts/2022-03-01-HF2022030100001.md', format, body, bodyLine: 8, title: '海港新城建设热潮涌动' });
}

/** The text of every element `tag` in the HTML, in order. */
function textsOf(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>(.*?)</${tag}>`, 'gs'))].map((m) => m[1]!.replace(/<[^>]*>/g, ''));
}

// The shape of the scraped regional-news posts: the first line flush left, the rest indented
// by one space, four subheadings, a closing byline glued to the em_media source line, the bare
// link to the original, and the two back links on one line. No newline at the end.
const seedShapedBody = `<p>海港新城坚持把港口作为发展的第一资源，近年来持续推进港产城融合，吸引各类要素向新城集聚，全年港口吞吐量同比增长一成以上，成为区域经济新的增长极。</p>
 <p>拓展航线网络，织密通达四方的“海上路”</p>
 <p>新城紧扣航运需求，新开通内外贸航线6条，形成覆盖沿海主要港口的航线网络。</p>
 <p>围绕集装箱运输，推动码头智能化改造，装卸效率提升三成。</p>
 <p>完善集疏运体系，建设铁水联运“大通道”</p>
 <p>新城加快疏港铁路和公路建设，打通港区到园区的“最后一公里”。</p>
 <p>优化营商环境，打造服务企业“暖心港”</p>
 <p>新城推行“一窗受理、全程代办”，企业开办时间压缩到1天以内。</p>
 <p>培育临港产业，构建绿色发展“新高地”</p>
 <p>新城引进一批临港制造项目，推动产业向高端化、绿色化迈进。</p>
 <p>潮起海天阔，扬帆正当时。新城将以更大力度推进港口建设，奋力谱写高质量发展新篇章。</p>
 <p>□ 海平 </p><p class="em_media">（文章来源：海风日报）</p>

<http://news.example.cn/html_News/NewsShare.html?infoCode=HF2022030100001>

[返回海风日报新闻](//news.example.cn/category/haifengribao.html)｜[返回首页](//news.example.cn/)`;

const intendedSubheadings = ['拓展航线网络，织密通达四方的“海上路”', '完善集疏运体系，建设铁水联运“大通道”', '优化营商环境，打造服务企业“暖心港”', '培育临港产业，构建绿色发展“新高地”'];

// The shape of the scraped finance-news posts: a `> ` digest, then the whole article as one
// line of HTML with a hidden paragraph, comments around a chart, keyword spans and links,
// centred images with inline style, an image credit, a bold subheading and an em_media source
// whose name is split by a keyword link; an empty `<>` where the original link should be.
const eastmoneyHtml =
  '<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.example.cn/unify/r/1.600001" class="EmImageRemark" target="_blank"><img src="https://img.example.cn/kline/1.600001.png" border="0" alt="K图 600001_0" style="border:#d1d1d1 1px solid;" width="578" height="276" /></a></p><!-- EM_StockImg_End -->' +
  '<p>首条量产线在<span id="bk_90.BK0001"><a href="http://quote.example.cn/unify/r/90.BK0001" class="keytip" data-code="90,BK0001">储能</a></span><span id="bkquote_90.BK0001"></span>园区投产了！<br /></p>' +
  '<p>据公司公告，<span id="stock_1.600001"><a href="http://quote.example.cn/unify/r/1.600001" class="keytip" data-code="1,600001">海风科技</a></span><span id="quote_1.600001"></span>新一代<span web="1" href="http://quote.example.cn/unify/r/90.BK0001" class="em_stock_key_common" data-code="90,BK0001">储能</span>电池能量密度提升两成。</p>' +
  '<center><img src="https://img.example.cn/download/D001_w800h555.jpg" alt="Image" width="552" style="border:#d1d1d1 1px solid;padding:3px;margin:5px 0;" /></center><p style="text-align:center;">图片来源：海风科技官网</p>' +
  '<p>据了解，《&lt;储能电站安全规程&gt;修订稿》已于今年起施行。</p><p><strong>哪些公司已有相关产品</strong></p><p>业内人士表示，储能赛道空间广阔。</p>' +
  '<p class="em_media">（文章来源：海风<span id="bk_90.BK0002"><a href="http://quote.example.cn/unify/r/90.BK0002" class="keytip" data-code="90,BK0002">证券</a></span><span id="bkquote_90.BK0002"></span>报）</p>';

const eastmoneyShapedBody = `> 据公司公告，3月1日，海风科技宣布新一代储能电池量产。（海风晚报）

${eastmoneyHtml}

<>

[返回东财滚动新闻](//news.example.cn/emnews/)｜[返回首页](//news.example.cn/)`;

const styledAndCommentedBody = `<p style="text-indent:2em;">　　春节假期，全市接待游客同比增长三成。</p><!-- 正文开始 -->
<p style="color:#333;font-size:16px;">各景区推出灯会、庙会等特色活动，吸引大量市民游客。</p>
<!-- 广告位 <p>注释里的段落不可见</p> -->
<p><span style="font-weight:bold;">文旅部门</span>表示，将持续优化服务。</p>
<p>来源：新华社</p>

[返回文旅新闻](../wenlv/)
[返回首页](../)
`;

describe('parsing a markdown post', () => {
  const raw = (body: string) => run(body, 'markdown', ruleNames).article.html;

  it('reads indented <p> lines as paragraphs, never as a code block', () => {
    const html = raw(seedShapedBody);
    expect(html).not.toMatch(/<pre|<code|&#x3C;p/);
    expect(textsOf(html, 'p')).toContain('新城紧扣航运需求，新开通内外贸航线6条，形成覆盖沿海主要港口的航线网络。');
  });

  it('reads <p> lines indented by four spaces or a tab after a blank line as paragraphs', () => {
    const html = raw('<p>第一段。</p>\n\n    <p>第二段。</p>\n\n\t<p>第三段。</p>');
    expect(html).not.toMatch(/<pre|<code/);
    expect(textsOf(html, 'p')).toEqual(['第一段。', '第二段。', '第三段。']);
  });

  it('reads <http://…> as a link', () => {
    expect(raw('<http://news.example.cn/1.html>')).toBe('<p><a href="http://news.example.cn/1.html">http://news.example.cn/1.html</a></p>');
  });

  it('reads the back navigation as two links', () => {
    expect(raw('[返回海风日报新闻](//news.example.cn/category/haifengribao.html)｜[返回首页](//news.example.cn/)')).toBe(
      '<p><a href="//news.example.cn/category/haifengribao.html">返回海风日报新闻</a>｜<a href="//news.example.cn/">返回首页</a></p>',
    );
  });

  it('reads GFM tables and strikethrough', () => {
    const html = raw('| 指标 | 数值 |\n| --- | --- |\n| 增长 | 三成 |\n\n~~旧说法~~');
    expect(html).toContain('<td>三成</td>');
    expect(html).toContain('<del>旧说法</del>');
  });
});

describe('parsing an HTML post', () => {
  it('reads the body as a fragment, without html, head or body elements', () => {
    const { html } = run('<p>第一段。</p><p>第二段。</p>', 'html', ruleNames).article;
    expect(html).toBe('<p>第一段。</p>\n<p>第二段。</p>');
  });

  it('does not read markdown syntax in an HTML post', () => {
    const { html } = run('<p>**不是粗体** [不是链接](https://news.example.cn/)</p>', 'html', ruleNames).article;
    expect(html).toBe('<p>**不是粗体** [不是链接](https://news.example.cn/)</p>');
  });
});

describe('the whole pipeline on a seed-shaped post', () => {
  const { article, problems } = run(seedShapedBody);

  it('promotes exactly the four intended subheadings to <h2>', () => {
    expect(textsOf(article.html, 'h2')).toEqual(intendedSubheadings);
  });

  it('lists the four subheadings as the table of contents, with the ids the headings carry', () => {
    expect(article.toc.map((entry) => entry.text)).toEqual(intendedSubheadings);
    for (const entry of article.toc) expect(article.html).toContain(`<h2 id="${entry.id}">`);
  });

  it('moves the byline, source, original link and back navigation out of the body', () => {
    expect(article.byline).toBe('海平');
    expect(article.source).toBe('海风日报');
    expect(article.sourceUrl).toBe('http://news.example.cn/html_News/NewsShare.html?infoCode=HF2022030100001');
    expect(article.backNavName).toBe('海风日报');
    expect(article.html).not.toMatch(/□|文章来源|返回|NewsShare|em_media/);
  });

  it('ends with the closing paragraph', () => {
    expect(textsOf(article.html, 'p').at(-1)).toBe('潮起海天阔，扬帆正当时。新城将以更大力度推进港口建设，奋力谱写高质量发展新篇章。');
  });

  it('takes the excerpt from the first paragraph and counts the reading time', () => {
    expect(article.excerpt).toBe('海港新城坚持把港口作为发展的第一资源，近年来持续推进港产城融合，吸引各类要素向新城集聚，全年港口吞吐量同比增长一成以上，成为区域经济新的增长极。');
    expect(article.chars).toBeGreaterThan(250);
    expect(article.readingMinutes).toBe(1);
    expect(article.firstHeading).toBe(intendedSubheadings[0]);
  });

  it('reports no problems', () => {
    expect(problems).toEqual([]);
  });

  it('gives the same HTML and ids for the same input', () => {
    expect(run(seedShapedBody).article).toEqual(article);
  });
});

describe('the whole pipeline on an eastmoney-shaped post', () => {
  const { article } = run(eastmoneyShapedBody);

  it('keeps keyword links as plain external links and drops the keyword spans’ attributes', () => {
    expect(article.html).toContain('<a href="http://quote.example.cn/unify/r/1.600001" rel="nofollow noopener noreferrer">海风科技</a>');
    expect(article.html).not.toMatch(/class=|data-code|web=|id="(?:stock|bk)|target=/);
  });

  it('unwraps <center> around images, drops inline style and makes images lazy', () => {
    expect(article.html).not.toMatch(/<center|style=/);
    expect(article.html).toContain('<img src="https://img.example.cn/download/D001_w800h555.jpg" alt="Image" width="552" loading="lazy" decoding="async" referrerpolicy="no-referrer">');
  });

  it('keeps the image credit as a paragraph, promotes the bold line and reads the split source', () => {
    expect(textsOf(article.html, 'p')).toContain('图片来源：海风科技官网');
    expect(textsOf(article.html, 'h2')).toEqual(['哪些公司已有相关产品']);
    expect(article.source).toBe('海风证券报');
  });

  it('keeps escaped angle brackets as text', () => {
    expect(article.html).toContain('《&#x3C;储能电站安全规程>修订稿》');
  });

  it('removes the empty <> and the back navigation', () => {
    expect(article.sourceUrl).toBeNull();
    expect(article.backNavName).toBe('东财滚动');
    expect(article.html).not.toMatch(/&#x3C;>|返回/);
  });

  it('reads the same from an HTML post holding only the one line', () => {
    const html = run(eastmoneyHtml, 'html').article;
    expect(html.source).toBe('海风证券报');
    expect(textsOf(html.html, 'h2')).toEqual(['哪些公司已有相关产品']);
  });
});

describe('switching rules off', () => {
  it('offers each rule by name', () => {
    expect([...ruleNames]).toEqual(['whitespace', 'back_nav', 'original_link', 'source', 'byline', 'subheadings', 'legacy_links', 'links']);
  });

  it('leaves the byline in the body when byline is off', () => {
    const { article } = run(seedShapedBody, 'markdown', ['byline']);
    expect(article.byline).toBeNull();
    expect(textsOf(article.html, 'p')).toContain('□ 海平');
    expect(article.source).toBe('海风日报');
  });

  it('leaves the source line in the body when source is off', () => {
    const { article } = run(seedShapedBody, 'markdown', ['source']);
    expect(article.source).toBeNull();
    expect(article.html).toContain('<p class="em_media">（文章来源：海风日报）</p>');
  });

  it('leaves the original link in the body when original_link is off', () => {
    const { article } = run(seedShapedBody, 'markdown', ['original_link']);
    expect(article.sourceUrl).toBeNull();
    expect(article.html).toContain('>http://news.example.cn/html_News/NewsShare.html?infoCode=HF2022030100001</a>');
  });

  it('leaves the back navigation in the body when back_nav is off', () => {
    const { article } = run(seedShapedBody, 'markdown', ['back_nav']);
    expect(article.backNavName).toBeNull();
    expect(article.html).toContain('>返回海风日报新闻</a>｜<a');
  });

  it('promotes no subheadings when subheadings is off, but still gives headings ids', () => {
    const { article } = run(seedShapedBody, 'markdown', ['subheadings']);
    expect(textsOf(article.html, 'h2')).toEqual([]);
    expect(textsOf(article.html, 'p')).toContain(intendedSubheadings[0]);
    expect(run('## 标题\n\n正文。', 'markdown', ['subheadings']).article.html).toContain('<h2 id="标题">');
  });

  it('leaves paragraph edges and empty paragraphs when whitespace is off', () => {
    const body = '<p>　　有缩进的段落。</p><p>&nbsp;</p><p>第二段。</p>';
    expect(run(body, 'html', ['whitespace']).article.html).toContain('<p>　　有缩进的段落。</p>\n<p>\u00a0</p>');
    expect(run(body, 'html').article.html).toBe('<p>有缩进的段落。</p>\n<p>第二段。</p>');
  });

  it('leaves links and images undecorated when links is off', () => {
    const body = '<p><a href="https://news.example.cn/">原站</a><img src="https://img.example.cn/a.jpg"></p>';
    expect(run(body, 'html', ['links']).article.html).toBe(body);
  });

  it('still sanitizes with every rule off', () => {
    const { article } = run('<p onclick="x()">正文<script>alert(1)</script></p>', 'html', ruleNames);
    expect(article.html).toBe('<p>正文</p>');
  });
});

describe('warnings about removed markup', () => {
  it('names the file and the line of the file, counting from where the body starts', () => {
    const { problems } = run('<p>正文。</p>\n\n<p onclick="x()">点击</p>\n<script>alert(1)</script>');
    expect(problems.map((p) => [p.file, p.line, p.message, p.rule, p.severity])).toEqual([
      ['posts/2022-03-01-HF2022030100001.md', 10, 'removed onclick attribute', 'body/unsafe', 'warning'],
      ['posts/2022-03-01-HF2022030100001.md', 11, 'removed <script>', 'body/unsafe', 'warning'],
    ]);
  });
});

describe('a body nested too deeply for the tree walks', () => {
  it.each(['html', 'markdown'] as const)('keeps the text of 50,000 nested <div> in a %s post, with a warning', (format) => {
    const { article, problems } = run(`<p onclick="x()">开头。</p>${'<div>'.repeat(50_000)}最深处。`, format);
    expect(article.html).toMatch(/^<p>开头。<\/p>\s*最深处。$/);
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['body/nesting', 8],
      ['body/unsafe', 8],
    ]);
  });
});

describe('nothing visible is lost', () => {
  it('notices a lost paragraph, so the checks below can fail', () => {
    const article = run('<p>第一段。</p><p>第二段。</p>', 'html').article;
    expect(findLostText(htmlTree('<p>第一段。</p><p>第二段。</p><p>第三段。</p>'), article)).toEqual(['第三段。']);
    expect(findLostText(htmlTree('<p>第一段。</p><p>来源：新华社</p>'), article)).toEqual(['来源：新华社']);
  });

  it.each([
    ['a seed-shaped post', seedShapedBody],
    ['an eastmoney-shaped post', eastmoneyShapedBody],
    ['a post with inline style and HTML comments', styledAndCommentedBody],
  ])('keeps every visible character of %s in the article', (_name, body) => {
    expect(findLostText(markdownTree(body), run(body).article)).toEqual([]);
  });

  it('keeps every visible character of an HTML post', () => {
    expect(findLostText(htmlTree(eastmoneyHtml), run(eastmoneyHtml, 'html').article)).toEqual([]);
  });

  it('moves text only into the byline, source, source URL and back-navigation name', () => {
    const { article } = run(styledAndCommentedBody);
    expect([article.byline, article.source, article.sourceUrl, article.backNavName]).toEqual([null, '新华社', null, '文旅']);
    expect(article.html).not.toContain('注释里的段落不可见');
  });
});

describe('hostile bodies', () => {
  const hostile: [string, string][] = [
    ['a script element', '<p>正文</p><script>alert(1)</script>'],
    ['an onerror attribute', '<img src=x onerror=alert(1)>'],
    ['a javascript: link', '<a href="javascript:alert(1)">点我</a>'],
    ['a javascript: link hidden by a tab entity', '<a href="jav&#x09;ascript:alert(1)">点我</a>'],
    ['a script inside svg', '<svg><script>alert(1)</script></svg>'],
    ['an iframe with srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['the math/mglyph/style mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['markup in a comment', '<!--<img src=x onerror=alert(1)>-->'],
    ['a markdown javascript: link', '[x](javascript:alert(1))'],
    ['a markdown javascript: image', '![x](javascript:alert(1))'],
  ];

  it.each(hostile)('leaves nothing executable of %s in a markdown post', (_name, body) => {
    const { html } = run(`<p>正文第一段。</p>\n\n${body}\n\n<p>正文第二段。</p>`).article;
    expect(findExecutableMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/javascript:/i);
  });

  it.each(hostile)('leaves nothing executable of %s in an HTML post', (_name, body) => {
    const { html } = run(`<p>正文第一段。</p>${body}<p>正文第二段。</p>`, 'html').article;
    expect(findExecutableMarkup(html)).toEqual([]);
  });

  it('leaves nothing executable when every hostile shape is in one post, with every rule on or off', () => {
    const body = hostile.map(([, shape]) => shape).join('\n\n');
    for (const disabled of [[], ruleNames]) {
      expect(findExecutableMarkup(run(body, 'markdown', disabled).article.html)).toEqual([]);
      expect(findExecutableMarkup(run(body, 'html', disabled).article.html)).toEqual([]);
    }
  });

  it('warns about what it removed', () => {
    const { problems } = run('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))');
    expect(problems.map((p) => p.message)).toEqual(['removed <script>', 'removed onerror attribute', 'removed javascript: URL in href']);
  });
});

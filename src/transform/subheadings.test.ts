import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import rehypeSubheadings, { addHeadingIds, promoteAllSubheadings } from './subheadings.js';
import { htmlTree } from '../test-support/test-trees.js';
import { textOf } from './tree-text.js';

const body = '<p>正文第一段，交代新闻的来龙去脉。</p>';
const more = '<p>正文继续，讲述具体的做法和成效。</p>';

/** The text of each `<h2>` after promotion. */
function promoted(html: string): string[] {
  const tree = htmlTree(html);
  promoteAllSubheadings(tree);
  return tree.children.filter((node) => node.type === 'element' && node.tagName === 'h2').map((node) => textOf(node));
}

describe('promoteAllSubheadings', () => {
  it('promotes a short paragraph without closing punctuation that sits between body paragraphs', () => {
    expect(promoted(`${body}<p>做强产业平台，打造发展“新引擎”</p>${more}`)).toEqual(['做强产业平台，打造发展“新引擎”']);
  });

  it.each([['。'], ['！'], ['？'], ['；'], ['…']])('does not promote a short paragraph ending in %s', (mark) => {
    expect(promoted(`${body}<p>各方力量正在汇聚${mark}</p>${more}`)).toEqual([]);
  });

  it('does not promote a short quoted sentence whose 。 sits inside the closing quote', () => {
    expect(promoted(`${body}<p>“我们会继续努力。”</p>${more}`)).toEqual([]);
    expect(promoted(`${body}<p>他说：“就这么办！”</p>${more}`)).toEqual([]);
  });

  it('does not promote a paragraph longer than 30 characters', () => {
    const long = '围绕产业链部署创新链围绕创新链布局产业链推动两链深度融合持续发力';
    expect(long.length).toBeGreaterThan(30);
    expect(promoted(`${body}<p>${long}</p>${more}`)).toEqual([]);
  });

  it('does not promote the first or the last paragraph', () => {
    expect(promoted(`<p>开篇一句话</p>${body}${more}<p>结尾一句话</p>`)).toEqual([]);
  });

  it('does not promote a short line followed by another short line rather than by body text', () => {
    expect(promoted(`${body}<p>第一行短句</p><p>第二行短句</p>${more}`)).toEqual(['第二行短句']);
  });

  it('does not promote image captions', () => {
    expect(promoted(`${body}<p>图片来源：海风日报</p>${more}`)).toEqual([]);
    expect(promoted(`${body}<p>图为新建成的港区码头</p>${more}`)).toEqual([]);
    expect(promoted(`${body}<img src="https://img.example.cn/a.jpg"><p>新建成的港区码头</p>${more}`)).toEqual([]);
  });

  it('does not promote a paragraph holding a link or an image', () => {
    expect(promoted(`${body}<p><a href="https://news.example.cn/">相关报道</a></p>${more}`)).toEqual([]);
  });

  it('promotes a paragraph made only of <strong> or <b> and unwraps the bold', () => {
    const tree = htmlTree(`${body}<p><strong>这些企业已有相关产品</strong></p>${more}<p> <b>后续安排</b> </p>${more}`);
    promoteAllSubheadings(tree);
    expect(toHtml(tree)).toBe(`${body}<h2>这些企业已有相关产品</h2>${more}<h2>后续安排</h2>${more}`);
  });

  it('leaves a paragraph with bold and plain text a paragraph', () => {
    expect(promoted(`${body}<p><strong>注意：</strong>以上数据为初步统计。</p>${more}`)).toEqual([]);
  });
});

describe('addHeadingIds', () => {
  const html = `${body}<h2>创新聚力，引来“源头活水”</h2>${more}<h2>同名小节</h2>${more}<h3>细节</h3>${more}<h2>同名小节</h2>${more}`;

  it('gives each heading an id from its text, and repeated headings distinct ids', () => {
    const tree = htmlTree(html);
    addHeadingIds(tree);
    const ids = tree.children.flatMap((node) => (node.type === 'element' && /^h\d$/.test(node.tagName) ? [node.properties.id] : []));
    expect(ids).toEqual(['创新聚力引来源头活水', '同名小节', '细节', '同名小节-1']);
  });

  it('gives the same ids to the same input every time', () => {
    const first = htmlTree(html);
    const second = htmlTree(html);
    expect(addHeadingIds(first)).toEqual(addHeadingIds(second));
    expect(toHtml(first)).toBe(toHtml(second));
  });

  it('returns a table of contents of the <h2>s when there are 3 or more', () => {
    expect(addHeadingIds(htmlTree(html))).toEqual([
      { id: '创新聚力引来源头活水', text: '创新聚力，引来“源头活水”' },
      { id: '同名小节', text: '同名小节' },
      { id: '同名小节-1', text: '同名小节' },
    ]);
  });

  it('returns an empty table of contents for fewer than 3 <h2>s', () => {
    expect(addHeadingIds(htmlTree(`${body}<h2>一</h2>${more}<h2>二</h2>${more}`))).toEqual([]);
    expect(addHeadingIds(htmlTree(body))).toEqual([]);
  });

  it('gives a heading without letters an id all the same', () => {
    const tree = htmlTree('<h2>——</h2>');
    addHeadingIds(tree);
    expect(toHtml(tree)).toMatch(/^<h2 id="[^"]+">/);
  });
});

describe('rehypeSubheadings', () => {
  it('only adds ids and the table of contents when promotion is off', () => {
    const tree: Root = htmlTree(`${body}<p>短小标题</p>${more}<h2>已有标题</h2>${more}`);
    const file = new VFile();
    rehypeSubheadings({ promote: false })(tree, file);
    expect(toHtml(tree)).toBe(`${body}<p>短小标题</p>${more}<h2 id="已有标题">已有标题</h2>${more}`);
    expect(file.data.toc).toEqual([]);
  });
});

import fc from 'fast-check';
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { moveLines } from './parse-body.js';
import { readSimpleHtml } from './simple-html.js';

const parse5 = unified().use(rehypeParse, { fragment: true }).freeze();
const slowly = (html: string): Root => parse5.runSync(parse5.parse(html)) as Root;
/** JSON, so that key order and absent-versus-undefined count too: the tree is hashed downstream. */
const same = (html: string): void => {
  const fast = readSimpleHtml(html);
  expect(fast, `refused: ${html}`).not.toBeNull();
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slowly(html)));
};

describe('reading simple HTML without parse5', () => {
  it('reads a news body as parse5 does, positions and all', () => {
    same(
      [
        '<p>　　春风送暖，海港新城迎来新一轮建设热潮。</p>',
        ' <p><strong>优化服务</strong>，打造新高地</p>',
        ' <p><img src="http://img.example.com/a.jpg" alt="图片" width="600" style="display:block"><br/>图为现场。</p>',
        ' <p><span class="a  b" id=x data-role="note">记者 &amp; 通讯员&nbsp;报道&ldquo;新闻&rdquo;&#65;&#x1F600;😀</span></p>',
        ' <center><a href="/x.html?a=1&amp;b=2" target=_blank title=\'链接\'>链接</a></center>',
        ' <p>□ 林峰 </p><p class="em_media">（文章来源：三明日报）</p>',
        '',
      ].join('\n'),
    );
  });

  it('reads text with a lone < or & as text', () => {
    same('<p>1 < 2 & 3 > 2, a&=b, &&, <3</p>');
    same('tail <');
    same('');
    same('   \n ');
  });

  it.each([
    ['a tag left open', '<p>没有结束'],
    ['tags closed out of order', '<p><b>粗</p></b>'],
    ['a paragraph inside a paragraph', '<p>一<p>二</p></p>'],
    ['a div inside a paragraph', '<p><div>块</div></p>'],
    ['a link inside a link', '<a href="a"><a href="b">x</a></a>'],
    ['a comment', '<p>x<!-- 注释 --></p>'],
    ['a table', '<table><tr><td>x</td></tr></table>'],
    ['a reference without ;', '<p>&copy 2022</p>'],
    ['an unknown reference', '<p>&nosuchthing;</p>'],
    ['a carriage return', '<p>一</p>\r\n<p>二</p>'],
    ['a duplicate attribute', '<p class="a" class="b">x</p>'],
    ['an end tag of a void element', '<p>x</br></p>'],
    ['a self-closing span', '<p><span/>x</p>'],
    ['an unknown element', '<p><o:p>x</o:p></p>'],
  ])('leaves %s to parse5', (_, html) => {
    expect(readSimpleHtml(html)).toBeNull();
  });

  // Fragments made of the pieces news HTML is made of, well nested or not, with the spellings the
  // tokenizer must get right: case, quotes, references, spaces, lines, characters outside the BMP.
  const names = ['p', 'P', 'div', 'span', 'SPAN', 'a', 'b', 'strong', 'em', 'i', 'font', 'center', 'h2', 'blockquote', 'sub', 'img', 'br', 'hr', 'table', 'li', 'o:p'];
  const texts = ['新闻', '　　正文', ' ', '\n', '\t', 'a', '<', '< b', '&', '&amp;', '&nbsp;', '&AMP;', '&ldquo;', '&#20013;', '&#x4e2d;', '&#0;', '&#x80;', '&copy', '&notit;', '&=', '😀', '"', "'", '=', '/', '>', '\f', '\u00a0', '\ufeff', '\r', '\0'];
  const attributeValues = ['x', 'a b', '', '100', '100%', '&amp;', 'a&b', 'a&amp;b=1', '&#x27;', '中文', '😀', '"', "'", 'x>y', 'a=b'];
  const attribute = fc
    .tuple(fc.constantFrom('class', 'CLASS', 'style', 'href', 'src', 'alt', 'width', 'id', 'data-x', 'type', 'hidden', 'title', 'constructor'), fc.constantFrom(...attributeValues), fc.constantFrom('"', "'", '', 'none'), fc.constantFrom(' ', '  ', '\n', '\t'))
    .map(([name, value, quote, space]) => (quote === 'none' ? `${space}${name}` : `${space}${name}=${quote}${value}${quote}`));
  const startTag = fc.tuple(fc.constantFrom(...names), fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', '/>', ' >')).map(([name, attributes, end]) => `<${name}${attributes.join('')}${end}`);
  const tree: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
    node: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...texts) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...names), fc.array(attribute, { maxLength: 2 }), tie('nodes')).map(([name, attributes, inner]) => `<${name}${attributes.join('')}>${inner}</${name.toLowerCase()}>`) },
      { weight: 1, arbitrary: fc.constantFrom('<br>', '<br/>', '<img src="a.jpg">', '<hr>') },
    ),
    nodes: fc.array(tie('node'), { maxLength: 4 }).map((parts) => parts.join('')),
  })).nodes;
  const oddTags = ['</p >', '</p\n>', '</span foo>', '</p/>', '<p a="1"b>', '<p/ class=x>', '<img/src=x>', '<p =x>', '<p a=>', '<p\u00e9>', '<span t\u00c9st=1>'];
  const tokens = fc
    .array(fc.oneof(startTag, fc.constantFrom(...names).map((name) => `</${name}>`), fc.constantFrom(...texts), fc.constantFrom(...oddTags)), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('agrees with parse5 on every fragment it reads', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(tree, tokens), (html) => {
        const fast = readSimpleHtml(html);
        if (fast === null) return;
        read++;
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slowly(html)));
      }),
      { numRuns: Number(process.env.RUNS ?? 4000) },
    );
    // The property says something only if the reader takes a good share of what it is given.
    expect(read).toBeGreaterThan(1000);
  });

  it('puts positions on the lines of the file the HTML was cut from, as parse-body moves parse5’s', () => {
    const lineOf = (line: number): number => line * 2 + 3;
    fc.assert(
      fc.property(fc.oneof(tree, tokens), (html) => {
        const fast = readSimpleHtml(html, lineOf);
        if (fast === null) return;
        const slow = slowly(html);
        moveLines(slow, lineOf);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      }),
      { numRuns: 1000 },
    );
  });
});

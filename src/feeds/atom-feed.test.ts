import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAtomFeed, type FeedEntry, type FeedInput } from './atom-feed.js';
import { childNamed, childrenNamed, parseXmlStrictly, type XmlElement } from '../test-support/parse-xml-strictly.js';

const atomNs = 'http://www.w3.org/2005/Atom';
const postUrl = 'https://example.org/archive/mindongribao/2022/02/25/NW202202252289057147.html';

function entryOf(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    title: '蕉城区召开经济工作会议',
    url: postUrl,
    id: postUrl,
    published: '2022-02-25T09:55:40+08:00',
    updated: '2022-02-25T09:55:40+08:00',
    author: '记者 张三',
    summary: '全区新增市场主体一千余户。',
    contentHtml: '<p>全区新增市场主体一千余户。</p>',
    categories: [{ term: 'mindongribao', label: '闽东日报' }],
    ...overrides,
  };
}

function feedOf(entries: readonly FeedEntry[], overrides: Partial<FeedInput> = {}): FeedInput {
  return {
    title: '闽东日报',
    subtitle: '报库：闽东日报',
    id: 'https://example.org/archive/category/mindongribao.html',
    selfUrl: 'https://example.org/archive/category/mindongribao/feed.xml',
    homeUrl: 'https://example.org/archive/category/mindongribao.html',
    updated: '2022-02-25T09:55:40+08:00',
    lang: 'zh-CN',
    entries,
    ...overrides,
  };
}

/** The feed read back by a strict XML parser, which throws unless it is well-formed. */
function readFeed(feed: FeedInput): XmlElement {
  return parseXmlStrictly(renderAtomFeed(feed));
}

function onlyEntry(feed: FeedInput): XmlElement {
  return childNamed(readFeed(feed), 'entry');
}

const linkHref = (element: XmlElement, rel: string): string | undefined =>
  childrenNamed(element, 'link').find((link) => link.attributes.rel === rel)?.attributes.href;

describe('renderAtomFeed', () => {
  it('writes the feed’s title, subtitle, links, id, language and updated date, keeping +08:00', () => {
    const root = readFeed(feedOf([entryOf()]));
    expect(root.name).toBe('feed');
    expect(root.uri).toBe(atomNs);
    expect(root.attributes['xml:lang']).toBe('zh-CN');
    expect(childNamed(root, 'title').text).toBe('闽东日报');
    expect(childNamed(root, 'subtitle').text).toBe('报库：闽东日报');
    expect(childNamed(root, 'id').text).toBe('https://example.org/archive/category/mindongribao.html');
    expect(childNamed(root, 'updated').text).toBe('2022-02-25T09:55:40+08:00');
    expect(linkHref(root, 'self')).toBe('https://example.org/archive/category/mindongribao/feed.xml');
    expect(linkHref(root, 'alternate')).toBe('https://example.org/archive/category/mindongribao.html');
  });

  it('writes each entry’s title, link, id and dates with their offsets exactly as given', () => {
    const root = readFeed(
      feedOf([
        entryOf(),
        entryOf({ title: '旧闻', url: `${postUrl}?v=2`, id: 'https://example.org/archive/old.html', published: '2021-11-07T01:30:00-05:00', updated: '2021-11-07T06:30:00.250Z' }),
      ]),
    );
    const [first, second] = childrenNamed(root, 'entry');
    expect(childNamed(first!, 'title').text).toBe('蕉城区召开经济工作会议');
    expect(linkHref(first!, 'alternate')).toBe(postUrl);
    expect(childNamed(first!, 'id').text).toBe(postUrl);
    expect(childNamed(first!, 'published').text).toBe('2022-02-25T09:55:40+08:00');
    expect(childNamed(first!, 'updated').text).toBe('2022-02-25T09:55:40+08:00');
    expect(childNamed(second!, 'title').text).toBe('旧闻');
    expect(linkHref(second!, 'alternate')).toBe(`${postUrl}?v=2`);
    expect(childNamed(second!, 'published').text).toBe('2021-11-07T01:30:00-05:00');
    expect(childNamed(second!, 'updated').text).toBe('2021-11-07T06:30:00.250Z');
  });

  it('names the byline as the entry’s author', () => {
    const entry = onlyEntry(feedOf([entryOf({ author: '本报记者 林一 通讯员 李四' })]));
    expect(childNamed(childNamed(entry, 'author'), 'name').text).toBe('本报记者 林一 通讯员 李四');
  });

  it('names the feed as author when an entry has no byline, since Atom wants an author for every entry', () => {
    const root = readFeed(feedOf([entryOf(), entryOf({ author: null }), entryOf({ author: '  ' })]));
    expect(childNamed(childNamed(root, 'author'), 'name').text).toBe('闽东日报');
    const [, noByline, blank] = childrenNamed(root, 'entry');
    expect(childrenNamed(noByline!, 'author')).toEqual([]);
    expect(childrenNamed(blank!, 'author')).toEqual([]);

    const named = readFeed(feedOf([entryOf({ author: null })], { author: '报库编辑部' }));
    expect(childNamed(childNamed(named, 'author'), 'name').text).toBe('报库编辑部');
  });

  it('leaves out the feed author when every entry has a byline', () => {
    expect(childrenNamed(readFeed(feedOf([entryOf()])), 'author')).toEqual([]);
  });

  it('writes the excerpt as a plain-text summary and leaves out an empty one', () => {
    expect(childNamed(onlyEntry(feedOf([entryOf()])), 'summary').text).toBe('全区新增市场主体一千余户。');
    expect(childrenNamed(onlyEntry(feedOf([entryOf({ summary: '' })])), 'summary')).toEqual([]);
  });

  it('carries the article as escaped type="html" content that reads back to the same HTML string', () => {
    const html =
      '<h2 id="一">一、总体情况</h2>\n<p class="lead">AT&amp;T &lt;中国&gt; “引号” \'单\' "双"</p>\r\n' +
      '<pre><code>if (a[b[0]]> 1) {}\n]]&gt; ]]></code></pre><p>正文里写着 </content></entry></feed></p>' +
      '<img src="/archive/images/a.jpg" alt="图&quot;片">';
    const feedXml = renderAtomFeed(feedOf([entryOf({ contentHtml: html })]));
    const content = childNamed(childNamed(parseXmlStrictly(feedXml), 'entry'), 'content');
    expect(content.attributes.type).toBe('html');
    expect(content.text).toBe(html);
    expect(feedXml).not.toContain('CDATA');
    expect(feedXml).not.toContain(']]>');
  });

  it('makes links in the body resolve against the post’s own page', () => {
    expect(childNamed(onlyEntry(feedOf([entryOf()])), 'content').attributes['xml:base']).toBe(postUrl);
  });

  it('lists the entry’s categories and tags with term and label', () => {
    const categories = [
      { term: 'mindongribao', label: '闽东日报' },
      { term: 'at-t-中国', label: 'AT&T <中国>' },
    ];
    const written = childrenNamed(onlyEntry(feedOf([entryOf({ categories })])), 'category');
    expect(written.map((category) => category.attributes)).toEqual(categories);
  });

  it('escapes AT&T <中国>, ]]> and </content> in every text and attribute', () => {
    const hostile = `AT&T <中国> ]]> </content></title> "双" '单'`;
    const feedXml = renderAtomFeed(
      feedOf(
        [
          entryOf({
            title: hostile,
            author: hostile,
            summary: hostile,
            categories: [{ term: hostile, label: hostile }],
            url: 'https://example.org/archive/search.html?q=a&page=2&x="<y>"',
          }),
        ],
        { title: hostile, subtitle: hostile },
      ),
    );
    expect(feedXml).toContain('AT&amp;T &lt;中国&gt; ]]&gt; &lt;/content&gt;&lt;/title&gt; &quot;双&quot; &apos;单&apos;');
    const root = parseXmlStrictly(feedXml);
    const entry = childNamed(root, 'entry');
    expect(childNamed(root, 'title').text).toBe(hostile);
    expect(childNamed(root, 'subtitle').text).toBe(hostile);
    expect(childNamed(entry, 'title').text).toBe(hostile);
    expect(childNamed(childNamed(entry, 'author'), 'name').text).toBe(hostile);
    expect(childNamed(entry, 'summary').text).toBe(hostile);
    expect(childNamed(entry, 'category').attributes).toEqual({ term: hostile, label: hostile });
    expect(linkHref(entry, 'alternate')).toBe('https://example.org/archive/search.html?q=a&page=2&x="<y>"');
  });

  it('writes Chinese as characters, not character references', () => {
    expect(renderAtomFeed(feedOf([entryOf()]))).toContain('<title>蕉城区召开经济工作会议</title>');
  });

  it('removes control characters, lone surrogates and U+FFFE/U+FFFF, and keeps tab, newline and emoji', () => {
    const dirty = 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uD800h\uDC00i\uFFFEj\uFFFFk😀\tl\nm';
    const entry = onlyEntry(feedOf([entryOf({ title: dirty, summary: dirty, contentHtml: `<p>${dirty}</p>`, author: dirty })]));
    const clean = 'abcdefghijk😀\tl\nm';
    expect(childNamed(entry, 'title').text).toBe(clean);
    expect(childNamed(entry, 'summary').text).toBe(clean);
    expect(childNamed(entry, 'content').text).toBe(`<p>${clean}</p>`);
    expect(childNamed(childNamed(entry, 'author'), 'name').text).toBe(clean);
  });

  it('stays well-formed and reads back the same text for any title and body', () => {
    // Any UTF-16 code unit, lone surrogates included, weighted towards the characters that matter.
    const unit = fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", ']]>', '</content>', '\r', '\r\n', '\t', '\u0000', '\uD83D', '\uFFFE', '中'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const text = fc.string({ unit, maxLength: 40 });
    const allowed = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
    fc.assert(
      fc.property(text, text, (title, body) => {
        const entry = onlyEntry(feedOf([entryOf({ title, contentHtml: body })]));
        expect(childNamed(entry, 'title').text).toBe(title.replace(allowed, ''));
        expect(childNamed(entry, 'content').text).toBe(body.replace(allowed, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a relative URL, which a feed reader cannot follow', () => {
    expect(() => renderAtomFeed(feedOf([entryOf({ url: '/archive/a.html' })]))).toThrow(/entry "蕉城区召开经济工作会议": url "\/archive\/a.html" is not an absolute URL/);
    expect(() => renderAtomFeed(feedOf([], { selfUrl: 'feed.xml' }))).toThrow(/selfUrl "feed.xml" is not an absolute URL/);
  });

  it('refuses a date without a time or an offset, which readers would misplace', () => {
    expect(() => renderAtomFeed(feedOf([entryOf({ published: '2022-02-25 09:55:40 +0800' })]))).toThrow(/published .* is not an RFC 3339 date/);
    expect(() => renderAtomFeed(feedOf([entryOf({ updated: '2022-02-25T09:55:40' })]))).toThrow(/updated .* is not an RFC 3339 date/);
    expect(() => renderAtomFeed(feedOf([], { updated: '2022-02-25' }))).toThrow(/updated .* is not an RFC 3339 date/);
  });

  it('writes an empty feed with its own metadata', () => {
    const root = readFeed(feedOf([]));
    expect(childrenNamed(root, 'entry')).toEqual([]);
    expect(childNamed(root, 'title').text).toBe('闽东日报');
  });
});

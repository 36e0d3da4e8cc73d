import { describe, expect, it } from 'vitest';
import { urlOf } from '../site/paths.js';
import { childNamed, childrenNamed, parseXmlStrictly, type XmlElement } from '../test-support/parse-xml-strictly.js';
import { renderSitemaps, robotsTxtWithSitemap, type SitemapUrl } from './sitemap.js';

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const baseUrl = 'https://example.org/archive';

function pages(count: number): SitemapUrl[] {
  return Array.from({ length: count }, (_, i) => ({ loc: `${baseUrl}/p/${i + 1}.html`, lastmod: '2022-02-25T09:55:40+08:00' }));
}

const locsOf = (root: XmlElement, item: 'url' | 'sitemap'): string[] =>
  childrenNamed(root, item).map((element) => childNamed(element, 'loc').text);

describe('renderSitemaps', () => {
  it('writes one sitemap.xml when the URLs fit in one file', () => {
    const files = renderSitemaps(pages(3), { baseUrl, maxPerFile: 3 });
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml']);
    const root = parseXmlStrictly(files[0]!.xml);
    expect(root.name).toBe('urlset');
    expect(root.uri).toBe(sitemapNs);
    expect(locsOf(root, 'url')).toEqual([`${baseUrl}/p/1.html`, `${baseUrl}/p/2.html`, `${baseUrl}/p/3.html`]);
    expect(childNamed(childrenNamed(root, 'url')[0]!, 'lastmod').text).toBe('2022-02-25T09:55:40+08:00');
  });

  it('writes an index over sitemap-1.xml, sitemap-2.xml, … once the URLs pass maxPerFile', () => {
    const files = renderSitemaps(pages(7), { baseUrl, maxPerFile: 3 });
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
    const index = parseXmlStrictly(files[0]!.xml);
    expect(index.name).toBe('sitemapindex');
    expect(index.uri).toBe(sitemapNs);
    expect(locsOf(index, 'sitemap')).toEqual([`${baseUrl}/sitemap-1.xml`, `${baseUrl}/sitemap-2.xml`, `${baseUrl}/sitemap-3.xml`]);
    const parts = files.slice(1).map((file) => locsOf(parseXmlStrictly(file.xml), 'url'));
    expect(parts.map((locs) => locs.length)).toEqual([3, 3, 1]);
    expect(parts.flat()).toEqual(pages(7).map((page) => page.loc));
  });

  it('dates each sitemap in the index by its newest page, comparing instants rather than text', () => {
    const urls = [
      { loc: `${baseUrl}/a.html`, lastmod: '2022-02-25T09:00:00+08:00' }, // 01:00 UTC
      { loc: `${baseUrl}/b.html`, lastmod: '2022-02-25T02:00:00Z' }, // later, though it sorts first as text
      { loc: `${baseUrl}/c.html` },
    ];
    const index = parseXmlStrictly(renderSitemaps(urls, { baseUrl, maxPerFile: 2 })[0]!.xml);
    const [first, second] = childrenNamed(index, 'sitemap');
    expect(childNamed(first!, 'lastmod').text).toBe('2022-02-25T02:00:00Z');
    expect(childrenNamed(second!, 'lastmod')).toEqual([]);
  });

  it('splits 50,001 URLs into an index of two sitemaps with the protocol’s default limit', () => {
    const files = renderSitemaps(pages(50_001), { baseUrl });
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml']);
    expect(locsOf(parseXmlStrictly(files[0]!.xml), 'sitemap')).toHaveLength(2);
    expect(files[1]!.xml.split('<url>').length - 1).toBe(50_000);
    expect(locsOf(parseXmlStrictly(files[2]!.xml), 'url')).toEqual([`${baseUrl}/p/50001.html`]);
  });

  it('starts a new file before one would pass the byte limit', () => {
    const urls = Array.from({ length: 20 }, (_, i) => ({ loc: `${baseUrl}/${'长'.repeat(10)}/${i}.html` }));
    const files = renderSitemaps(urls, { baseUrl, maxBytesPerFile: 1_000 });
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) expect(Buffer.byteLength(file.xml)).toBeLessThanOrEqual(1_000);
    expect(files.slice(1).flatMap((file) => locsOf(parseXmlStrictly(file.xml), 'url'))).toHaveLength(20);
  });

  it('escapes & in query strings and reads back the same URL', () => {
    const loc = `${baseUrl}/search.html?q=a&page=2&x='<y>'`;
    const [file] = renderSitemaps([{ loc }], { baseUrl });
    expect(file!.xml).toContain('?q=a&amp;page=2&amp;x=&apos;&lt;y&gt;&apos;');
    expect(locsOf(parseXmlStrictly(file!.xml), 'url')).toEqual([loc]);
  });

  it('leaves Chinese paths percent-encoded exactly once', () => {
    const loc = `https://example.org${urlOf('tag/闽东日报新闻.html', '/archive')}`;
    const [file] = renderSitemaps([{ loc }, { loc: `${baseUrl}/tag/100%25.html` }], { baseUrl });
    expect(locsOf(parseXmlStrictly(file!.xml), 'url')).toEqual([
      `${baseUrl}/tag/%E9%97%BD%E4%B8%9C%E6%97%A5%E6%8A%A5%E6%96%B0%E9%97%BB.html`,
      `${baseUrl}/tag/100%25.html`,
    ]);
    expect(file!.xml).not.toContain('%25E9');
  });

  it('percent-encodes a Chinese path given raw, once', () => {
    const [file] = renderSitemaps([{ loc: `${baseUrl}/tag/闽东 日报.html` }], { baseUrl });
    expect(locsOf(parseXmlStrictly(file!.xml), 'url')).toEqual([`${baseUrl}/tag/%E9%97%BD%E4%B8%9C%20%E6%97%A5%E6%8A%A5.html`]);
  });

  it('refuses a URL outside the site’s folder, which search engines would ignore', () => {
    expect(() => renderSitemaps([{ loc: 'https://example.org/other/a.html' }], { baseUrl })).toThrow(/outside the site https:\/\/example.org\/archive\//);
    expect(() => renderSitemaps([{ loc: 'https://example.org/archive-old/a.html' }], { baseUrl })).toThrow(/outside the site/);
  });

  it('refuses a lastmod that is not a date', () => {
    expect(() => renderSitemaps([{ loc: `${baseUrl}/a.html`, lastmod: '2022-02-25 09:55' }], { baseUrl })).toThrow(/lastmod "2022-02-25 09:55"/);
  });

  it('refuses more URLs per file than the protocol allows', () => {
    expect(() => renderSitemaps(pages(1), { baseUrl, maxPerFile: 50_001 })).toThrow(RangeError);
    expect(() => renderSitemaps(pages(1), { baseUrl, maxPerFile: 0 })).toThrow(RangeError);
  });

  it('accepts a baseUrl written with a trailing slash', () => {
    const files = renderSitemaps(pages(2), { baseUrl: `${baseUrl}/`, maxPerFile: 1 });
    expect(locsOf(parseXmlStrictly(files[0]!.xml), 'sitemap')).toEqual([`${baseUrl}/sitemap-1.xml`, `${baseUrl}/sitemap-2.xml`]);
  });
});

describe('robotsTxtWithSitemap', () => {
  const sitemap = `${baseUrl}/sitemap.xml`;

  it('writes an allow-all robots.txt with the Sitemap line when the site has none', () => {
    expect(robotsTxtWithSitemap(null, sitemap)).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`);
  });

  it('appends the Sitemap line to the site’s own robots.txt, ending its last line first', () => {
    expect(robotsTxtWithSitemap('User-agent: *\nDisallow: /drafts/\n', sitemap)).toBe(`User-agent: *\nDisallow: /drafts/\nSitemap: ${sitemap}\n`);
    expect(robotsTxtWithSitemap('User-agent: *\nDisallow: /drafts/', sitemap)).toBe(`User-agent: *\nDisallow: /drafts/\nSitemap: ${sitemap}\n`);
  });

  it('keeps CRLF line endings', () => {
    expect(robotsTxtWithSitemap('User-agent: *\r\nDisallow:', sitemap)).toBe(`User-agent: *\r\nDisallow:\r\nSitemap: ${sitemap}\r\n`);
  });

  it('does not repeat a Sitemap line for the same URL, however it is spelled', () => {
    for (const existing of [`Sitemap: ${sitemap}\n`, `User-agent: *\r\n  sitemap :${sitemap}  # ours\r\n`, `\uFEFFSITEMAP: ${sitemap}`]) {
      expect(robotsTxtWithSitemap(existing, sitemap)).toBe(existing);
    }
  });

  it('adds the line when robots.txt names only another sitemap', () => {
    expect(robotsTxtWithSitemap('Sitemap: https://example.org/other.xml\n', sitemap)).toBe(`Sitemap: https://example.org/other.xml\nSitemap: ${sitemap}\n`);
  });

  it('refuses a URL with a line break, which would add directives of its own', () => {
    expect(() => robotsTxtWithSitemap(null, `${sitemap}\nDisallow: /`)).toThrow(/absolute http\(s\) URL/);
    expect(() => robotsTxtWithSitemap(null, '/sitemap.xml')).toThrow(/absolute http\(s\) URL/);
  });
});

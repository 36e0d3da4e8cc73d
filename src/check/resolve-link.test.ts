import { describe, expect, it } from 'vitest';
import { linkResolver, type LinkContext, type LinkTarget } from './resolve-link.js';

const page = 'news/2022/03/01/x.html';
const resolve = (href: string, context: Partial<LinkContext> = {}): LinkTarget => linkResolver({ page, baseurl: '', ...context })(href);

describe('linkResolver', () => {
  it.each<[string, string[]]>([
    ['y.html', ['news/2022/03/01/y.html']],
    ['../02/y.html', ['news/2022/03/02/y.html']],
    ['./', ['news/2022/03/01/index.html']],
    ['..', ['news/2022/03/index.html']],
    ['/a/%2e%2e/b.html', ['b.html']],
    ['\\category\\x.html', ['category/x.html']],
    ['/tag/%E6%B5%B7.html?page=2#list', ['tag/海.html']],
    [' /x.html\n', ['x.html']],
    ['?page=2', [page]],
    ['/about', ['about', 'about.html', 'about/index.html']],
    ['/v1.2', ['v1.2']],
  ])('resolves %j to %j', (href, candidates) => {
    expect(resolve(href)).toMatchObject({ kind: 'internal', candidates });
  });

  it('keeps the fragment decoded, and leaves out #, #top and text fragments', () => {
    expect(resolve('#%E7%AC%AC%E4%B8%80')).toMatchObject({ candidates: [page], fragment: '第一' });
    for (const href of ['#', '#top', '#TOP', '#:~:text=港区']) expect(resolve(href)).toEqual({ kind: 'internal', candidates: [page], fragment: undefined });
    expect(resolve('#s1:~:text=港区')).toMatchObject({ fragment: 's1' });
  });

  it.each([
    ['https://elsewhere.example.com/x.html'],
    ['//cdn.example.com/x.js'],
    ['mailto:a@example.org'],
    ['tel:+86'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:image/png;base64,AAAA'],
    ['https:x.html'],
    [''],
    ['   '],
  ])('ignores %j', (href) => {
    expect(resolve(href, { siteUrl: 'https://example.org' })).toEqual({ kind: 'ignored' });
  });

  it.each([
    ['/%E6%B5', 'malformed percent-encoding in "%E6%B5"'],
    ['/100%.html', 'malformed percent-encoding in "100%.html"'],
    ['/a%2Fb.html', 'an encoded "/", "\\" or NUL in "a%2Fb.html"'],
    ['../../../../../../etc/passwd', '".." climbs above the site root'],
  ])('reports %j as broken', (href, reason) => {
    expect(resolve(href)).toEqual({ kind: 'broken', reason });
  });

  it('counts the site’s own url, under its path, as internal and another path on its host as not', () => {
    const context = { baseurl: '/archive', siteUrl: 'https://example.org/news' };
    expect(resolve('https://example.org/news/archive/x.html', context)).toMatchObject({ candidates: ['x.html'] });
    expect(resolve('HTTPS://Example.ORG:443/news/archive/', context)).toMatchObject({ candidates: ['index.html'] });
    expect(resolve('https://example.org/shop/', context)).toEqual({ kind: 'ignored' });
    expect(resolve('http://example.org/news/archive/x.html', context)).toEqual({ kind: 'ignored' });
    expect(resolve('https://example.org/news/other.html', context)).toEqual({ kind: 'broken', reason: 'outside the baseurl /archive' });
  });

  it('matches a Chinese baseurl however the link encodes it', () => {
    const context = { baseurl: `/${encodeURIComponent('存档')}` };
    expect(resolve('/存档/x.html', context)).toMatchObject({ candidates: ['x.html'] });
    expect(resolve(`/${encodeURIComponent('存档')}/x.html`, context)).toMatchObject({ candidates: ['x.html'] });
    expect(resolve('/存档x/x.html', context)).toEqual({ kind: 'broken', reason: `outside the baseurl ${context.baseurl}` });
  });

  it('resolves against <base href>, and ignores relative links when the base is another host', () => {
    expect(resolve('y.html', { base: '/other/' })).toMatchObject({ candidates: ['other/y.html'] });
    expect(resolve('#s1', { base: '/other/' })).toMatchObject({ candidates: ['other/index.html'], fragment: 's1' });
    expect(resolve('y.html', { base: 'https://elsewhere.example.com/' })).toEqual({ kind: 'ignored' });
    expect(resolve('/y.html', { base: 'https://elsewhere.example.com/' })).toEqual({ kind: 'ignored' });
  });
});

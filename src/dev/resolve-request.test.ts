import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveRequest } from './resolve-request.js';

const files = new Set(['index.html', '404.html', 'style.css', 'tag/闽东日报新闻.html', 'category/x.html', 'archive/index.html', 'archive/2022/index.html', 'x/2022/a.html']);
const exists = (path: string): boolean => files.has(path);

describe('resolveRequest', () => {
  it.each([
    ['/', { kind: 'file', path: 'index.html' }],
    ['/style.css?v=1', { kind: 'file', path: 'style.css' }],
    [`/tag/${encodeURIComponent('闽东日报新闻')}.html`, { kind: 'file', path: 'tag/闽东日报新闻.html' }],
    ['/archive/', { kind: 'file', path: 'archive/index.html' }],
    ['/archive', { kind: 'redirect', location: '/archive/' }],
    ['/category/x', { kind: 'file', path: 'category/x.html' }],
    ['/nope.html', { kind: 'not-found' }],
  ])('serves %s at the root', (url, expected) => {
    expect(resolveRequest(url, '', exists)).toEqual(expected);
  });

  it.each(['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/x/%2E%2E/%2E%2E/etc/passwd', '/x/..%2f..%2fetc/passwd', '/..%5c..%5cetc%5cpasswd', '/a%00.html', '/%E0%A4%A.html', '/./index.html', '//etc/passwd'])(
    'refuses the traversal %s',
    (url) => {
      expect(resolveRequest(url, '', exists)).toEqual({ kind: 'not-found' });
    },
  );

  it('honours the baseurl', () => {
    expect(resolveRequest('/archive/x/2022/a.html', '/archive', exists)).toEqual({ kind: 'file', path: 'x/2022/a.html' });
    expect(resolveRequest('/', '/archive', exists)).toEqual({ kind: 'redirect', location: '/archive/' });
    expect(resolveRequest('/x/2022/a.html', '/archive', exists)).toEqual({ kind: 'not-found' });
  });
});

describe('contentTypeOf', () => {
  it('declares UTF-8 for HTML and other text', () => {
    expect(contentTypeOf('a/b.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('feed.xml')).toBe('application/xml; charset=utf-8');
    expect(contentTypeOf('favicon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('unknown.bin')).toBe('application/octet-stream');
  });
});

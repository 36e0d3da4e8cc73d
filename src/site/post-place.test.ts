import { describe, expect, it } from 'vitest';
import { parsePostDate } from '../content/post-date.js';
import { placeOf } from './post-place.js';

const post = {
  slug: 'NW202202252289057147',
  date: parsePostDate('2022-02-25 09:55:40 +0800', 'Asia/Shanghai')!,
  categories: ['mindongribao'],
  permalink: null,
};
const site = { permalink: 'date', slugify: 'unicode', baseurl: '' } as const;

describe('a post’s place', () => {
  it('is the path its permalink expands to, the file written there and the link to it', () => {
    expect(placeOf(post, site)).toEqual({
      path: 'mindongribao/2022/02/25/NW202202252289057147.html',
      unsafe: null,
      outputPath: 'mindongribao/2022/02/25/NW202202252289057147.html',
      foldedPath: 'mindongribao/2022/02/25/nw202202252289057147.html',
      url: '/mindongribao/2022/02/25/NW202202252289057147.html',
    });
  });

  it('follows the site’s base URL, and a permalink of the post’s own over the site’s', () => {
    const place = placeOf({ ...post, permalink: '/:year/:title/' }, { ...site, baseurl: '/archive' });
    expect(place).toMatchObject({ path: '2022/NW202202252289057147/', outputPath: '2022/NW202202252289057147/index.html', url: '/archive/2022/NW202202252289057147/' });
  });

  it('says why a path may not be written, and names no file for it', () => {
    expect(placeOf({ ...post, permalink: '/../:title.html' }, site)).toEqual({ path: '../NW202202252289057147.html', unsafe: 'it contains a "." or ".." segment', outputPath: '', url: '' });
  });

  it('carries the path as file systems that fold case and Unicode spellings compare it, when that differs', () => {
    expect(placeOf({ ...post, slug: 'Nw1' }, site).foldedPath).toBe('mindongribao/2022/02/25/nw1.html');
    // é written as e and a combining accent (NFD), as macOS names files.
    expect(placeOf({ ...post, slug: 'caf\u0065\u0301' }, site).foldedPath).toBe('mindongribao/2022/02/25/caf\u00e9.html');
    expect(placeOf(post, { ...site, permalink: '/:year/:month/x.html' }).foldedPath).toBeUndefined();
  });
});

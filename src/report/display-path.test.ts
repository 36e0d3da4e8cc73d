import { describe, expect, it } from 'vitest';
import { displayPath, sitePath } from './display-path.js';

describe('displayPath', () => {
  it('shows a file inside the site from the site root, with forward slashes', () => {
    expect(displayPath('/site', '/site/posts/2022/a.md')).toBe('posts/2022/a.md');
    expect(displayPath('/site', '/site/...md')).toBe('...md');
    expect(displayPath('/site', '/site/..draft/a.md')).toBe('..draft/a.md');
  });

  it('shows a file elsewhere as given', () => {
    expect(displayPath('/site', '/elsewhere/_site')).toBe('/elsewhere/_site');
    expect(displayPath('/site', '/site-other/a.md')).toBe('/site-other/a.md');
    expect(displayPath('/site', '/site')).toBe('/site');
  });
});

describe('sitePath', () => {
  it('names a file from the site root with forward slashes, one outside it with ../ first', () => {
    expect(sitePath('/site', '/site/_config.yml')).toBe('_config.yml');
    expect(sitePath('/site', '/site/posts/2022/a.md')).toBe('posts/2022/a.md');
    expect(sitePath('/site', '/elsewhere/config.yml')).toBe('../elsewhere/config.yml');
  });
});

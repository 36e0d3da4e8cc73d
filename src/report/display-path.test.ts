import { describe, expect, it } from 'vitest';
import { displayPath } from './display-path.js';

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

import { describe, expect, it } from 'vitest';
import { classifyChange, type ChangeKind } from './classify-change.js';

describe('classifyChange', () => {
  it.each<[string, ChangeKind]>([
    ['posts/2022-02-25-NW1.md', 'post'],
    ['posts/sub/x.markdown', 'post'],
    ['_posts/2022-02-25-a.html', 'post'],
    ['_drafts/draft.md', 'post'],
    ['posts/notes.txt', 'ignored'],
    ['posts/.2022-02-25-NW1.md.swp', 'ignored'],
    ['posts/2022-02-25-NW1.md~', 'ignored'],
    ['templates/post.njk', 'template'],
    ['templates/partials/nav.njk', 'template'],
    ['templates/README.md', 'ignored'],
    ['public/style.css', 'public'],
    ['public/images/logo.png', 'public'],
    ['_config.yml', 'config'],
    ['_site/index.html', 'ignored'],
    ['.baoku-cache/posts.v8', 'ignored'],
    ['README.md', 'ignored'],
  ])('%s is %s', (path, kind) => {
    expect(classifyChange(path)).toBe(kind);
  });

  it('knows a config given with --config', () => {
    expect(classifyChange('site.yml', 'site.yml')).toBe('config');
    expect(classifyChange('_config.yml', 'site.yml')).toBe('ignored');
  });
});

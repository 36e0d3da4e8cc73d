import { describe, expect, it } from 'vitest';
import type { PostLink, PostPage, SiteEntry, Term } from '../site/site.js';
import { postPageInputs } from './views.js';

// A page's inputs decide whether it is rendered again: whatever it shows of other posts and of
// its terms must be in them, and nothing it does not show.

const term = (name: string, count = 3): Term => ({ kind: 'category', key: 'haigang', name, slug: 'haigang', path: 'category/haigang.html', url: '/category/haigang.html', count });
const link = (title: string, url = '/haigang/2022/01/13/nw12.html'): PostLink => ({ title, url });

function postPage(shown: { prev?: PostLink | null; related?: PostLink[]; category?: Term; digest?: string }): PostPage {
  const category = shown.category ?? term('海港日报');
  return {
    kind: 'post',
    entry: { digest: shown.digest ?? 'd1' } as SiteEntry,
    path: 'haigang/2022/01/14/nw13.html',
    outputPath: 'haigang/2022/01/14/nw13.html',
    url: '/haigang/2022/01/14/nw13.html',
    category,
    categories: [category],
    tags: [],
    prev: shown.prev ?? null,
    next: null,
    related: shown.related ?? [],
  };
}

const inputsOf = (page: PostPage): string => postPageInputs(page).stable;

describe('a post page’s inputs', () => {
  it('are equal for pages that show the same things, whatever objects hold them', () => {
    expect(inputsOf(postPage({ prev: link('第12篇'), related: [link('第12篇'), link('第9篇', '/x/9.html')] }))).toBe(
      inputsOf(postPage({ prev: link('第12篇'), related: [link('第12篇'), link('第9篇', '/x/9.html')] })),
    );
  });

  it('change with the title or address of a neighbour or a related post', () => {
    const before = inputsOf(postPage({ prev: link('第12篇'), related: [link('第9篇', '/x/9.html')] }));
    expect(inputsOf(postPage({ prev: link('第十二篇'), related: [link('第9篇', '/x/9.html')] }))).not.toBe(before);
    expect(inputsOf(postPage({ prev: link('第12篇', '/y/12.html'), related: [link('第9篇', '/x/9.html')] }))).not.toBe(before);
    expect(inputsOf(postPage({ prev: link('第12篇'), related: [link('第九篇', '/x/9.html')] }))).not.toBe(before);
    expect(inputsOf(postPage({ prev: link('第12篇'), related: [] }))).not.toBe(before);
  });

  it('tell a neighbour from a related post, and a missing neighbour from one that is there', () => {
    const shown = link('第12篇');
    expect(inputsOf(postPage({ prev: shown }))).not.toBe(inputsOf(postPage({ related: [shown] })));
    expect(inputsOf(postPage({ prev: null }))).not.toBe(inputsOf(postPage({ prev: shown })));
  });

  it('change with the post itself and with its category’s name, not with the category’s count', () => {
    const before = inputsOf(postPage({ category: term('海港日报', 3) }));
    expect(inputsOf(postPage({ category: term('海港日报', 4) }))).toBe(before);
    expect(inputsOf(postPage({ category: term('海港晚报', 3) }))).not.toBe(before);
    expect(inputsOf(postPage({ category: term('海港日报', 3), digest: 'd2' }))).not.toBe(before);
  });
});

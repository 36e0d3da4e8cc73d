import { describe, expect, it } from 'vitest';
import { createArticleBodies } from './article-bodies.js';

const two = (): Map<string, string> => new Map([['posts/a.md', '<p>甲</p>'], ['posts/b.md', '<p>乙</p>']]);

describe('article bodies', () => {
  it('give each article to its feeds as often as asked, and to its page once, then let it go', () => {
    const held = two();
    const bodies = createArticleBodies(held, false);
    expect(bodies.get('posts/a.md')).toBe('<p>甲</p>');
    expect(bodies.get('posts/a.md')).toBe('<p>甲</p>');
    expect(bodies.take('posts/a.md')).toBe('<p>甲</p>');
    expect(held.has('posts/a.md')).toBe(false);
    expect(held.has('posts/b.md')).toBe(true);
  });

  it('refuse an article already let go rather than give an empty one', () => {
    const bodies = createArticleBodies(two(), false);
    bodies.take('posts/a.md');
    expect(() => bodies.take('posts/a.md')).toThrow(/posts\/a\.md was let go/);
    expect(() => bodies.get('posts/missing.md')).toThrow(/posts\/missing\.md/);
  });

  it('keep every article for the dev server, which renders pages again', () => {
    const bodies = createArticleBodies(two(), true);
    expect(bodies.take('posts/b.md')).toBe('<p>乙</p>');
    expect(bodies.take('posts/b.md')).toBe('<p>乙</p>');
  });
});

import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import type { TemplateContext, TermView } from './view.js';
import { readsDuring, watchedContext } from './volatile-reads.js';

const term = (name: string, count: number): TermView => ({ name, url: `/category/${name}.html`, slug: name, count });
const context = {
  site: { title: '档案', categories: [term('jingji', 12), term('shehui', 7)] },
  page: { title: '一篇' },
  post: { title: '一篇', category: term('jingji', 12), categories: [term('jingji', 12)], tags: [term('财经', 3)] },
  list: { kind: 'category', term: term('jingji', 12), posts: [{ title: '一篇', category: term('jingji', 12) }], pagination: { page: 2, total_pages: 5, total_posts: 90 } },
} as unknown as TemplateContext;

const env = new nunjucks.Environment(null, { autoescape: true });
const readsOf = (template: string) => readsDuring(() => env.renderString(template, watchedContext(context)));

describe('the volatile values a render reads', () => {
  it('are none for a navigation that shows the categories’ names', () => {
    const { result, reads } = readsOf('{% for c in site.categories %}<a href="{{ c.url }}">{{ c.name }}</a>{% endfor %}{{ post.category.name }}{{ list.pagination.page }}');
    expect(result).toBe('<a href="/category/jingji.html">jingji</a><a href="/category/shehui.html">shehui</a>jingji2');
    expect(reads).toEqual([]);
  });

  it('are the counts of the categories and tags shown, wherever they sit, by their URL', () => {
    expect(readsOf('{{ site.categories[1].count }}')).toEqual({ result: '7', reads: ['count:/category/shehui.html'] });
    expect(readsOf('{{ site.categories | dump }}').reads).toEqual(['count:/category/jingji.html', 'count:/category/shehui.html']);
    for (const shown of ['{{ post.category.count }}', '{{ list.term.count }}', '{{ list.posts[0].category.count }}', '{{ post.categories | dump }}']) {
      expect(readsOf(shown).reads, shown).toEqual(['count:/category/jingji.html']);
    }
    expect(readsOf('{{ post.tags[0].count }}').reads).toEqual(['count:/category/财经.html']);
  });

  it('are the totals when a list’s number of pages or posts is shown', () => {
    expect(readsOf('{% if list.pagination.total_pages > 1 %}第 {{ list.pagination.page }} 页{% endif %}')).toEqual({ result: '第 2 页', reads: ['totals'] });
    expect(readsOf('{{ list.pagination.total_posts }} {{ list.term.count }}').reads).toEqual(['count:/category/jingji.html', 'totals']);
  });

  it('are noted only during a render, and the context given is left as it was', () => {
    const watched = watchedContext(context);
    expect(JSON.stringify(watched.site.categories)).toBe(JSON.stringify(context.site.categories));
    expect(readsDuring(() => 'nothing read').reads).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(context.site.categories[0]!, 'count')?.value).toBe(12);
  });
});

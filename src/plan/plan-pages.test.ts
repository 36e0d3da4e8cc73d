import { describe, expect, it } from 'vitest';
import { templateKeysOf } from '../render/template-keys.js';
import type { SiteView, TemplateContext } from '../render/view.js';
import { pageKey, planPages, renderJobOf, siteKey, type PageSource } from './plan-pages.js';

const templates = templateKeysOf(new Map([['post.njk', '{{ post.content | safe }}'], ['list.njk', '{{ list.kind }}']]), 'v1');
const site = (time = '2026-01-01T00:00:00.000Z', title = '档案'): SiteView =>
  ({ title, description: '', lang: 'zh-CN', url: '', baseurl: '', home_url: '/', archive_url: '/archive/', feed_url: null, search_url: null, categories: [], time }) as SiteView;

let contextsMade = 0;
function page(outputPath: string, inputs: string, template = 'post.njk'): PageSource {
  return {
    outputPath,
    template,
    inputs: () => inputs,
    context: () => {
      contextsMade++;
      return { site: site(), page: { title: inputs } } as unknown as TemplateContext;
    },
  };
}

describe('page keys', () => {
  const shared = siteKey(site(), templates);
  it('change with the page’s inputs, its template and the site view, not with the build’s time', () => {
    const key = pageKey(page('a.html', '甲'), templates, shared);
    expect(pageKey(page('a.html', '乙'), templates, shared)).not.toBe(key);
    expect(pageKey(page('a.html', '甲', 'list.njk'), templates, shared)).not.toBe(key);
    expect(pageKey(page('a.html', '甲'), templates, siteKey(site(undefined, '新档案'), templates))).not.toBe(key);
    expect(pageKey(page('a.html', '甲'), templates, siteKey(site('2027-05-05T00:00:00.000Z'), templates))).toBe(key);
  });

  it('change with the build’s time when a template prints it', () => {
    const timed = templateKeysOf(new Map([['post.njk', '{{ site.time }}']]), 'v1');
    expect(siteKey(site('2027-05-05T00:00:00.000Z'), timed)).not.toBe(siteKey(site(), timed));
  });
});

describe('the page planner', () => {
  it('renders the pages that are new or whose key changed, and keeps the rest', () => {
    const first = planPages([page('a.html', '甲'), page('b.html', '乙')], site(), templates, () => false);
    expect(first.made.map((job) => job.outputPath)).toEqual(['a.html', 'b.html']);
    const unchanged = (outputPath: string, key: string): boolean => first.keys.get(outputPath) === key;
    contextsMade = 0;
    const second = planPages([page('a.html', '甲'), page('b.html', '乙改'), page('c.html', '丙')], site(), templates, unchanged);
    expect(second.made.map((job) => job.outputPath)).toEqual(['b.html', 'c.html']);
    expect(contextsMade).toBe(0);
    expect(renderJobOf(second.made[0]!).context.page.title).toBe('乙改');
    expect(second.kept).toEqual(['a.html']);
    expect([...second.keys.keys()]).toEqual(['a.html', 'b.html', 'c.html']);
  });
});

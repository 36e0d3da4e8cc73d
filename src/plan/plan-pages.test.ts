import { describe, expect, it } from 'vitest';
import { templateKeysOf } from '../render/template-keys.js';
import type { SiteView, TemplateContext, TermView } from '../render/view.js';
import type { VolatileRead } from '../render/volatile-reads.js';
import { pageKey, planPages, renderJobOf, renderOrder, siteKey, type PageSource, type PlannedPages } from './plan-pages.js';

const templates = templateKeysOf(new Map([['post.njk', '{{ post.content | safe }}'], ['list.njk', '{{ list.kind }}']]), 'v1');
const category = (count: number): TermView => ({ name: '闽东日报', url: '/category/mindongribao.html', slug: 'mindongribao', count });
const site = (time = '2026-01-01T00:00:00.000Z', title = '档案', count = 3): SiteView =>
  ({ title, description: '', lang: 'zh-CN', url: '', baseurl: '', home_url: '/', archive_url: '/archive/', feed_url: null, search_url: null, categories: [category(count)], time }) as SiteView;

let contextsMade = 0;
function page(outputPath: string, inputs: string, template = 'post.njk', totals = ''): PageSource {
  return {
    outputPath,
    template,
    inputs: () => ({ stable: inputs, totals }),
    context: () => {
      contextsMade++;
      return { site: site(), page: { title: inputs } } as unknown as TemplateContext;
    },
  };
}

const none: readonly VolatileRead[] = [];
const categoryCount: readonly VolatileRead[] = ['count:/category/mindongribao.html'];
const counts = (count: number): ReadonlyMap<string, number> => new Map([['/category/mindongribao.html', count], ['/tag/港口.html', 5]]);

describe('page keys', () => {
  const shared = siteKey(site(), templates);
  const key = (source: PageSource, reads = none, sharedKey = shared, termCounts = counts(3)): string => pageKey(source, reads, templates, sharedKey, termCounts);

  it('change with the page’s inputs, its template and the site view, not with the build’s time', () => {
    const before = key(page('a.html', '甲'));
    expect(key(page('a.html', '乙'))).not.toBe(before);
    expect(key(page('a.html', '甲', 'list.njk'))).not.toBe(before);
    expect(key(page('a.html', '甲'), none, siteKey(site(undefined, '新档案'), templates))).not.toBe(before);
    expect(key(page('a.html', '甲'), none, siteKey(site('2027-05-05T00:00:00.000Z'), templates))).toBe(before);
  });

  it('change with the build’s time when a template prints it', () => {
    const timed = templateKeysOf(new Map([['post.njk', '{{ site.time }}']]), 'v1');
    expect(siteKey(site('2027-05-05T00:00:00.000Z'), timed)).not.toBe(siteKey(site(), timed));
  });

  it('change with the count of a category only for a page whose render read that count', () => {
    expect(siteKey(site(undefined, undefined, 4), templates)).toBe(shared);
    expect(key(page('a.html', '甲'), none, shared, counts(4))).toBe(key(page('a.html', '甲')));
    expect(key(page('a.html', '甲'), categoryCount, shared, counts(4))).not.toBe(key(page('a.html', '甲'), categoryCount));
    expect(key(page('a.html', '甲'), ['count:/tag/港口.html'], shared, counts(4))).toBe(key(page('a.html', '甲'), ['count:/tag/港口.html']));
    expect(key(page('a.html', '甲'), categoryCount, shared, new Map())).not.toBe(key(page('a.html', '甲'), categoryCount));
  });

  it('change with a list’s totals only for a page whose render read them', () => {
    const longer = page('a.html', '甲', 'list.njk', '9 170');
    const shorter = page('a.html', '甲', 'list.njk', '8 160');
    expect(key(longer)).toBe(key(shorter));
    expect(key(longer, ['totals'])).not.toBe(key(shorter, ['totals']));
  });
});

/** The last build's pages as the planner asks for them, from what a first plan keyed. */
function lastBuild(keys: ReadonlyMap<string, { key: string; reads: readonly VolatileRead[] }>): PlannedPages {
  return { unchanged: (outputPath, key) => keys.get(outputPath)?.key === key, readsOf: (outputPath) => keys.get(outputPath)?.reads };
}

describe('the page planner', () => {
  const nothingBuilt = lastBuild(new Map());

  it('renders the pages that are new or whose key changed, and keeps the rest', () => {
    const pages = [page('a.html', '甲'), page('b.html', '乙')];
    const first = planPages(pages, site(), counts(3), templates, nothingBuilt);
    expect(first.made.map((job) => job.outputPath)).toEqual(['a.html', 'b.html']);
    const built = new Map(pages.map((p) => [p.outputPath, { key: first.keyAfterRender(p, none), reads: none }]));
    contextsMade = 0;
    const second = planPages([page('a.html', '甲'), page('b.html', '乙改'), page('c.html', '丙')], site(), counts(3), templates, lastBuild(built));
    expect(second.made.map((job) => job.outputPath)).toEqual(['b.html', 'c.html']);
    expect(contextsMade).toBe(0);
    expect((renderJobOf(second.made[0]!).context as TemplateContext).page.title).toBe('乙改');
    expect(second.kept).toEqual(['a.html']);
  });

  it('renders again, when a category grows, the pages that showed its count and keeps those that did not', () => {
    const pages = [page('nav-only.html', '甲'), page('shows-count.html', '乙')];
    const first = planPages(pages, site(), counts(3), templates, nothingBuilt);
    const reads = new Map<string, readonly VolatileRead[]>([['nav-only.html', none], ['shows-count.html', categoryCount]]);
    const built = new Map(pages.map((p) => [p.outputPath, { key: first.keyAfterRender(p, reads.get(p.outputPath)!), reads: reads.get(p.outputPath)! }]));
    const grown = planPages(pages, site(undefined, undefined, 4), counts(4), templates, lastBuild(built));
    expect(grown.made.map((job) => job.outputPath)).toEqual(['shows-count.html']);
    expect(grown.kept).toEqual(['nav-only.html']);
  });
});

describe('the render order', () => {
  it('is the post pages as planned, then the list pages of all lists, newest first', () => {
    const page = (outputPath: string, newestShown?: number) => ({ outputPath, newestShown });
    const order = renderOrder([page('a.html'), page('category/x/page2.html', 100), page('b.html'), page('index.html', 300), page('category/x.html', 300), page('2022/index.html', 200)]);
    expect(order.map((p) => p.outputPath)).toEqual(['a.html', 'b.html', 'index.html', 'category/x.html', '2022/index.html', 'category/x/page2.html']);
  });
});

import { describe, expect, it } from 'vitest';
import type { RenderJob } from '../parallel/render-job.js';
import { templateKeysOf } from '../render/template-keys.js';
import type { SiteView, TemplateContext } from '../render/view.js';
import { pageKey, planPages } from './plan-pages.js';

const templates = templateKeysOf(new Map([['post.njk', '{{ post.content | safe }}'], ['list.njk', '{{ list.kind }}']]), 'v1');
const site = (time: string): SiteView =>
  ({ title: '档案', description: '', lang: 'zh-CN', url: '', baseurl: '', home_url: '/', archive_url: '/archive/', feed_url: null, search_url: null, categories: [], time }) as SiteView;

function postJob(outputPath: string, title: string, bodyDigest: string, time = '2026-01-01T00:00:00.000Z'): RenderJob {
  const context = { site: site(time), page: { title }, post: { title, content: `<p>${bodyDigest}</p>` } } as unknown as TemplateContext;
  return { outputPath, template: 'post.njk', context, bodyDigest };
}

describe('page keys', () => {
  it('change with the context and the body, not with the build’s time', () => {
    const key = pageKey(postJob('a.html', '标题', 'd1'), templates);
    expect(pageKey(postJob('a.html', '标题', 'd1', '2027-05-05T00:00:00.000Z'), templates)).toBe(key);
    expect(pageKey(postJob('a.html', '新标题', 'd1'), templates)).not.toBe(key);
    expect(pageKey(postJob('a.html', '标题', 'd2'), templates)).not.toBe(key);
    expect(pageKey({ ...postJob('a.html', '标题', 'd1'), template: 'list.njk' }, templates)).not.toBe(key);
  });

  it('change with the build’s time when a template prints it', () => {
    const timed = templateKeysOf(new Map([['post.njk', '{{ site.time }}']]), 'v1');
    expect(pageKey(postJob('a.html', '标题', 'd1', '2027-05-05T00:00:00.000Z'), timed)).not.toBe(pageKey(postJob('a.html', '标题', 'd1'), timed));
  });
});

describe('the page planner', () => {
  it('renders the pages whose key changed or that are new, and keeps the rest', () => {
    const first = planPages([postJob('a.html', '甲', 'd1'), postJob('b.html', '乙', 'd2')], templates, () => false);
    expect(first.render.map((job) => job.outputPath)).toEqual(['a.html', 'b.html']);
    const unchanged = (outputPath: string, key: string): boolean => first.keys.get(outputPath) === key;
    const second = planPages([postJob('a.html', '甲', 'd1'), postJob('b.html', '乙', 'd3'), postJob('c.html', '丙', 'd4')], templates, unchanged);
    expect(second.render.map((job) => job.outputPath)).toEqual(['b.html', 'c.html']);
    expect(second.kept).toEqual(['a.html']);
    expect([...second.keys.keys()]).toEqual(['a.html', 'b.html', 'c.html']);
  });
});

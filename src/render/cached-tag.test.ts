import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedRendersKept } from './cached-tag.js';
import { createTemplateEnvironment } from './template-environment.js';
import type { TemplateContext, TermView } from './view.js';
import { readsDuring, watchedContext } from './volatile-reads.js';

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** An environment as a build's, with these templates of the site's own. */
function environmentWith(templates: Record<string, string>) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'baoku-cached-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(templates)) writeFileSync(path.join(folder, name), text);
  return createTemplateEnvironment({ siteTemplates: folder, baseurl: '', url: '', title: '档案', description: '', lang: 'zh-CN', generation: 'test' });
}

/** A context whose `shown.value` counts how often a render read it. */
function counted(key: string, value: string) {
  const counter = { reads: 0 };
  const context = {
    key,
    shown: {
      get value() {
        counter.reads++;
        return value;
      },
    },
  };
  return { context, counter };
}

describe('a {% cached %} block', () => {
  it('is rendered once for each set of keys and shown as rendered on every page with the same keys', () => {
    const env = environmentWith({ 'page.njk': '<p>{% cached key %}<b>{{ shown.value }}</b>{% endcached %}</p>' });
    const first = counted('甲', '第一次');
    const again = counted('甲', '第二次');
    const other = counted('乙', '第三次');
    expect(env.render('page.njk', first.context)).toBe('<p><b>第一次</b></p>');
    expect(env.render('page.njk', again.context)).toBe('<p><b>第一次</b></p>');
    expect(again.counter.reads).toBe(0);
    expect(env.render('page.njk', other.context)).toBe('<p><b>第三次</b></p>');
  });

  it('keeps each block apart, though their keys are the same', () => {
    const env = environmentWith({
      'page.njk': '{% cached key %}[{{ shown.value }}]{% endcached %}{% include "part.njk" %}',
      'part.njk': '{% cached key %}({{ shown.value | upper }}){% endcached %}',
    });
    expect(env.render('page.njk', counted('甲', 'a').context)).toBe('[a](A)');
  });

  it('escapes as it would uncached, once', () => {
    const env = environmentWith({ 'page.njk': '{% cached key %}{{ shown.value }}{% endcached %}' });
    expect(env.render('page.njk', counted('甲', '<b>&</b>').context)).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(env.render('page.njk', counted('甲', 'x').context)).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('notes for every page that shows it the counts it read, so each page is rendered again when they change', () => {
    const env = environmentWith({ 'page.njk': '{% cached page.kind %}{% for c in site.categories %}{{ c.name }} {{ c.count }};{% endfor %}{% endcached %}' });
    const term = (name: string, count: number): TermView => ({ name, url: `/category/${name}.html`, slug: name, count });
    const context = { site: { categories: [term('jingji', 12), term('shehui', 7)] }, page: { kind: 'post' } } as unknown as TemplateContext;
    const render = () => readsDuring(() => env.render('page.njk', watchedContext(context)));
    const rendered = render();
    const shown = render();
    expect(shown.result).toBe('jingji 12;shehui 7;');
    expect(shown.reads).toEqual(rendered.reads);
    expect(shown.reads).toEqual(['count:/category/jingji.html', 'count:/category/shehui.html']);
  });

  it(`keeps at most ${cachedRendersKept} renders, and renders the block each time past them`, () => {
    const env = environmentWith({ 'page.njk': '{% cached key %}{{ shown.value }}{% endcached %}' });
    for (let i = 0; i < cachedRendersKept; i++) env.render('page.njk', counted(`k${i}`, 'x').context);
    const past = counted('beyond', '一');
    expect(env.render('page.njk', past.context)).toBe('一');
    expect(env.render('page.njk', counted('beyond', '二').context)).toBe('二');
    expect(env.render('page.njk', counted('k0', '三').context)).toBe('x');
  });

  it('is not kept from one environment (one build) to the next', () => {
    const template = { 'page.njk': '{% cached key %}{{ shown.value }}{% endcached %}' };
    expect(environmentWith(template).render('page.njk', counted('甲', '旧').context)).toBe('旧');
    expect(environmentWith(template).render('page.njk', counted('甲', '新').context)).toBe('新');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDev, type DevSession } from '../src/dev/run-dev.js';
import { createFixtureSite, newsPost, type FixtureSite } from './support/fixture-site.js';

/** Broken files a user can save while `baoku dev` runs; the server must live through each. */
const brokenFiles: Record<string, string | Uint8Array> = {
  'invalid YAML': '---\ntitle: "未闭合\n---\n正文。',
  'no closing ---': '---\ntitle: 标题\ndate: 2022-03-05\n正文。',
  'empty file': '',
  'binary file': new Uint8Array([0, 1, 2, 255, 0, 3]),
  'invalid UTF-8': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]),
  'alias bomb': `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: 炸弹\n---\n正文。`,
  'deep nesting': newsPost({ title: '深', categories: 'x', body: '<div>'.repeat(50_000) }),
  'unsafe layout': newsPost({ title: '布局', categories: 'x', extra: 'layout: ../../etc/passwd', body: '正文。' }).replace('layout: post\n', ''),
};

describe('baoku dev with posts added, deleted and broken', () => {
  let site: FixtureSite;
  let dev: DevSession;

  beforeAll(async () => {
    site = createFixtureSite({ '_config.yml': 'search: false\n', 'posts/2022-03-01-good.md': newsPost({ title: '好文章', categories: 'x', body: '<p>一直都在。</p>' }) });
    dev = await runDev({ source: site.root, host: '127.0.0.1', port: 0, log: () => undefined });
  });

  afterAll(async () => {
    await dev?.close();
    site?.remove();
  });

  it('adds a new post’s page, and takes it away when the file is deleted', async () => {
    let rebuilt = new Promise<void>((resolve) => dev.rebuilt(() => resolve()));
    site.write('posts/2022-03-09-new.md', newsPost({ title: '新来的', categories: 'x', body: '<p>刚刚发布。</p>' }));
    await rebuilt;
    expect(await (await fetch(`${dev.url}x/2022/03/09/new.html`)).text()).toContain('刚刚发布。');
    expect(await (await fetch(`${dev.url}category/x.html`)).text()).toContain('新来的');
    rebuilt = new Promise<void>((resolve) => dev.rebuilt(() => resolve()));
    (await import('node:fs')).rmSync(`${site.root}/posts/2022-03-09-new.md`);
    await rebuilt;
    expect((await fetch(`${dev.url}x/2022/03/09/new.html`)).status).toBe(404);
    expect(await (await fetch(`${dev.url}category/x.html`)).text()).not.toContain('新来的');
  }, 30_000);

  it.each(Object.keys(brokenFiles))('keeps serving after a %s is saved', async (name) => {
    const rebuilt = new Promise<void>((resolve) => dev.rebuilt(() => resolve()));
    site.write('posts/2022-03-05-broken.md', brokenFiles[name]!);
    await rebuilt;
    const page = await fetch(`${dev.url}x/2022/03/01/good.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('一直都在。');
  }, 30_000);
});

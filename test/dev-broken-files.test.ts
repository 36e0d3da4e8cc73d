import { symlinkSync } from 'node:fs';
import path from 'node:path';
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
  'blank line before ---': `\n${newsPost({ title: '空行', categories: 'x', body: '正文。' })}`,
  'duplicate key': '---\ntitle: 一\ntitle: 二\ncategories: x\n---\n正文。',
  'empty title': newsPost({ title: '', categories: 'x', body: '正文。' }),
  'empty date': newsPost({ title: '无日期', date: ' +0800', categories: 'x', body: '正文。' }),
  'invalid date': newsPost({ title: '坏日期', date: '2022-13-45 99:99:99 +0800', categories: 'x', body: '正文。' }),
  'date without offset': newsPost({ title: '无时区', date: '2022-03-05 10:00:00', categories: 'x', body: '正文。' }),
  'non-string values': '---\ntitle: [1, 2]\ncategories: {a: 1}\ntags: 3\n---\n正文。',
  'YAML tag': '---\ntitle: !!js/function "function () { return 1 }"\ncategories: x\n---\n正文。',
  'byte order mark': `\uFEFF${newsPost({ title: '带 BOM', categories: 'x', body: '正文。' })}`,
  'CRLF line endings': newsPost({ title: 'CRLF', categories: 'x', body: '第一段。\n\n第二段。' }).replace(/\n/g, '\r\n'),
  '5 MB post': newsPost({ title: '很长', categories: 'x', body: '<p>很长的正文。</p>\n'.repeat(220_000) }),
  'deep markdown nesting': newsPost({ title: '深引用', categories: 'x', body: `${'>'.repeat(50_000)} 深` }),
  'duplicate permalink': newsPost({ title: '抢地址', categories: 'x', extra: 'permalink: /x/2022/03/01/good.html', body: '正文。' }),
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

  it('keeps serving after NFC and NFD twins of one file name are saved', async () => {
    const rebuilt = new Promise<void>((resolve) => dev.rebuilt(() => resolve()));
    site.write('posts/2022-03-06-caf\u00e9.md'.normalize('NFC'), newsPost({ title: '一', categories: 'x', body: '正文。' }));
    site.write('posts/2022-03-06-cafe\u0301.md', newsPost({ title: '二', categories: 'x', body: '正文。' }));
    await rebuilt;
    expect((await fetch(`${dev.url}x/2022/03/01/good.html`)).status).toBe(200);
  }, 30_000);

  it('keeps serving after a symbolic link loop appears in posts/', async () => {
    const rebuilt = new Promise<void>((resolve) => dev.rebuilt(() => resolve()));
    symlinkSync('.', path.join(site.root, 'posts', 'loop'));
    await rebuilt;
    expect((await fetch(`${dev.url}x/2022/03/01/good.html`)).status).toBe(200);
  }, 30_000);
});

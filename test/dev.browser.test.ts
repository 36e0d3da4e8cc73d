import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDev, type DevSession } from '../src/dev/run-dev.js';
import { hasChromium, launchChromium } from './support/browser.js';
import { createFixtureSite, newsPost, type FixtureSite } from './support/fixture-site.js';

const postPath = 'posts/2022-03-01-a.md';
const postUrl = 'x/2022/03/01/a.html';
const postText = (sentence: string): string => newsPost({ title: '实时预览', date: '2022-03-01 09:00:00 +0800', categories: 'x', tags: '甲', body: `<p>${sentence}</p>` });

describe.skipIf(!hasChromium)('baoku dev in a real browser', () => {
  let browser: Browser;
  let site: FixtureSite;
  let dev: DevSession;
  const log: string[] = [];

  beforeAll(async () => {
    site = createFixtureSite({ '_config.yml': 'title: 预览\nsearch: false\n', [postPath]: postText('第一版正文。'), 'posts/2022-03-02-b.md': postText('另一篇。') });
    dev = await runDev({ source: site.root, host: '127.0.0.1', port: 0, log: (line) => log.push(line) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    site?.remove();
  });

  const nextRebuild = (): Promise<void> => new Promise((resolve) => dev.rebuilt(() => resolve()));

  it('shows an edit without the test reloading, and an overlay naming a broken file until it is fixed', async () => {
    const page = await browser.newPage();
    await page.goto(dev.url + postUrl);
    await expect(page.locator('.article-body').innerText()).resolves.toContain('第一版正文。');

    site.write(postPath, postText('第二版正文，自动刷新。'));
    await page.waitForFunction(() => document.querySelector('.article-body')?.textContent?.includes('第二版正文'), undefined, { timeout: 15_000 });

    const broken = nextRebuild();
    site.write(postPath, '---\ntitle: "没有闭合\ndate: 2022-03-01\n---\n正文。');
    await broken;
    const overlay = page.locator('#baoku-overlay');
    await overlay.waitFor({ timeout: 15_000 });
    await expect(overlay.innerText()).resolves.toContain(postPath);
    // The last good page is still served while the file is broken.
    const response = await page.request.get(dev.url + postUrl);
    expect(await response.text()).toContain('第二版正文');

    site.write(postPath, postText('第三版正文，修好了。'));
    await page.waitForFunction(() => document.querySelector('.article-body')?.textContent?.includes('第三版正文'), undefined, { timeout: 15_000 });
    expect(await page.locator('#baoku-overlay').count()).toBe(0);
    expect(log.some((line) => line.includes(postPath))).toBe(true);
    await page.close();
  });

  it('answers a traversal request with 404', async () => {
    const page = await browser.newPage();
    const response = await page.request.get(`${dev.url}%2e%2e/%2e%2e/etc/passwd`);
    expect(response.status()).toBe(404);
    await page.close();
  });
});

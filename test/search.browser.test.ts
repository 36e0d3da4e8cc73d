import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, siteInBrowser } from './support/browser.js';
import { createFixtureSite, newsPost, seedShapedBody } from './support/fixture-site.js';

// Built under a baseurl, so that a result linked with it twice (Pagefind's default) would fail.
const baseurl = '/news';
const newerTalentPost = `${baseurl}/haigangribao/2022/03/01/HG2022030100001.html`;
const olderTalentPost = `${baseurl}/haigangribao/2021/06/18/HG2021061800007.html`;

describe.skipIf(!hasChromium)('search in a real browser', () => {
  const served = siteInBrowser(
    () =>
      createFixtureSite({
        'posts/2022-03-01-HG2022030100001.md': newsPost({
          title: '海港新城广聚英才',
          date: '2022-03-01 09:55:40 +0800',
          categories: 'haigangribao',
          tags: '海港日报新闻',
          body: seedShapedBody.replace('<p>惠民生暖民心', '<p>城区出台引进人才十条措施，为青年人才提供安居补贴。</p>\n <p>惠民生暖民心'),
        }),
        'posts/2022-04-12-HG2022041200003.md': newsPost({
          title: '海港湾畔绿道贯通',
          date: '2022-04-12 08:30:00 +0800',
          categories: 'haigangribao',
          body: '<p>沿海绿道全线贯通，市民可以沿着海湾骑行散步，周末游客络绎不绝。</p>',
        }),
        'posts/2021-06-18-HG2021061800007.md': newsPost({
          title: '职业院校毕业生留港就业创新高',
          date: '2021-06-18 10:00:00 +0800',
          categories: 'haigangribao',
          body: '<p>今年全市职业院校毕业生留港就业比例创新高，技能人才队伍不断壮大。</p>\n<p>□ 海文</p>',
        }),
        'posts/2021-09-02-HG2021090200002.md': newsPost({
          title: '渔港避风锚地扩建',
          date: '2021-09-02 15:20:00 +0800',
          categories: 'haigangribao',
          body: '<p>渔港避风锚地扩建工程完工，可容纳渔船数量增加一倍。</p>',
        }),
      }),
    async (site) => {
      // Two posts a shard: the 2021 posts are in a second bundle, which only mergeIndex can search.
      const result = await site.build({ baseurl, searchShardBudget: { maxPosts: 2, maxChars: 1_000_000 } });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(JSON.parse(site.read('pagefind/shards.json')).bundles).toEqual([`${baseurl}/pagefind/2022/`, `${baseurl}/pagefind/2021/`]);
    },
    baseurl,
  );

  /** A page that collects script errors, failed requests and requests that leave the site. */
  async function openPage(url: string, viewport = { width: 1024, height: 800 }): Promise<{ page: Page; problems: string[] }> {
    const page = await served.browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('pageerror', (caught) => problems.push(`script error: ${caught.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    // Search works offline: everything comes from the site itself.
    page.on('request', (request) => {
      if (!request.url().startsWith(`${served.url}/`)) problems.push(`request outside the site: ${request.url()}`);
    });
    await page.goto(served.url + url);
    return { page, problems };
  }

  const resultLinks = (page: Page): Promise<string[]> =>
    page.locator('.search-results a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));

  it('finds 人才 in posts of both shards as you type, and never a list page', async () => {
    const { page, problems } = await openPage(`${baseurl}/search.html`);
    await page.getByLabel('搜索文章').pressSequentially('人才', { delay: 20 });
    await expect.poll(() => resultLinks(page), { timeout: 10_000 }).toHaveLength(2);
    const links = await resultLinks(page);
    expect(links.sort()).toEqual([olderTalentPost, newerTalentPost].sort());
    expect(await page.locator('.search-status').innerText()).toBe('找到 2 篇相关文章');
    expect(await page.locator('.search-results mark').first().innerText()).toBe('人才');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('searches from the address: search.html?q= runs the query, and results lead to the post', async () => {
    const { page, problems } = await openPage(`${baseurl}/search.html?q=${encodeURIComponent('绿道')}`);
    await expect.poll(() => resultLinks(page), { timeout: 10_000 }).toEqual([`${baseurl}/haigangribao/2022/04/12/HG2022041200003.html`]);
    expect(await page.getByLabel('搜索文章').inputValue()).toBe('绿道');
    await page.getByRole('link', { name: '海港湾畔绿道贯通' }).click();
    await page.waitForURL('**/HG2022041200003.html');
    expect(await page.locator('h1').innerText()).toBe('海港湾畔绿道贯通');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so when nothing matches', async () => {
    const { page } = await openPage(`${baseurl}/search.html?q=${encodeURIComponent('火星')}`);
    await expect.poll(() => page.locator('.search-status').innerText(), { timeout: 10_000 }).toBe('没有找到与“火星”相关的文章');
    expect(await page.locator('.search-results li').count()).toBe(0);
    await page.close();
  });

  it('says the index has not been built where there is none, as in a dev preview', async () => {
    const page = await served.browser.newPage();
    await page.route('**/pagefind/shards.json', (route) => route.fulfill({ status: 404 }));
    await page.goto(`${served.url}${baseurl}/search.html?q=${encodeURIComponent('人才')}`);
    await expect.poll(() => page.locator('.search-status').innerText(), { timeout: 10_000 }).toBe('本站尚未生成搜索索引：运行 baoku build 后即可搜索。');
    await page.close();
  });

  it('is reached from the masthead of every page, and from the 404 page', async () => {
    const { page } = await openPage(`${baseurl}/`);
    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '搜索' }).click();
    await page.waitForURL(`**${baseurl}/search.html`);
    await page.goto(`${served.url}${baseurl}/404.html`);
    expect(await page.getByRole('link', { name: '返回首页' }).getAttribute('href')).toBe(`${baseurl}/`);
    await page.getByRole('searchbox').fill('渔船');
    await page.getByRole('searchbox').press('Enter');
    await page.waitForURL(`**${baseurl}/search.html?q=*`);
    await expect.poll(() => resultLinks(page), { timeout: 10_000 }).toEqual([`${baseurl}/haigangribao/2021/09/02/HG2021090200002.html`]);
    await page.close();
  });

  it('fits a 360 px phone with its results shown', async () => {
    const { page } = await openPage(`${baseurl}/search.html?q=${encodeURIComponent('人才')}`, { width: 360, height: 740 });
    await expect.poll(() => resultLinks(page), { timeout: 10_000 }).toHaveLength(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

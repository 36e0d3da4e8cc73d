import { describe, expect, it } from 'vitest';
import { hasChromium, siteInBrowser } from './support/browser.js';
import { createFixtureSite, newsPost, seedShapedBody } from './support/fixture-site.js';

const postUrl = '/haigangribao/2022/03/01/HG2022030100001.html';

describe.skipIf(!hasChromium)('the default theme in a real browser', () => {
  const served = siteInBrowser(
    () =>
      createFixtureSite({
        'posts/2022-03-01-HG2022030100001.md': newsPost({
          title: '海港新城建设热潮涌动，重点项目全面提速',
          date: '2022-03-01 09:55:40 +0800',
          categories: 'haigangribao',
          tags: '海港日报新闻',
          body: seedShapedBody.replace(' <p>□', ' <p>详见 https://very-long-host-name.example.com/a/really/long/path/that/should/wrap/on/a/phone/screen/without/scrolling.html</p>\n <p>□'),
        }),
      }),
    async (site) => {
      const result = await site.build();
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    },
  );

  it.each([postUrl, '/', '/category/haigangribao.html'])('fits a 360 px phone without sideways scrolling: %s', async (url) => {
    const page = await served.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(served.url + url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('shows the article with its subheadings, footer and our navigation', async () => {
    const page = await served.browser.newPage();
    await page.goto(served.url + postUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').innerText()).toBe('海港新城建设热潮涌动，重点项目全面提速');
    expect(await page.locator('article h2').count()).toBe(3);
    await expect(page.locator('main').innerText()).resolves.toContain('作者：海文');
    await page.getByRole('link', { name: '返回海港日报新闻' }).click();
    await page.waitForURL('**/category/haigangribao.html');
    expect(await page.locator('h1').innerText()).toContain('海港日报');
    await page.close();
  });

  it('turns dark in dark mode, with readable text', async () => {
    const page = await served.browser.newPage({ colorScheme: 'dark' });
    await page.goto(served.url + postUrl);
    const colors = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: style.backgroundColor, text: style.color };
    });
    const luminance = (rgb: string): number => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    expect(luminance(colors.background)).toBeLessThan(0.2);
    expect(luminance(colors.text) - luminance(colors.background)).toBeGreaterThan(0.5);
    await page.close();
  });
});

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { FixtureSite } from './fixture-site.js';
import { chromiumPath, launchChromium } from './chromium.mjs';
import { serveFolder } from './serve-folder.mjs';

export { chromiumPath, launchChromium };

/**
 * Whether page tests can run here. Without Chromium they are skipped with a notice, except in CI,
 * where a missing browser must fail the run rather than hide the tests.
 */
export const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${chromiumPath} is missing: .ci/run must install chromium`);
  console.warn(`NOTICE: ${chromiumPath} not found: browser tests are skipped (apt-get install chromium fonts-noto-cjk)`);
}

/** What a describe block's page tests work with: the built site, the address it is served at, the browser. */
export interface SiteInBrowser {
  site: FixtureSite;
  url: string;
  browser: Browser;
}

/**
 * Before the block's tests: makes a fixture site, builds it (`prepare`), serves its output over
 * HTTP under `baseurl` and launches Chromium. After them: closes all three, the site even when
 * its build failed.
 */
export function siteInBrowser(create: () => FixtureSite, prepare: (site: FixtureSite) => Promise<void>, baseurl = ''): SiteInBrowser {
  const served = {} as SiteInBrowser;
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  beforeAll(async () => {
    served.site = create();
    await prepare(served.site);
    server = await serveFolder(served.site.out, baseurl);
    served.url = server.url;
    served.browser = await launchChromium();
  });
  afterAll(async () => {
    await served.browser?.close();
    await server?.close();
    served.site?.remove();
  });
  return served;
}

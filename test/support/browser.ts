import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium: page tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Whether page tests can run here. Without Chromium they are skipped with a notice, except in CI,
 * where a missing browser must fail the run rather than hide the tests.
 */
export const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${chromiumPath} is missing: .ci/run must install chromium`);
  console.warn(`NOTICE: ${chromiumPath} not found: browser tests are skipped (apt-get install chromium fonts-noto-cjk)`);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

// Debian's Chromium, as the page tests and the benchmark's search timing launch it: never a
// downloaded browser; no sandbox (CI runs as root), no GPU, and nothing fetched (we run offline).
// Plain JavaScript, so that bench/run.mjs can use it as the TypeScript tests do.

export const chromiumPath = '/usr/bin/chromium';

/** Starts Chromium through playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

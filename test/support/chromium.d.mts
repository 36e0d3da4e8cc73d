import type { Browser } from 'playwright-core';

/** Debian's Chromium. */
export const chromiumPath: string;
/** Starts Chromium through playwright-core, with the flags the project runs it with. */
export function launchChromium(): Promise<Browser>;

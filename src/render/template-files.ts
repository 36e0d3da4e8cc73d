import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundledTemplates } from '../package-files.js';

/** Whether a layout name may be used as a file name: letters, digits, `_` and `-` only. */
export function isSafeLayoutName(layout: string): boolean {
  return /^[A-Za-z0-9_-]{1,100}$/.test(layout);
}

/** Whether `templates/<layout>.njk` exists in the site or the bundled theme. */
export function layoutExists(siteTemplates: string, layout: string): boolean {
  return isSafeLayoutName(layout) && [siteTemplates, bundledTemplates].some((dir) => existsSync(path.join(dir, `${layout}.njk`)));
}

/**
 * Test support: searching a built site's index from Node, as its search page would.
 * Not used by the build (src/test-support/ is left out of dist/).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FoundPage {
  readonly url: string;
  readonly title: string;
  readonly excerpt: string;
}

/** What the search page's script does, run in a Node child process against the served bundles. */
const queryScript = `
const [script, origin, query, bundles] = process.argv.slice(1);
const list = JSON.parse(bundles);
const pagefind = await import(script);
await pagefind.options({ basePath: origin + list[0], baseUrl: '/' });
await pagefind.init();
for (const bundle of list.slice(1)) await pagefind.mergeIndex(origin + bundle, { baseUrl: '/' });
const found = await pagefind.search(query);
const pages = await Promise.all(found.results.map((result) => result.data()));
process.stdout.write(JSON.stringify(pages.map((page) => ({ url: page.url, title: page.meta.title ?? '', excerpt: page.excerpt }))));
process.exit(0);
`;

/**
 * Searches a built site's index the way `search.html` does — the first bundle in
 * `pagefind/shards.json` with every other one merged — using Pagefind's own search code
 * in a child process (Node has fetch; Pagefind falls back from web workers to the main thread).
 * @returns every result, best first
 */
export async function searchBuiltSite(out: string, query: string, baseurl = ''): Promise<FoundPage[]> {
  const { bundles } = JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')) as { bundles: string[] };
  if (bundles.length === 0) return [];
  const local = (bundle: string): string => bundle.slice(baseurl.length);
  const script = pathToFileURL(path.join(out, local(bundles[0]!), 'pagefind.js')).href;
  const server = await serveBundles(out, baseurl);
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', queryScript, script, server.url, query, JSON.stringify(bundles)], { timeout: 20_000 }, (failure, out_, stderr) =>
        failure ? reject(new Error(`search for ${query} failed: ${failure.message}\n${stderr}`)) : resolve(out_),
      );
    });
    return JSON.parse(stdout) as FoundPage[];
  } finally {
    await server.close();
  }
}

/** Serves the output folder under the baseurl: just enough for Pagefind's fetches. */
async function serveBundles(root: string, baseurl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(root, path.normalize(pathname.slice(baseurl.length)));
    if (!pathname.startsWith(`${baseurl}/`) || !file.startsWith(root)) return void response.writeHead(404).end();
    readFile(file).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

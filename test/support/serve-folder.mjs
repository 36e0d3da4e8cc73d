import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

/** Content types by file extension. */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  // Browsers refuse a module script served as anything but JavaScript (Pagefind's pagefind.js).
  '.js': 'text/javascript',
  '.json': 'application/json',
};

/**
 * A minimal static server over a built site, for page tests and the benchmark's search query.
 * @param baseurl the path the site was built for (`/archive`): the folder is served under it
 */
export async function serveFolder(root, baseurl = '') {
  const server = http.createServer(async (request, response) => {
    let pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (baseurl) {
      if (!pathname.startsWith(`${baseurl}/`)) return void response.writeHead(404).end();
      pathname = pathname.slice(baseurl.length);
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root)) return void response.writeHead(404).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

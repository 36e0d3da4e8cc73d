import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './dev-server.js';

const files = new Map<string, Uint8Array>([
  ['index.html', Buffer.from('<!doctype html><html><body><h1>首页</h1></body></html>')],
  ['404.html', Buffer.from('<!doctype html><html><body>页面未找到</body></html>')],
  ['tag/闽东日报新闻.html', Buffer.from('<html><body>标签</body></html>')],
  ['style.css', Buffer.from('body{}')],
]);

let servers: DevServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

async function start(baseurl = '', port = 0): Promise<DevServer> {
  const server = await startDevServer({ files: () => files, baseurl, host: '127.0.0.1', port });
  servers.push(server);
  return server;
}

/** A raw GET, so the path reaches the server exactly as written (fetch would normalize `..`). */
function get(server: DevServer, path: string): Promise<{ status: number; type: string; body: string; location?: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body, location: response.headers.location }));
      })
      .on('error', reject);
  });
}

describe('the dev server', () => {
  it('serves UTF-8 HTML with the reload script, and other files as they are', async () => {
    const server = await start();
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>首页</h1>');
    expect(page.body).toContain('new EventSource("/__baoku/events")');
    const css = await get(server, '/style.css');
    expect(css.body).toBe('body{}');
  });

  it('maps percent-encoded Chinese paths to their files', async () => {
    const server = await start();
    expect((await get(server, `/tag/${encodeURIComponent('闽东日报新闻')}.html`)).body).toContain('标签');
  });

  it('answers a missing page with the theme’s 404 page and status 404', async () => {
    const server = await start();
    const missing = await get(server, '/nope.html');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('页面未找到');
  });

  it.each(['/%2e%2e/%2e%2e/etc/passwd', '/../../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e%5c%2e%2e%5cetc%5cpasswd'])('gives 404 to the traversal %s', async (path) => {
    const server = await start();
    const response = await get(server, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('root:');
  });

  it('serves under the baseurl and redirects the root to it', async () => {
    const server = await start('/archive');
    expect(server.url).toMatch(/\/archive\/$/);
    expect((await get(server, '/archive/')).body).toContain('首页');
    expect((await get(server, '/')).location).toBe('/archive/');
    expect((await get(server, '/index.html')).status).toBe(404);
  });

  it('tries the next port when the first is taken, and says so', async () => {
    const first = await start();
    const taken = Number(new URL(first.url).port);
    const reported: number[] = [];
    const second = await startDevServer({ files: () => files, baseurl: '', host: '127.0.0.1', port: taken, onPortTaken: (p) => reported.push(p) });
    servers.push(second);
    // The first port was ours; the ones after it may be held by anything else on the machine
    // (the other tests' connections too): each taken port is named, in order, up to the free one.
    expect(reported[0]).toBe(taken);
    expect(reported).toEqual(reported.map((_, tried) => taken + tried));
    expect(Number(new URL(second.url).port)).toBe(taken + reported.length);
  });

  it('sends reload and problem events to open pages', async () => {
    const server = await start();
    const { hostname, port } = new URL(server.url);
    const received = await new Promise<string>((resolve) => {
      http.get({ hostname, port, path: '/__baoku/events' }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
          if (text.includes('event: reload')) {
            response.destroy();
            resolve(text);
          }
        });
        setTimeout(() => {
          server.showProblems(['posts/a.md:3: invalid front matter']);
          server.reload();
        }, 50);
      });
    });
    expect(received).toContain('event: problems\ndata: ["posts/a.md:3: invalid front matter"]');
    expect(received).toContain('event: reload');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentTypeOf, resolveRequest } from './resolve-request.js';
import { injectReloadClient, reloadClientPath } from './reload-client.js';

/** The running dev server: serves a site from memory and tells browsers about rebuilds. */
export interface DevServer {
  readonly url: string;
  /** Tells every open page to reload (after a good rebuild), clearing any overlay. */
  reload(): void;
  /** Shows (or, with an empty list, clears) the error overlay in every open page. */
  showProblems(lines: readonly string[]): void;
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** The built site now: output path → bytes. Asked on every request, so rebuilds show at once. */
  readonly files: () => ReadonlyMap<string, Uint8Array>;
  readonly baseurl: string;
  readonly host: string;
  /** First port to try; taken ports are reported and the next one is tried. */
  readonly port: number;
  readonly onPortTaken?: (port: number) => void;
}

/** Starts the HTTP server on `host`, trying ports upwards from `port` until one is free. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const clients = new Set<http.ServerResponse>();
  let problems: readonly string[] = [];
  const eventsUrl = `${options.baseurl}${reloadClientPath}`;

  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.split('?')[0] === eventsUrl) {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(`event: problems\ndata: ${JSON.stringify(problems)}\n\n`);
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const site = options.files();
    const resolution = resolveRequest(url, options.baseurl, (path) => site.has(path));
    if (resolution.kind === 'redirect') {
      response.writeHead(302, { location: resolution.location }).end();
      return;
    }
    const path = resolution.kind === 'file' ? resolution.path : '404.html';
    const body = site.get(path);
    const status = resolution.kind === 'file' ? 200 : 404;
    if (!body) {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found');
      return;
    }
    const type = contentTypeOf(path);
    const content = type.startsWith('text/html') ? Buffer.from(injectReloadClient(Buffer.from(body).toString('utf8'), eventsUrl)) : body;
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': content.length });
    response.end(request.method === 'HEAD' ? undefined : content);
  });

  let port = options.port;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen(port, options.host, () => {
        server.off('error', resolve);
        resolve(null);
      });
    });
    if (!error) break;
    if (error.code !== 'EADDRINUSE' || port >= options.port + 20) throw error;
    options.onPortTaken?.(port);
    port++;
  }
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const send = (event: string, data: unknown): void => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  return {
    url: `http://${hostForUrl}:${address.port}${options.baseurl}/`,
    reload() {
      problems = [];
      send('reload', {});
    },
    showProblems(lines) {
      problems = lines;
      send('problems', lines);
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        clients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a request path means for a built site. */
export type Resolution =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' };

/**
 * Maps a request URL to a file of the built site, the way a static host would: the baseurl
 * prefix is required, the path is percent-decoded exactly once, `dir/` serves `dir/index.html`,
 * `x` serves `x.html` (or redirects to `x/`). Anything that could name a file outside the site
 * — `..` or `.` segments (encoded or not), backslashes, NUL — is not found. Pure.
 * @param exists whether the site has a file at an output path (no leading slash)
 */
export function resolveRequest(rawUrl: string, baseurl: string, exists: (path: string) => boolean): Resolution {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/')) return { kind: 'not-found' };
  if (baseurl && (pathname === '/' || pathname === '')) return { kind: 'redirect', location: `${baseurl}/` };
  if (baseurl && pathname === baseurl) return { kind: 'redirect', location: `${baseurl}/` };
  if (baseurl && !pathname.startsWith(`${baseurl}/`)) return { kind: 'not-found' };
  const encoded = pathname.slice(baseurl.length + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { kind: 'not-found' };
  }
  if (/[\u0000\\]/.test(decoded)) return { kind: 'not-found' };
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.') || segments.slice(0, -1).some((s) => s === '')) return { kind: 'not-found' };
  const clean = decoded.normalize('NFC');
  if (clean === '' || clean.endsWith('/')) {
    const index = `${clean}index.html`;
    return exists(index) ? { kind: 'file', path: index } : { kind: 'not-found' };
  }
  if (exists(clean)) return { kind: 'file', path: clean };
  if (!/\.[A-Za-z0-9]+$/.test(clean)) {
    if (exists(`${clean}.html`)) return { kind: 'file', path: `${clean}.html` };
    if (exists(`${clean}/index.html`)) return { kind: 'redirect', location: `${pathname}/` };
  }
  return { kind: 'not-found' };
}

const types: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
};

/** The Content-Type for an output path; text types say UTF-8. */
export function contentTypeOf(path: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return types[extension] ?? 'application/octet-stream';
}

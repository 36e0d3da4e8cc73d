/** Where a link in the output leads. */
export type LinkTarget =
  /** Not ours to check: another host, `mailto:`, `data:`, an empty `href`. */
  | { readonly kind: 'ignored' }
  /** Wrong whatever the output holds. */
  | { readonly kind: 'broken'; readonly reason: string }
  /**
   * A file of the output: the first of `candidates` (output-relative, decoded, `/`-separated)
   * that exists is what a static host serves.
   */
  | { readonly kind: 'internal'; readonly candidates: readonly string[]; readonly fragment?: string };

export interface LinkContext {
  /** Output-relative path of the page holding the links (`haigangribao/2022/03/01/x.html`). */
  readonly page: string;
  /** Path the site is served under (`/archive`), or empty; as `normalizeBaseurl` gives it. */
  readonly baseurl: string;
  /** The site's absolute address (`url` in `_config.yml`): links to it are internal. */
  readonly siteUrl?: string;
  /** The page's `<base href>`, against which its relative links resolve. */
  readonly base?: string;
}

/** Where a URL points, as host-relative path segments still percent-encoded; null for another host. */
type Location = readonly string[] | null;

/**
 * A resolver for the links of one page. It works on the URL text only (the output is not read):
 * it finds the path a browser would request, checks it lies inside the baseurl, and decodes it
 * once into the files a static host would serve for it.
 */
export function linkResolver(context: LinkContext): (href: string) => LinkTarget {
  const site = parseSiteUrl(context.siteUrl);
  const baseurlSegments = context.baseurl.split('/').filter(Boolean).map(decodeOrSelf);
  const pageLocation = [...context.baseurl.split('/').filter(Boolean), ...context.page.split('/').map((segment) => encodeURIComponent(segment))];

  let documentLocation: Location = pageLocation;
  if (context.base !== undefined) {
    const base = locate(cleanUrl(context.base), pageLocation, site);
    documentLocation = base === 'ignored' ? null : base.segments;
  }

  return (href) => {
    const url = cleanUrl(href);
    if (url === '') return { kind: 'ignored' };
    const located = locate(url, documentLocation, site);
    if (located === 'ignored') return { kind: 'ignored' };
    if (located.climbed) return { kind: 'broken', reason: '".." climbs above the site root' };

    const { segments } = located;
    // `/archive` and `/archive/` are both the site root.
    if (segments.length < baseurlSegments.length || baseurlSegments.some((segment, i) => decodeOrSelf(segments[i]!) !== segment)) {
      return { kind: 'broken', reason: `outside the baseurl ${context.baseurl}` };
    }

    const decoded: string[] = [];
    for (const segment of segments.slice(baseurlSegments.length)) {
      let text: string;
      try {
        text = decodeURIComponent(segment);
      } catch {
        return { kind: 'broken', reason: `malformed percent-encoding in "${segment}"` };
      }
      if (text.includes('/') || text.includes('\\') || text.includes('\0')) {
        return { kind: 'broken', reason: `an encoded "/", "\\" or NUL in "${segment}"` };
      }
      decoded.push(text);
    }
    return { kind: 'internal', candidates: candidateFiles(decoded), fragment: located.fragment };
  };
}

/** The URL as a browser reads an attribute: outer whitespace and inner tabs and newlines dropped. */
function cleanUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

interface SiteUrl {
  readonly origin: string;
  readonly protocol: string;
  /** Its path, decoded segments (`https://example.org/news` → `['news']`). */
  readonly segments: readonly string[];
}

function parseSiteUrl(siteUrl: string | undefined): SiteUrl | undefined {
  if (!siteUrl) return undefined;
  try {
    const url = new URL(siteUrl);
    return { origin: url.origin, protocol: url.protocol, segments: url.pathname.split('/').filter(Boolean).map(decodeOrSelf) };
  } catch {
    return undefined;
  }
}

interface Located {
  readonly segments: readonly string[];
  readonly climbed: boolean;
  /** Decoded, present only when there is an element to look for. */
  readonly fragment?: string;
}

/**
 * The host-relative path a URL leads to from `from` (null: a document on another host), or
 * 'ignored' when it leaves the site.
 */
function locate(url: string, from: Location, site: SiteUrl | undefined): Located | 'ignored' {
  const hash = url.indexOf('#');
  const fragment = hash === -1 ? undefined : elementFragment(url.slice(hash + 1));
  let rest = hash === -1 ? url : url.slice(0, hash);
  const query = rest.indexOf('?');
  if (query !== -1) rest = rest.slice(0, query);

  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  let protocol: string | undefined;
  if (scheme) {
    protocol = scheme[1]!.toLowerCase() + ':';
    if (protocol !== 'http:' && protocol !== 'https:') return 'ignored';
    rest = rest.slice(scheme[0].length);
    // `https:x.html` (no slashes) is too odd to guess at.
    if (!/^[/\\]{2}/.test(rest)) return 'ignored';
  }
  // For http(s) pages a browser reads "\" as "/".
  rest = rest.replace(/\\/g, '/');

  if (rest.startsWith('//')) {
    if (!site) return 'ignored';
    const slash = rest.indexOf('/', 2);
    const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    let origin: string;
    try {
      origin = new URL(`${protocol ?? site.protocol}//${authority}`).origin;
    } catch {
      return 'ignored';
    }
    if (origin !== site.origin) return 'ignored';
    const { segments, climbed } = resolveSegments([], slash === -1 ? '/' : rest.slice(slash));
    // A link to the same host but outside the site's own path is someone else's page.
    if (site.segments.some((segment, i) => segments[i] === undefined || decodeOrSelf(segments[i]!) !== segment)) return 'ignored';
    return { segments: segments.slice(site.segments.length), climbed, fragment };
  }

  if (from === null) return 'ignored';
  if (rest === '') return { segments: from, climbed: false, fragment };
  const start = rest.startsWith('/') ? [] : from.slice(0, -1);
  const { segments, climbed } = resolveSegments(start, rest);
  return { segments, climbed, fragment };
}

/** The fragment's element id, or undefined for `#`, `#top` and text fragments (`#:~:text=…`), which need none. */
function elementFragment(raw: string): string | undefined {
  const directive = raw.indexOf(':~:');
  const id = decodeOrSelf(directive === -1 ? raw : raw.slice(0, directive));
  return id === '' || id.toLowerCase() === 'top' ? undefined : id;
}

const isDot = (segment: string): boolean => segment === '.' || segment.toLowerCase() === '%2e';
const isDotDot = (segment: string): boolean => ['..', '.%2e', '%2e.', '%2e%2e'].includes(segment.toLowerCase());

/**
 * RFC 3986 path merging with dot segments removed, noting a `..` that climbs above the root
 * (a browser silently stays at the root, which hides the mistake). A trailing `''` means a folder.
 */
function resolveSegments(start: readonly string[], path: string): { segments: string[]; climbed: boolean } {
  const segments = [...start];
  let climbed = false;
  const parts = (path.startsWith('/') ? path.slice(1) : path).split('/');
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (isDotDot(part)) {
      if (segments.length === 0) climbed = true;
      else segments.pop();
      if (last) segments.push('');
    } else if (isDot(part)) {
      if (last) segments.push('');
    } else {
      segments.push(part);
    }
  });
  return { segments, climbed };
}

/** The files a static host serves for a decoded site path, in the order it tries them. */
function candidateFiles(segments: readonly string[]): string[] {
  const path = segments.join('/');
  if (segments.length === 0 || segments[segments.length - 1] === '') return [`${path}index.html`];
  const last = segments[segments.length - 1]!;
  // GitHub Pages, Netlify and nginx's usual try_files serve `x.html` for `x`, and a folder's index.
  return /\.[A-Za-z0-9]+$/.test(last) ? [path] : [path, `${path}.html`, `${path}/index.html`];
}

function decodeOrSelf(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

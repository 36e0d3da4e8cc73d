/**
 * Sitemaps (sitemaps.org protocol 0.9) and the robots.txt line that points to them. Written by
 * hand for the same reason as the Atom feed: two fixed elements and correct escaping are all it takes.
 */
import { escapeXmlText, removeInvalidXmlChars } from './escape-xml.js';

/** One page in a sitemap. */
export interface SitemapUrl {
  /** Absolute URL, already percent-encoded once (as `urlOf` makes it). */
  readonly loc: string;
  /** When the page last changed: W3C Datetime / ISO 8601, e.g. `2022-02-25T09:55:40+08:00`. */
  readonly lastmod?: string;
}

export interface SitemapOptions {
  /** Absolute site URL including the baseurl, no trailing slash: `https://example.org/archive`. */
  readonly baseUrl: string;
  /** URLs per file; default and most 50,000, the protocol's limit. */
  readonly maxPerFile?: number;
  /** Bytes per file, uncompressed; default and most 50 MiB, the protocol's other limit. */
  readonly maxBytesPerFile?: number;
}

/** A file to write, relative to the output root. */
export interface SitemapFile {
  /** `sitemap.xml`, `sitemap-1.xml`, … */
  readonly path: string;
  readonly xml: string;
}

const maxUrlsPerFile = 50_000;
const maxBytes = 50 * 1024 * 1024;
const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
const urlsetOpen = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
const urlsetClose = '</urlset>\n';

/**
 * The site's sitemaps: one `sitemap.xml` when every URL fits in one file, else `sitemap.xml` as
 * an index of `sitemap-1.xml`, `sitemap-2.xml`, … each within both limits of the protocol.
 * @param urls pages in the order to list them; each must lie under `options.baseUrl`, as the
 *   protocol allows a sitemap to list only URLs under the folder it is in
 * @throws when a URL is outside the site, a lastmod is not a date, or the limits are out of range
 */
export function renderSitemaps(urls: readonly SitemapUrl[], options: SitemapOptions): SitemapFile[] {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxPerFile = options.maxPerFile ?? maxUrlsPerFile;
  const maxPerFileBytes = options.maxBytesPerFile ?? maxBytes;
  if (!Number.isInteger(maxPerFile) || maxPerFile < 1 || maxPerFile > maxUrlsPerFile) {
    throw new RangeError(`sitemap maxPerFile must be a whole number from 1 to ${maxUrlsPerFile}, got ${maxPerFile}`);
  }
  const frameBytes = Buffer.byteLength(xmlDeclaration + urlsetOpen + urlsetClose);
  if (!Number.isInteger(maxPerFileBytes) || maxPerFileBytes > maxBytes || maxPerFileBytes <= frameBytes) {
    throw new RangeError(`sitemap maxBytesPerFile must be a whole number from ${frameBytes + 1} to ${maxBytes}, got ${maxPerFileBytes}`);
  }

  const chunks = chunkUrls(
    urls.map((url) => urlEntry(url, baseUrl)),
    maxPerFile,
    maxPerFileBytes - frameBytes,
  );
  const urlsetOf = (chunk: Chunk): string => xmlDeclaration + urlsetOpen + chunk.entries.join('') + urlsetClose;
  if (chunks.length <= 1) return [{ path: 'sitemap.xml', xml: urlsetOf(chunks[0] ?? { entries: [], lastmod: null }) }];

  if (chunks.length > maxUrlsPerFile) {
    throw new RangeError(`${urls.length} URLs need ${chunks.length} sitemaps, more than one index may list (${maxUrlsPerFile}); raise maxPerFile`);
  }
  const files = chunks.map((chunk, i) => ({ path: `sitemap-${i + 1}.xml`, xml: urlsetOf(chunk) }));
  const index =
    xmlDeclaration +
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    chunks
      .map((chunk, i) => {
        const lastmod = chunk.lastmod ? `<lastmod>${escapeXmlText(chunk.lastmod.text)}</lastmod>` : '';
        return `<sitemap><loc>${escapeXmlText(`${baseUrl}/sitemap-${i + 1}.xml`)}</loc>${lastmod}</sitemap>\n`;
      })
      .join('') +
    '</sitemapindex>\n';
  return [{ path: 'sitemap.xml', xml: index }, ...files];
}

interface Lastmod {
  readonly text: string;
  readonly epochMs: number;
}

interface UrlEntry {
  readonly xml: string;
  readonly bytes: number;
  readonly lastmod: Lastmod | null;
}

interface Chunk {
  readonly entries: readonly string[];
  /** The newest lastmod in the file: the index's lastmod for it. */
  readonly lastmod: Lastmod | null;
}

/** W3C Datetime: a day, or a day and a time with an offset. */
const w3cDatetime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function urlEntry(url: SitemapUrl, baseUrl: string): UrlEntry {
  const loc = encodeNonAscii(url.loc);
  if (!loc.startsWith(`${baseUrl}/`)) {
    throw new Error(`sitemap URL "${url.loc}" is outside the site ${baseUrl}/; a sitemap may list only URLs under its own folder`);
  }
  let lastmod: Lastmod | null = null;
  if (url.lastmod !== undefined) {
    const epochMs = Date.parse(url.lastmod);
    if (!w3cDatetime.test(url.lastmod) || Number.isNaN(epochMs)) {
      throw new Error(`sitemap lastmod "${url.lastmod}" of ${url.loc} is not a W3C date such as 2022-02-25T09:55:40+08:00`);
    }
    lastmod = { text: url.lastmod, epochMs };
  }
  const xml = `<url><loc>${escapeXmlText(loc)}</loc>${lastmod ? `<lastmod>${escapeXmlText(lastmod.text)}</lastmod>` : ''}</url>\n`;
  return { xml, bytes: Buffer.byteLength(xml), lastmod };
}

/**
 * Percent-encodes characters a URL may not hold raw (non-ASCII, spaces, controls), leaving
 * existing `%XX` alone, so a URL encoded once stays encoded exactly once.
 */
function encodeNonAscii(url: string): string {
  return removeInvalidXmlChars(url).replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

function chunkUrls(entries: readonly UrlEntry[], maxCount: number, maxBodyBytes: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let bytes = 0;
  let newest: Lastmod | null = null;
  for (const entry of entries) {
    if (entry.bytes > maxBodyBytes) throw new RangeError(`sitemap entry for ${entry.xml.slice(10, 110)}… is larger than a whole sitemap file may be`);
    if (current.length === maxCount || bytes + entry.bytes > maxBodyBytes) {
      chunks.push({ entries: current, lastmod: newest });
      current = [];
      bytes = 0;
      newest = null;
    }
    current.push(entry.xml);
    bytes += entry.bytes;
    if (entry.lastmod && (!newest || entry.lastmod.epochMs > newest.epochMs)) newest = entry.lastmod;
  }
  if (current.length > 0) chunks.push({ entries: current, lastmod: newest });
  return chunks;
}

/**
 * robots.txt with a `Sitemap:` line for `sitemapUrl`: appended to `existing` (keeping its line
 * endings) unless it already names that URL, or a new allow-all robots.txt when there is none.
 * @throws when `sitemapUrl` is not an absolute URL on one line
 */
export function robotsTxtWithSitemap(existing: string | null, sitemapUrl: string): string {
  // A newline in the URL would let it add directives of its own.
  if (/\s/.test(sitemapUrl) || !/^https?:\/\//i.test(sitemapUrl) || !URL.canParse(sitemapUrl)) {
    throw new Error(`robots.txt Sitemap "${sitemapUrl}" must be an absolute http(s) URL without spaces`);
  }
  const line = `Sitemap: ${sitemapUrl}`;
  if (existing === null) return `User-agent: *\nAllow: /\n\n${line}\n`;
  const named = existing
    .split(/\r\n|\r|\n/)
    .map((text) => /^\uFEFF?\s*sitemap\s*:\s*([^\s#]*)/i.exec(text)?.[1])
    .some((url) => url === sitemapUrl);
  if (named) return existing;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing === '' || /(\r\n|\r|\n)$/.test(existing) ? '' : eol;
  return `${existing}${separator}${line}${eol}`;
}

import { createRequire } from 'node:module';

/** How Chinese names become path segments. */
export type SlugMode = 'unicode' | 'pinyin';

/** Slugs by mode and name: a site has a few hundred names, each slugified for every post. */
const slugs: Record<SlugMode, Map<string, string>> = { unicode: new Map(), pinyin: new Map() };

/**
 * A category or tag name as one safe path segment, the way Jekyll's `slugify` does it:
 * runs of anything but letters, digits and emoji become `-`, ASCII is lower-cased, Chinese is
 * kept (or written in pinyin). A name with none of those (`！！！`) gets `untitled-` and a hash
 * of the name, so two such names stay two terms. Never empty, never `.` or `..`, never contains
 * `/` or `\`.
 */
export function slugifyTerm(name: string, mode: SlugMode): string {
  const memo = slugs[mode];
  let slug = memo.get(name);
  if (slug === undefined) {
    const text = mode === 'pinyin' ? toPinyin(name) : name;
    const kept = text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d]+/gu, '-')
      .replace(/^-+|-+$/g, '');
    slug = kept === '' ? `untitled-${shortHash(name)}` : truncateSegment(kept);
    memo.set(name, slug);
  }
  return slug;
}

/** FNV-1a over UTF-16 code units, as 8 hex digits: a stable short name for a name. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * pinyin-pro, loaded on first use: its dictionary takes longer to load than a build with nothing
 * to do takes in all, and only `slugify: pinyin` needs it.
 */
let pinyinPro: typeof import('pinyin-pro') | undefined;
const loadPinyin = (): typeof import('pinyin-pro') => (pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro'));

/** Chinese in pinyin without tones, syllables joined by `-`; other text kept. */
export function toPinyin(text: string): string {
  return loadPinyin().pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('-');
}

/** Longest segment we write: file systems allow 255 bytes, and we leave room for `.html`. */
const maxSegmentBytes = 200;

function truncateSegment(segment: string): string {
  if (Buffer.byteLength(segment) <= maxSegmentBytes) return segment;
  let cut = '';
  for (const char of segment) {
    if (Buffer.byteLength(cut + char) > maxSegmentBytes) break;
    cut += char;
  }
  return cut;
}

const maxPathSegmentBytes = 250;

/**
 * Checks a site-relative output path (`mindongribao/2022/02/25/x.html`): no `..` or `.`
 * segments, no backslashes, no NUL or control characters, no over-long segments.
 * @returns why the path is unsafe, or null when it is safe
 */
export function unsafePathReason(sitePath: string): string | null {
  if (/[\u0000-\u001f\u007f]/.test(sitePath)) return 'it contains control characters';
  if (sitePath.startsWith('/')) return 'it is an absolute path';
  if (sitePath.includes('\\')) return 'it contains a backslash';
  if (/%(?:2e|2f|5c)/i.test(sitePath)) return 'it contains a percent-encoded dot or slash';
  let dotSegment = false;
  let longSegment = false;
  for (const segment of sitePath.split('/')) {
    if (segment === '..' || segment === '.') dotSegment = true;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a shorter segment needs no counting.
    else if (segment.length * 3 > maxPathSegmentBytes && Buffer.byteLength(segment) > maxPathSegmentBytes) longSegment = true;
  }
  if (dotSegment) return 'it contains a "." or ".." segment';
  if (longSegment) return 'a segment is longer than 250 bytes';
  if (/^\/*$/.test(sitePath)) return 'it is the site root';
  return null;
}

/** Site-relative path (no leading slash) of the file a URL path is written to. */
export function outputFileOf(sitePath: string): string {
  const clean = sitePath.replace(/^\/+/, '');
  if (clean === '' || clean.endsWith('/')) return `${clean}index.html`;
  return /\.[A-Za-z0-9]+$/.test(clean.slice(clean.lastIndexOf('/') + 1)) ? clean : `${clean}.html`;
}

/** Segments and slashes that encodeURIComponent leaves unchanged. */
const unencoded = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/**
 * The link to a site path: baseurl + the path with each segment percent-encoded exactly once.
 * A path without an extension or trailing slash links to the `.html` file written for it,
 * so the site works on any static host.
 */
export function urlOf(sitePath: string, baseurl: string): string {
  const clean = sitePath.replace(/^\/+/, '');
  const linked = clean === '' || clean.endsWith('/') ? clean : outputFileOf(clean);
  // Most paths are made only of what encodeURIComponent leaves as it is.
  const encoded = unencoded.test(linked)
    ? linked
    : linked
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
  return `${baseurl}/${encoded}`;
}

/**
 * Atom 1.0 (RFC 4287) feeds, written by hand.
 *
 * Why not a library: the popular `feed` package (6.0.0) takes `Date` objects and writes
 * `toISOString()`, so `2022-02-25T09:55:40+08:00` comes out as `2022-02-25T01:55:40.000Z` and
 * the offset the archive shows is lost. An XML builder (`xmlbuilder2`) would only replace
 * the two escaping functions in escape-xml.ts; the format itself is a dozen fixed elements,
 * so we write it directly and keep the dates exactly as given.
 */
import { escapeXmlAttribute, escapeXmlText } from './escape-xml.js';

/** A category or tag of an entry. */
export interface FeedCategory {
  /** Machine-readable key, e.g. the slug `mindongribao`. */
  readonly term: string;
  /** What a reader shows, e.g. `闽东日报`. */
  readonly label: string;
}

/** One post in a feed. URLs are absolute; dates are RFC 3339 with their offset. */
export interface FeedEntry {
  readonly title: string;
  /** The post page. */
  readonly url: string;
  /** Permanent id (an absolute URL; usually the post's URL). */
  readonly id: string;
  /** `2022-02-25T09:55:40+08:00` */
  readonly published: string;
  readonly updated: string;
  /** The byline, or null when the post has none. */
  readonly author: string | null;
  /** Plain-text excerpt; left out of the feed when empty. */
  readonly summary: string;
  /** Sanitized article HTML. */
  readonly contentHtml: string;
  readonly categories: readonly FeedCategory[];
}

/** A whole feed: the site's, a category's or a tag's. */
export interface FeedInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Permanent id: the absolute URL of the page the feed follows. */
  readonly id: string;
  /** Absolute URL of this feed's own file (`…/feed.xml`). */
  readonly selfUrl: string;
  /** Absolute URL of the list page the feed follows. */
  readonly homeUrl: string;
  /** The newest entry's date, RFC 3339 with its offset. */
  readonly updated: string;
  /** Language of the text, e.g. `zh-CN`; written as `xml:lang`. */
  readonly lang?: string;
  /**
   * Author named for entries without a byline (RFC 4287 wants an author for every entry,
   * here or on the feed); default the feed's title.
   */
  readonly author?: string;
  /** In the order given, normally newest first. */
  readonly entries: readonly FeedEntry[];
}

/**
 * The feed as an Atom 1.0 document. Every text is escaped (invalid XML characters removed),
 * content goes as escaped `type="html"` text, and dates are written exactly as given.
 * @throws when a URL is not absolute or a date is not RFC 3339 with an offset: both mean the
 *   caller built the input wrongly, and a feed reader would reject or misdate the feed.
 */
export function renderAtomFeed(feed: FeedInput): string {
  checkFeed(feed);
  const needsFeedAuthor = feed.entries.some((entry) => authorOf(entry) === null);
  const feedAuthor = feed.author?.trim() || feed.title;
  const lang = feed.lang ? ` xml:lang="${escapeXmlAttribute(feed.lang)}"` : '';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${lang}>`,
    `  <title>${escapeXmlText(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${escapeXmlText(feed.subtitle)}</subtitle>`] : []),
    `  <link rel="alternate" type="text/html" href="${escapeXmlAttribute(feed.homeUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(feed.selfUrl)}"/>`,
    `  <id>${escapeXmlText(feed.id)}</id>`,
    `  <updated>${escapeXmlText(feed.updated)}</updated>`,
    ...(needsFeedAuthor ? [`  <author><name>${escapeXmlText(feedAuthor)}</name></author>`] : []),
    ...feed.entries.flatMap(entryLines),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function entryLines(entry: FeedEntry): string[] {
  const author = authorOf(entry);
  return [
    '  <entry>',
    `    <title>${escapeXmlText(entry.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXmlAttribute(entry.url)}"/>`,
    `    <id>${escapeXmlText(entry.id)}</id>`,
    `    <published>${escapeXmlText(entry.published)}</published>`,
    `    <updated>${escapeXmlText(entry.updated)}</updated>`,
    ...(author === null ? [] : [`    <author><name>${escapeXmlText(author)}</name></author>`]),
    ...entry.categories.map(
      (category) => `    <category term="${escapeXmlAttribute(category.term)}" label="${escapeXmlAttribute(category.label)}"/>`,
    ),
    ...(entry.summary.trim() ? [`    <summary>${escapeXmlText(entry.summary)}</summary>`] : []),
    // Escaped text rather than CDATA: a `]]>` in a body cannot end it. xml:base makes links
    // the body writes relative to its page resolve as they do on that page.
    `    <content type="html" xml:base="${escapeXmlAttribute(entry.url)}">${escapeXmlText(entry.contentHtml)}</content>`,
    '  </entry>',
  ];
}

function authorOf(entry: FeedEntry): string | null {
  const name = entry.author?.trim();
  return name ? name : null;
}

/** RFC 3339 date-time with seconds and an offset, as Atom requires. */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function checkFeed(feed: FeedInput): void {
  const where = `Atom feed "${feed.title}"`;
  checkUrl(feed.id, `${where}: id`);
  checkUrl(feed.selfUrl, `${where}: selfUrl`);
  checkUrl(feed.homeUrl, `${where}: homeUrl`);
  checkDate(feed.updated, `${where}: updated`);
  for (const entry of feed.entries) {
    const at = `${where}, entry "${entry.title}"`;
    checkUrl(entry.url, `${at}: url`);
    checkUrl(entry.id, `${at}: id`);
    checkDate(entry.published, `${at}: published`);
    checkDate(entry.updated, `${at}: updated`);
  }
}

function checkUrl(value: string, what: string): void {
  if (!/^[a-z][a-z\d+.-]*:/i.test(value) || !URL.canParse(value)) {
    throw new Error(`${what} "${value}" is not an absolute URL; set the site's url in _config.yml`);
  }
}

function checkDate(value: string, what: string): void {
  if (!rfc3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Error(`${what} "${value}" is not an RFC 3339 date with an offset, such as 2022-02-25T09:55:40+08:00`);
  }
}

import { error, warning, type Problem } from '../report/problem.js';
import { splitFrontMatter, lineOfKey } from './front-matter.js';
import type { Post, PostFormat } from './post.js';
import { formatDay, parsePostDate, type PostDate } from './post-date.js';
import { readTerms } from './terms.js';

/** What parsing needs to know besides the file itself. */
export interface ParseOptions {
  readonly timezone: string;
  readonly draft: boolean;
  /** For drafts without a date (Jekyll dates them by their modification time). */
  readonly modifiedMs?: number;
}

export interface ParsedPost {
  /** Null when the post is skipped: unpublished, or an error made it unreadable. */
  readonly post: Post | null;
  readonly problems: readonly Problem[];
}

/** `2022-02-25-NW202202252289057147.md` → date `2022-02-25`, slug `NW202202252289057147`. */
const datedName = /^(\d{4}-\d{1,2}-\d{1,2})-(.+)\.(md|markdown|html)$/i;
const plainName = /^(.+)\.(md|markdown|html)$/i;

/** The format a post file's extension says. */
export function formatOf(fileName: string): PostFormat {
  return /\.html$/i.test(fileName) ? 'html' : 'markdown';
}

/**
 * Reads one post: front matter, date, categories, tags and slug. Pure: no file system access.
 * Throws only SlowReadersNeeded (see slow-path.ts); the post's problems come back with it.
 * @param sourcePath path relative to the site root, used in messages and as the post's identity
 * @param source the file's text, decoded, with LF line endings and no BOM
 */
export function parsePost(sourcePath: string, source: string, options: ParseOptions): ParsedPost {
  const problems: Problem[] = [];
  const fileName = sourcePath.slice(sourcePath.lastIndexOf('/') + 1);
  if (!/\S/.test(source)) {
    // Nothing to keep: a page with only a title made from the file name would hide a failed scrape.
    problems.push(error(sourcePath, 'content/empty', 'file is empty', 'delete it, or write front matter and the article into it', 1));
    return { post: null, problems };
  }
  const split = splitFrontMatter(source);
  for (const issue of split.issues) {
    const make = issue.severity === 'error' ? error : warning;
    problems.push(make(sourcePath, issue.rule, issue.message, issue.hint, issue.line, issue.column));
  }
  if (split.issues.some((issue) => issue.severity === 'error')) return { post: null, problems };

  const data = split.data;
  if (data.published === false) return { post: null, problems };

  const named = datedName.exec(fileName);
  const nameDate = named ? parsePostDate(named[1], options.timezone) : null;
  const date = resolveDate(sourcePath, source, data.date, nameDate, options, problems);
  if (!date) return { post: null, problems };

  const slugFromName = named?.[2] ?? plainName.exec(fileName)?.[1] ?? fileName;
  const slug = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : slugFromName;

  const title = stringField(sourcePath, source, data, 'title', problems);
  const layout = stringField(sourcePath, source, data, 'layout', problems) || 'post';
  const permalink = stringField(sourcePath, source, data, 'permalink', problems) || null;
  const excerpt = stringField(sourcePath, source, data, 'excerpt', problems) || null;

  return {
    post: {
      sourcePath,
      format: formatOf(fileName),
      slug: slug.normalize('NFC'),
      title: title.trim(),
      date,
      categories: termsField(sourcePath, source, data, 'category', 'categories', problems),
      tags: termsField(sourcePath, source, data, 'tag', 'tags', problems),
      layout,
      permalink,
      excerpt,
      draft: options.draft,
      data,
      body: split.body,
      bodyLine: split.bodyLine,
    },
    problems,
  };
}

function resolveDate(
  sourcePath: string,
  source: string,
  frontMatterDate: unknown,
  nameDate: PostDate | null,
  options: ParseOptions,
  problems: Problem[],
): PostDate | null {
  const written = frontMatterDate === undefined || frontMatterDate === null ? '' : frontMatterDate;
  const parsed = written === '' ? null : parsePostDate(written, options.timezone);
  const line = lineOfKey(source, 'date');

  if (parsed) {
    if (nameDate && formatDay(parsed) !== formatDay(nameDate)) {
      problems.push(
        warning(
          sourcePath,
          'front-matter/date-mismatch',
          `front matter date ${formatDay(parsed)} differs from the file name's ${formatDay(nameDate)}; the front matter date is used`,
          'rename the file or correct the date so they agree',
          line,
        ),
      );
    }
    return parsed;
  }
  const shown = written instanceof Date ? written.toISOString() : String(written).trim();
  if (written !== '' && nameDate) {
    problems.push(
      warning(
        sourcePath,
        'front-matter/date',
        `unreadable date "${shown}"; using the file name's date ${formatDay(nameDate)}`,
        'write the date as 2022-02-25 09:55:40 +0800',
        line,
      ),
    );
    return nameDate;
  }
  if (nameDate) return nameDate;
  if (options.draft && options.modifiedMs !== undefined) {
    return parsePostDate(new Date(options.modifiedMs), options.timezone);
  }
  problems.push(
    error(
      sourcePath,
      'front-matter/date',
      written === '' ? 'post has no date' : `unreadable date "${shown}" and no date in the file name`,
      'add "date: 2022-02-25 09:55:40 +0800" to the front matter, or name the file YYYY-MM-DD-slug.md',
      written === '' ? 1 : line,
    ),
  );
  return null;
}

/** A front matter value that should be text; numbers are accepted, lists and maps are not. */
function stringField(
  sourcePath: string,
  source: string,
  data: Readonly<Record<string, unknown>>,
  key: string,
  problems: Problem[],
): string {
  const value = data[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  problems.push(
    warning(
      sourcePath,
      'front-matter/type',
      `"${key}" should be text, not ${Array.isArray(value) ? 'a list' : typeof value}; it is ignored`,
      `write ${key} as a quoted string`,
      lineOfKey(source, key),
    ),
  );
  return '';
}

/** Categories or tags (see readTerms), with a warning for a map, which has no names to read. */
function termsField(
  sourcePath: string,
  source: string,
  data: Readonly<Record<string, unknown>>,
  singular: string,
  plural: string,
  problems: Problem[],
): string[] {
  for (const key of [singular, plural]) {
    const value = data[key];
    if (Array.isArray(value) ? value.some(isMap) : isMap(value)) {
      problems.push(
        warning(sourcePath, 'front-matter/type', `"${key}" should be a list or text, not a map; the map is ignored`, `write ${key}: [甲, 乙] or ${key}: 甲 乙`, lineOfKey(source, key)),
      );
    }
  }
  return readTerms(data, singular, plural);
}

const isMap = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

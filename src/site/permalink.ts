import { dayOfYear, type PostDate } from '../content/post-date.js';
import { slugifyTerm, type SlugMode } from './paths.js';

/** Jekyll's named permalink styles. */
const styles: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const shortDays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface PermalinkInput {
  readonly slug: string;
  readonly date: PostDate;
  readonly categories: readonly string[];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 week number and its year. */
function isoWeek(date: PostDate): { week: number; year: number } {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7), year: day.getUTCFullYear() };
}

/** A pattern cut into literal text and `:name` placeholders, once per pattern. */
const patterns = new Map<string, readonly string[]>();
function partsOf(template: string): readonly string[] {
  let parts = patterns.get(template);
  if (!parts) {
    // Odd indexes are placeholder names: `/:year/x` → ['/', 'year', '/x'].
    parts = template.split(/:([a-z_]+)/);
    patterns.set(template, parts);
  }
  return parts;
}

/** One placeholder's value for a post, computed only when the pattern has it; undefined for an unknown name. */
function valueOf(name: string, post: PermalinkInput, slugMode: SlugMode): string | undefined {
  const { date } = post;
  switch (name) {
    case 'year':
      return String(date.year);
    case 'short_year':
      return pad(date.year % 100);
    case 'month':
      return pad(date.month);
    case 'i_month':
      return String(date.month);
    case 'short_month':
      return shortMonths[date.month - 1]!;
    case 'long_month':
      return longMonths[date.month - 1]!;
    case 'day':
      return pad(date.day);
    case 'i_day':
      return String(date.day);
    case 'y_day':
      return pad(dayOfYear(date), 3);
    case 'hour':
      return pad(date.hour);
    case 'minute':
      return pad(date.minute);
    case 'second':
      return pad(date.second);
    case 'week':
      return pad(isoWeek(date).week);
    case 'w_year':
      return String(isoWeek(date).year);
    case 'w_day':
      return String(weekdayOf(date) || 7);
    case 'short_day':
      return shortDays[weekdayOf(date)]!;
    case 'long_day':
      return longDays[weekdayOf(date)]!;
    case 'title':
    case 'slug':
    case 'name':
      return post.slug.replace(/[/\\]/g, '-');
    case 'categories':
      // Jekyll lower-cases categories in URLs; we also make each one a safe single segment.
      return [...new Set(post.categories.map((c) => slugifyTerm(c, slugMode)))].join('/');
    case 'output_ext':
      return '.html';
    default:
      return undefined;
  }
}

const weekdayOf = (date: PostDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

/**
 * Expands a Jekyll permalink pattern (or style name) for a post, e.g.
 * `/:categories/:year/:month/:day/:title.html` → `mindongribao/2022/02/25/NW2022.html`.
 * @returns the site path without a leading slash; it may still be unsafe (see `unsafePathReason`)
 */
export function expandPermalink(pattern: string, post: PermalinkInput, slugMode: SlugMode): string {
  const parts = partsOf(styles[pattern] ?? pattern);
  let expanded = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index]!;
    expanded += (valueOf(name, post, slugMode) ?? `:${name}`) + parts[index + 1]!;
  }
  return expanded.replace(/\/{2,}/g, '/').replace(/^\//, '');
}

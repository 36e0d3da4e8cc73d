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

/**
 * Expands a Jekyll permalink pattern (or style name) for a post, e.g.
 * `/:categories/:year/:month/:day/:title.html` → `mindongribao/2022/02/25/NW2022.html`.
 * @returns the site path without a leading slash; it may still be unsafe (see `unsafePathReason`)
 */
export function expandPermalink(pattern: string, post: PermalinkInput, slugMode: SlugMode): string {
  const template = styles[pattern] ?? pattern;
  const { date } = post;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const week = isoWeek(date);
  // Jekyll lower-cases categories in URLs; we also make each one a safe single segment.
  const categories = [...new Set(post.categories.map((c) => slugifyTerm(c, slugMode)))].join('/');
  const slug = post.slug.replace(/[/\\]/g, '-');
  const values: Readonly<Record<string, string>> = {
    year: String(date.year),
    short_year: pad(date.year % 100),
    month: pad(date.month),
    i_month: String(date.month),
    short_month: shortMonths[date.month - 1]!,
    long_month: longMonths[date.month - 1]!,
    day: pad(date.day),
    i_day: String(date.day),
    y_day: pad(dayOfYear(date), 3),
    hour: pad(date.hour),
    minute: pad(date.minute),
    second: pad(date.second),
    week: pad(week.week),
    w_year: String(week.year),
    w_day: String(weekday || 7),
    short_day: shortDays[weekday]!,
    long_day: longDays[weekday]!,
    title: slug,
    slug,
    name: slug,
    categories,
    output_ext: '.html',
  };
  const expanded = template.replace(/:([a-z_]+)/g, (whole, key: string) => values[key] ?? whole);
  return expanded.replace(/\/{2,}/g, '/').replace(/^\//, '');
}

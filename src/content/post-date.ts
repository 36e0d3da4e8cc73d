/**
 * Post dates. A date is an instant shown as wall-clock time in the site's zone, the way Jekyll
 * shows it (it sets TZ to the site's `timezone`): the build machine's own zone never matters.
 */

/** A date as the site shows it: the instant plus its wall-clock reading in the site's zone. */
export interface PostDate {
  /** Milliseconds since the epoch. */
  readonly epochMs: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Offset of the site's zone at this instant, in minutes east of UTC. */
  readonly offsetMinutes: number;
}

const datePattern =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a front matter or file name date.
 * Accepts `2022-02-25 09:55:40 +0800`, ISO 8601 (`T`, `+08:00`, `Z`, fractions), date-only,
 * and a YAML timestamp (a `Date`). Without an offset the time is read in `timezone`.
 * @returns the date in `timezone`, or null when the text is not a valid date.
 */
export function parsePostDate(input: unknown, timezone: string): PostDate | null {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? null : dateInZone(input.getTime(), timezone);
  }
  if (typeof input !== 'string') return null;
  const match = datePattern.exec(input.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
  if (!isValidWallTime(wall)) return null;
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const wallAsUtc =
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) + millis;
  const epochMs =
    zone === undefined ? wallTimeToEpoch(wallAsUtc, timezone) : wallAsUtc - parseOffset(zone) * 60_000;
  return dateInZone(epochMs, timezone);
}

/** The wall-clock reading of an instant in a zone. */
export function dateInZone(epochMs: number, timezone: string): PostDate {
  const offsetMinutes = zoneOffsetMinutes(epochMs, timezone);
  const shifted = new Date(epochMs + offsetMinutes * 60_000);
  return {
    epochMs,
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    offsetMinutes,
  };
}

/** IANA's names of zones, as this Node.js lists them; made on first use. */
let canonicalZones: ReadonlySet<string> | undefined;

/**
 * Whether `timezone` is an IANA zone this Node.js knows. A zone's usual name is found in the list
 * (1 ms); others (aliases such as Asia/Chongqing, other spellings) by a formatter for the zone,
 * whose first making loads ICU's zones (10 ms, on the way to a build's first posts).
 */
export function isKnownTimezone(timezone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(timezone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `+08:00` */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2022-02-25T09:55:40+08:00` */
export function formatIso(date: PostDate): string {
  return `${formatDay(date)}T${pad(date.hour)}:${pad(date.minute)}:${pad(date.second)}${formatOffset(date.offsetMinutes)}`;
}

/** `2022-02-25` */
export function formatDay(date: PostDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** `2022-02-25 09:55` */
export function formatDisplay(date: PostDate): string {
  return `${formatDay(date)} ${pad(date.hour)}:${pad(date.minute)}`;
}

/** Day of the year, 1-based (Jekyll's `:y_day`). */
export function dayOfYear(date: PostDate): number {
  return (Date.UTC(date.year, date.month - 1, date.day) - Date.UTC(date.year, 0, 1)) / 86_400_000 + 1;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function isValidWallTime(t: WallTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  return t.day <= daysInMonth && t.hour < 24 && t.minute < 60 && t.second < 61;
}

function parseOffset(zone: string): number {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

/** The instant at which the zone's clocks show `wallAsUtc` (read as if it were UTC). */
function wallTimeToEpoch(wallAsUtc: number, timezone: string): number {
  const firstGuess = wallAsUtc - zoneOffsetMinutes(wallAsUtc, timezone) * 60_000;
  const offset = zoneOffsetMinutes(firstGuess, timezone);
  const epochMs = wallAsUtc - offset * 60_000;
  const offsetThen = zoneOffsetMinutes(epochMs, timezone);
  // A wall time the clocks skip (02:30 when they jump to 03:00, or midnight in zones that change
  // at 00:00) is read on the old offset, as JavaScript and Temporal do: later, never the day before.
  return offsetThen === offset ? epochMs : wallAsUtc - Math.min(offset, offsetThen) * 60_000;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offsets cached by zone and UTC quarter-hour: zones change offset only at such boundaries
 * (since the 1900s), and `formatToParts` is slow enough to show on a 100,000-post build.
 * Before that, a zone whose offset is the same at the start of every month of a year and of the
 * next (Asia/Shanghai since 1992) is taken to keep it all year: one lookup per year, not per post.
 */
const offsetCache = new Map<string, number>();
const steadyYears = new Map<string, number | null>();

function zoneOffsetMinutes(epochMs: number, timezone: string): number {
  const year = new Date(epochMs).getUTCFullYear();
  const yearKey = `${timezone}|${year}`;
  let steady = steadyYears.get(yearKey);
  if (steady === undefined) {
    const offsets = Array.from({ length: 13 }, (_, month) => computeZoneOffsetMinutes(Date.UTC(year, month, 1), timezone));
    steady = offsets.every((offset) => offset === offsets[0]) ? offsets[0]! : null;
    steadyYears.set(yearKey, steady);
  }
  if (steady !== null) return steady;
  const key = `${timezone}|${Math.floor(epochMs / 900_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = computeZoneOffsetMinutes(epochMs, timezone);
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeZoneOffsetMinutes(epochMs: number, timezone: string): number {
  let formatter = offsetFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timezone, formatter);
  }
  const name = formatter.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0; // "GMT" alone: the zone is at UTC
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

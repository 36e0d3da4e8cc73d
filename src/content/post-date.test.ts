import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  dayOfYear,
  formatDay,
  formatDisplay,
  formatIso,
  formatOffset,
  isKnownTimezone,
  parsePostDate,
  type PostDate,
} from './post-date.js';

const shanghai = 'Asia/Shanghai';
const newYork = 'America/New_York';

/** Parses and shows the date as the site would (`2022-02-25T09:55:40+08:00`), or null. */
function iso(input: unknown, timezone = shanghai): string | null {
  const date = parsePostDate(input, timezone);
  return date ? formatIso(date) : null;
}

function parsed(input: unknown, timezone = shanghai): PostDate {
  const date = parsePostDate(input, timezone);
  if (!date) throw new Error(`expected ${String(input)} to parse`);
  return date;
}

describe('parsePostDate', () => {
  it('reads the common "2022-02-25 09:55:40 +0800" form as that wall-clock time in Asia/Shanghai', () => {
    const date = parsed('2022-02-25 09:55:40 +0800');
    expect([date.year, date.month, date.day, date.hour, date.minute, date.second]).toEqual([2022, 2, 25, 9, 55, 40]);
    expect(date.offsetMinutes).toBe(480);
    expect(date.epochMs).toBe(Date.UTC(2022, 1, 25, 1, 55, 40));
  });

  it('reads ISO 8601 with T and +08:00', () => {
    expect(iso('2022-02-25T09:55:40+08:00')).toBe('2022-02-25T09:55:40+08:00');
  });

  it('shows a UTC (Z) time in the site zone', () => {
    expect(iso('2022-02-25T01:55:40Z')).toBe('2022-02-25T09:55:40+08:00');
  });

  it('keeps fractions of a second in the instant but not in what is shown', () => {
    const date = parsed('2022-02-25T09:55:40.250+08:00');
    expect(date.epochMs).toBe(Date.UTC(2022, 1, 25, 1, 55, 40, 250));
    expect(formatIso(date)).toBe('2022-02-25T09:55:40+08:00');
  });

  it('reads a date without a time as midnight in the site zone', () => {
    expect(iso('2022-02-25')).toBe('2022-02-25T00:00:00+08:00');
  });

  it('reads a JS Date (a YAML timestamp) as the instant it is', () => {
    expect(iso(new Date(Date.UTC(2022, 1, 25, 1, 55, 40)))).toBe('2022-02-25T09:55:40+08:00');
  });

  it('reads a time without an offset in the site zone, Asia/Shanghai by default', () => {
    expect(iso('2021-12-08 14:03:00')).toBe('2021-12-08T14:03:00+08:00');
  });

  it('reads a time without an offset in America/New_York, on standard time in winter', () => {
    expect(iso('2022-01-15 14:03:00', newYork)).toBe('2022-01-15T14:03:00-05:00');
  });

  it('reads a time without an offset in America/New_York, on daylight time in summer', () => {
    expect(iso('2022-07-15 14:03:00', newYork)).toBe('2022-07-15T14:03:00-04:00');
  });

  it('reads a time skipped by the spring-forward change as the hour after, not before', () => {
    expect(iso('2022-03-13 02:30:00', newYork)).toBe('2022-03-13T03:30:00-04:00');
  });

  it('keeps a date-only post on its day where daylight time starts at midnight', () => {
    // São Paulo skipped 2018-11-04 00:00-01:00; the post used to land on 2018-11-03 at 23:00.
    const date = parsed('2018-11-04', 'America/Sao_Paulo');
    expect(formatDay(date)).toBe('2018-11-04');
  });

  it('keeps a post at 00:30 +0800 on its own day', () => {
    expect(formatDay(parsed('2022-02-25 00:30:00 +0800'))).toBe('2022-02-25');
  });

  it('shows a post at 23:30 -0500 on the next day in Asia/Shanghai', () => {
    const date = parsed('2022-02-24 23:30:00 -0500');
    expect(formatDisplay(date)).toBe('2022-02-25 12:30');
  });

  it.each([
    ['an impossible month and day', '2022-13-45'],
    ['the 30th of February', '2022-02-30'],
    ['an offset without a date', ' +0800'],
    ['an empty string', ''],
    ['a time past 23:59', '2022-02-25 24:10:00 +0800'],
    ['words', 'yesterday'],
  ])('returns null for %s', (_, input) => {
    expect(parsePostDate(input, shanghai)).toBeNull();
  });

  it('returns null for an invalid Date and for values that are not dates', () => {
    expect(parsePostDate(new Date(Number.NaN), shanghai)).toBeNull();
    expect(parsePostDate(800, shanghai)).toBeNull();
    expect(parsePostDate(null, shanghai)).toBeNull();
  });
});

describe('parsePostDate under another machine time zone', () => {
  const moduleUrl = new URL('./post-date.ts', import.meta.url).href;
  const script = `
    const { parsePostDate, formatIso } = await import(${JSON.stringify(moduleUrl)});
    const show = (text, zone) => formatIso(parsePostDate(text, zone));
    console.log(JSON.stringify([
      show('2022-02-25 00:30:00 +0800', 'Asia/Shanghai'),
      show('2022-02-25 00:30:00', 'Asia/Shanghai'),
      show('2022-02-25', 'Asia/Shanghai'),
      show('2022-02-24 23:30:00 -0500', 'Asia/Shanghai'),
    ]));
  `;
  const runIn = (tz: string): string[] =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      }),
    ) as string[];
  const expected = [
    '2022-02-25T00:30:00+08:00',
    '2022-02-25T00:30:00+08:00',
    '2022-02-25T00:00:00+08:00',
    '2022-02-25T12:30:00+08:00',
  ];

  it('keeps the +0800 wall-clock date when the machine runs in UTC', () => {
    expect(runIn('UTC')).toEqual(expected);
  });

  it('keeps the +0800 wall-clock date when the machine runs in America/New_York', () => {
    expect(runIn('America/New_York')).toEqual(expected);
  });
});

describe('formatting', () => {
  const date = parsed('2022-02-25 09:55:40 +0800');

  it('formats ISO 8601 with the site offset', () => {
    expect(formatIso(date)).toBe('2022-02-25T09:55:40+08:00');
  });

  it('formats the display date to the minute', () => {
    expect(formatDisplay(date)).toBe('2022-02-25 09:55');
  });

  it('pads single-digit months and days', () => {
    expect(formatDisplay(parsed('2021-2-5 7:05:00 +0800'))).toBe('2021-02-05 07:05');
  });

  it.each([
    [480, '+08:00'],
    [0, '+00:00'],
    [-300, '-05:00'],
    [330, '+05:30'],
    [-210, '-03:30'],
  ])('formats an offset of %i minutes as %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });

  it('counts the day of the year from 1', () => {
    expect(dayOfYear(parsed('2022-01-01'))).toBe(1);
    expect(dayOfYear(parsed('2022-02-25'))).toBe(56);
    expect(dayOfYear(parsed('2020-12-31'))).toBe(366);
  });
});

describe('isKnownTimezone', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimezone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimezone('Asia/Nowhere')).toBe(false);
  });

  it('knows aliases and other spellings that Node.js accepts, besides the zones’ usual names', () => {
    for (const zone of ['Asia/Chongqing', 'UTC', 'Etc/GMT-8', 'asia/shanghai']) expect(isKnownTimezone(zone), zone).toBe(true);
  });
});

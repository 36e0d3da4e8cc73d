import { describe, expect, it } from 'vitest';
import { outputFileOf, slugifyTerm, unsafePathReason, urlOf } from './paths.js';

describe('slugifyTerm', () => {
  it('keeps Chinese and lower-cases ASCII, as Jekyll’s slugify does', () => {
    expect(slugifyTerm('闽东日报新闻', 'unicode')).toBe('闽东日报新闻');
    expect(slugifyTerm('21caijingAPP', 'unicode')).toBe('21caijingapp');
  });

  it('turns runs of anything but letters and digits into one dash', () => {
    expect(slugifyTerm('AT&T <中国>', 'unicode')).toBe('at-t-中国');
    expect(slugifyTerm('  财经 / 要闻  ', 'unicode')).toBe('财经-要闻');
  });

  it('never yields a path escape or an empty segment', () => {
    for (const hostile of ['..', '.', '../../etc', '/', '\\', '%2e%2e', '\u0000', '']) {
      const slug = slugifyTerm(hostile, 'unicode');
      expect(slug).not.toMatch(/^\.{1,2}$|[/\\%\u0000]/);
      expect(slug).not.toBe('');
    }
  });

  it('writes pinyin without tones when asked', () => {
    expect(slugifyTerm('闽东日报', 'pinyin')).toBe('min-dong-ri-bao');
    expect(slugifyTerm('A股行情', 'pinyin')).toBe('a-gu-hang-qing');
  });

  it('keeps emoji, so emoji-only names stay apart', () => {
    expect(slugifyTerm('🔥', 'unicode')).toBe('🔥');
    expect(slugifyTerm('👍🏽 点赞', 'unicode')).toBe('👍🏽-点赞');
    expect(slugifyTerm('🇨🇳', 'unicode')).toBe('🇨🇳');
    expect(slugifyTerm('👨‍👩‍👧', 'unicode')).toBe('👨‍👩‍👧');
  });

  it('gives names without a letter, digit or emoji distinct, stable slugs', () => {
    expect(slugifyTerm('！！！', 'unicode')).toMatch(/^untitled-[0-9a-f]{8}$/);
    expect(slugifyTerm('？？？', 'unicode')).not.toBe(slugifyTerm('！！！', 'unicode'));
    expect(slugifyTerm('！！！', 'pinyin')).toBe(slugifyTerm('！！！', 'unicode'));
  });

  it('cuts very long names to a length file systems accept', () => {
    expect(Buffer.byteLength(slugifyTerm('新'.repeat(500), 'unicode'))).toBeLessThanOrEqual(200);
  });
});

describe('urlOf', () => {
  it('percent-encodes each segment exactly once and adds the baseurl', () => {
    expect(urlOf('tag/闽东日报新闻.html', '')).toBe('/tag/%E9%97%BD%E4%B8%9C%E6%97%A5%E6%8A%A5%E6%96%B0%E9%97%BB.html');
    expect(urlOf('tag/100%.html', '/archive')).toBe('/archive/tag/100%25.html');
  });

  it('links a directory permalink by its slash, and an extensionless one by its .html file', () => {
    expect(urlOf('x/2022/a/', '')).toBe('/x/2022/a/');
    expect(urlOf('x/2022/a', '')).toBe('/x/2022/a.html');
    expect(urlOf('', '/archive')).toBe('/archive/');
  });
});

describe('outputFileOf', () => {
  it('writes index.html for a trailing slash and adds .html when there is no extension', () => {
    expect(outputFileOf('a/b/')).toBe('a/b/index.html');
    expect(outputFileOf('a/b')).toBe('a/b.html');
    expect(outputFileOf('/a/b.html')).toBe('a/b.html');
    expect(outputFileOf('')).toBe('index.html');
  });
});

describe('unsafePathReason', () => {
  it('accepts ordinary and Chinese paths', () => {
    expect(unsafePathReason('mindongribao/2022/02/25/NW1.html')).toBeNull();
    expect(unsafePathReason('新闻/2022/标题.html')).toBeNull();
  });

  it.each([
    ['../etc/passwd', '..'],
    ['a/./b.html', '.'],
    ['a\\..\\b.html', 'backslash'],
    ['a/%2e%2e/b.html', 'percent-encoded'],
    ['a/\u0000b.html', 'control'],
    [`${'x'.repeat(300)}.html`, 'longer'],
  ])('refuses %s', (sitePath, reason) => {
    expect(unsafePathReason(sitePath)).toContain(reason);
  });
});

import { describe, expect, it } from 'vitest';
import { countChars, cutText, excerptOf, firstHeadingOf, readingMinutes } from './summary.js';
import { htmlTree } from '../test-support/test-trees.js';

describe('excerptOf', () => {
  it('takes the first paragraph whole when it is short', () => {
    expect(excerptOf(htmlTree('<h2>标题</h2><p></p><p>全区新增市场主体一千余户。</p><p>第二段。</p>'))).toBe('全区新增市场主体一千余户。');
  });

  it('cuts a long first paragraph to 120 characters and adds …', () => {
    const text = '港'.repeat(150);
    expect(excerptOf(htmlTree(`<p>${text}</p>`))).toBe(`${'港'.repeat(120)}…`);
  });

  it('is empty for a body without paragraphs', () => {
    expect(excerptOf(htmlTree('<h2>只有标题</h2>'))).toBe('');
  });
});

describe('cutText', () => {
  it('never splits an emoji made of a surrogate pair', () => {
    const cut = cutText(`${'好'.repeat(119)}😀😀😀`, 120);
    expect(cut).toBe(`${'好'.repeat(119)}😀…`);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('never splits an emoji sequence joined by zero-width joiners', () => {
    expect(cutText('一👨‍👩‍👧二三', 2)).toBe('一👨‍👩‍👧…');
  });

  it('does not cut text at or under the length', () => {
    expect(cutText('港'.repeat(120), 120)).toBe('港'.repeat(120));
  });

  it('folds runs of white space and trims', () => {
    expect(cutText('  第一句。\n\n第二句。 ', 120)).toBe('第一句。 第二句。');
  });

  it('does not leave a space before the …', () => {
    expect(cutText('一二 三四', 3)).toBe('一二…');
  });
});

describe('countChars', () => {
  it('counts each CJK character', () => {
    expect(countChars('全区新增市场主体。')).toBe(8);
  });

  it('counts runs of Latin letters and digits as one word each', () => {
    // FF, CFO, Chuck, McBride and 11 are five words; 公司全球表示预计约亿美元 are twelve characters.
    expect(countChars('FF公司全球CFO Chuck McBride表示，预计约11亿美元')).toBe(17);
  });

  it('counts nothing in punctuation and white space', () => {
    expect(countChars(' ，。“”—— \n')).toBe(0);
  });
});

describe('readingMinutes', () => {
  it('is about the character count over 400', () => {
    expect(readingMinutes(4000)).toBe(10);
    expect(readingMinutes(1000)).toBe(3);
  });

  it('is at least one minute for any text', () => {
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(150)).toBe(1);
  });

  it('is zero for an empty body, so the theme can leave the line out', () => {
    expect(readingMinutes(0)).toBe(0);
  });
});

describe('firstHeadingOf', () => {
  it('is the text of the first heading, or empty', () => {
    expect(firstHeadingOf(htmlTree('<p>正文。</p><h3>小节</h3><h2>后面</h2>'))).toBe('小节');
    expect(firstHeadingOf(htmlTree('<p>正文。</p>'))).toBe('');
  });
});

describe('countChars, counted in one pass', () => {
  it('agrees with the definition by Unicode scripts for any text', async () => {
    const fc = (await import('fast-check')).default;
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
    const byScripts = (text: string): number =>
      (text.match(cjk)?.length ?? 0) + (text.replace(cjk, ' ').match(/[\p{L}\p{N}\p{M}]+/gu)?.length ?? 0);
    const pieces = fc.constantFrom('新', '闻', 'の', 'カ', '한', 'A', 'z', '9', ' ', '，', '。', '“', 'é', 'ＡＢ', '１', '𠀀', '😀', 'ー', '々', '\u3000', '-', 'Ω', '\ud800', '\udc00');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => countChars(parts.join('')) === byScripts(parts.join(''))), { numRuns: 3000 });
  });
});

describe('cutting on character boundaries', () => {
  it('matches Intl.Segmenter’s graphemes on news text with emoji, flags and marks', async () => {
    const fc = (await import('fast-check')).default;
    const { nextCharacterEnd } = await import('./summary.js');
    const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
    const pieces = fc.constantFrom('新', '闻', 'a', ' ', '，', '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '🇨🇳🇺🇸', 'é', 'e\u0301', '❤️', '𠀀', '1️⃣', '\u3000');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const ours: number[] = [];
        for (let i = 0; i < text.length; i = nextCharacterEnd(text, i)) ours.push(i);
        const theirs = Array.from(segmenter.segment(text), (s) => s.index);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });
});

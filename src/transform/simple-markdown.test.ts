import fc from 'fast-check';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { describe, expect, it } from 'vitest';
import { linkHref } from './simple-markdown.js';

describe('linkHref', () => {
  it('writes a link destination exactly as micromark’s normalizeUri does, for any text', () => {
    const piece = fc.oneof(
      fc.constantFrom('http://', 'www.', '/', '?a=1&b=2', '#x', '%', '%2F', '%zz', '%e4%b8%ad', ' ', '"', '<', '\\', '`', '^', '|', '{', '中', '😀', '\ud800', '\udc00', 'é', '~', "'"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const destination = pieces.join('');
        expect(linkHref(destination)).toBe(normalizeUri(destination));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps an ordinary URL as it is and encodes what normalizeUri encodes', () => {
    expect(linkHref('//finance.eastmoney.com/a/202202252289057147.html')).toBe('//finance.eastmoney.com/a/202202252289057147.html');
    expect(linkHref('/新闻 a')).toBe('/%E6%96%B0%E9%97%BB%20a');
  });
});

import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, removeInvalidXmlChars } from './escape-xml.js';

describe('escapeXmlText', () => {
  it.each([
    ['AT&T <中国>', 'AT&amp;T &lt;中国&gt;'],
    [']]>', ']]&gt;'],
    [`"双" '单'`, '&quot;双&quot; &apos;单&apos;'],
    ['&amp;', '&amp;amp;'],
    ['a\r\nb', 'a&#xD;\nb'],
    ['a\tb', 'a\tb'],
  ])('writes %j as %j', (text, escaped) => {
    expect(escapeXmlText(text)).toBe(escaped);
  });
});

describe('escapeXmlAttribute', () => {
  it('writes tab, newline and CR as references, which attribute normalization would turn into spaces', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd "e" <f>')).toBe('a&#x9;b&#xA;c&#xD;d &quot;e&quot; &lt;f&gt;');
  });
});

describe('removeInvalidXmlChars', () => {
  it('keeps tab, newline, CR, Chinese and astral characters and drops what XML 1.0 forbids', () => {
    expect(removeInvalidXmlChars('\t\n\r中𠀀😀')).toBe('\t\n\r中𠀀😀');
    expect(removeInvalidXmlChars('a\u0000\u0007\u001F\uDFFF\uD800\uFFFE\uFFFFb')).toBe('ab');
  });
});

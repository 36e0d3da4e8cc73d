import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { installQuickEscape } from './quick-escape.js';

const lib = nunjucks.lib as unknown as { escape: (text: string) => string };

describe('the quick escape', () => {
  it('escapes exactly as Nunjucks does, for text with and without markup', () => {
    const samples = ['福鼎：春风送暖', '/2022/02/25/nw1.html?a=1&b=2', `<a href="x">'引号'</a>`, 'C:\\路径', '', '&amp;', '>'];
    let seed = 7;
    const pieces = ['a', '中', '&', '<', '>', '"', "'", '\\', ' ', '𠀋'];
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let n = 0; n < i % 17; n++) text += pieces[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length];
      samples.push(text);
    }
    const before = samples.map((text) => lib.escape(text));
    installQuickEscape();
    expect(samples.map((text) => lib.escape(text))).toEqual(before);
    const env = new nunjucks.Environment(null, { autoescape: true });
    expect(env.renderString('{{ t }}|{{ u }}', { t: '<b>新闻</b> & "标题"', u: '闽东日报' })).toBe('&lt;b&gt;新闻&lt;/b&gt; &amp; &quot;标题&quot;|闽东日报');
  });
});

import { describe, expect, it } from 'vitest';
import { jsonForScript } from './template-environment.js';

describe('jsonForScript', () => {
  it('writes <, >, & and the line separators as escapes, so a title cannot end the script', () => {
    const json = jsonForScript({ headline: '</script><script>alert(1)</script> & 新闻\u2028\u2029' });
    expect(json).toBe('{"headline":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 新闻\\u2028\\u2029"}');
    expect(JSON.parse(json)).toEqual({ headline: '</script><script>alert(1)</script> & 新闻\u2028\u2029' });
  });

  it('leaves JSON without them as JSON.stringify writes it, and writes null for nothing', () => {
    expect(jsonForScript({ url: 'https://example.cn/a.html', name: '闽东日报' })).toBe('{"url":"https://example.cn/a.html","name":"闽东日报"}');
    expect(jsonForScript(undefined)).toBe('null');
  });
});
